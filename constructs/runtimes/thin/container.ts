// Container and pod fields the fuse and the worker render alike. The chart writes each only when it is set, so an
// unset value leaves the field out rather than writing an empty one.
import type { Container, LocalObjectReference } from '../../../crds/schema/k8s/core.generated';
import type { MergedComponent, MergedImage } from './merge';

/** The chart writes `image:tag`, or the image alone when no tag is set. */
export function imageRef(merged: MergedImage): string | undefined {
  return merged.image && merged.imageTag ? `${merged.image}:${merged.imageTag}` : merged.image;
}

/** Image, resources, ports and probes of a component's container. */
export function componentFields(c: MergedComponent): Partial<Container> {
  return {
    image: imageRef(c),
    ...(Object.keys(c.resources).length ? { resources: c.resources } : {}),
    ...(c.ports.length ? { ports: [...c.ports] } : {}),
    ...(c.livenessProbe ? { livenessProbe: c.livenessProbe } : {}),
    ...(c.readinessProbe ? { readinessProbe: c.readinessProbe } : {}),
  };
}

/** The component's pull secrets, else the runtime's (else the profile's): the chart's `if fuse... else if ...`. */
export function pullSecretsField(c: MergedImage, fallback: readonly LocalObjectReference[] | undefined): { imagePullSecrets?: LocalObjectReference[] } {
  const secrets = c.imagePullSecrets?.length ? c.imagePullSecrets : fallback;
  return secrets?.length ? { imagePullSecrets: [...secrets] } : {};
}
