// What the efc chart's pods have in common (charts/efc/templates/*): the runtime's podMetadata under the component's,
// the Istio opt-out, host network with its DNS policy, the Dataset's tolerations and the controller's pull secrets.
import type { EFCRuntimeSpec } from '../../../crds/schema/efc-runtime';
import type { PodSpec, ResourceRequirements } from '../../../crds/schema/k8s/core.generated';
import { componentPodMetadata } from '../../fluid-labels';
import type { EfcValues } from './values';

export type Component = 'master' | 'worker' | 'fuse';

/** The runtime's podMetadata under the component's (transform.go transformPodMetadata). */
export function podMetadata(spec: EFCRuntimeSpec, component: Component): { labels: Record<string, string>; annotations: Record<string, string> } {
  return componentPodMetadata(spec.podMetadata, spec[component]?.podMetadata);
}

/** Pod fields every component shares; the node selector is the component's own and is written even when empty. */
export function commonPodSpec(v: EfcValues, hostNetwork: boolean, nodeSelector: Record<string, string> | undefined): Partial<PodSpec> {
  return {
    ...(hostNetwork ? { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } : {}),
    enableServiceLinks: false,
    ...(nodeSelector && Object.keys(nodeSelector).length ? { nodeSelector } : {}),
    ...(v.tolerations.length ? { tolerations: [...v.tolerations] } : {}),
    ...(v.pullSecrets.length ? { imagePullSecrets: [...v.pullSecrets] } : {}),
  };
}

/** The container's resources when any are set: the chart leaves the block out for empty ones. */
export function resourcesPart(resources: ResourceRequirements | undefined): { resources?: ResourceRequirements } {
  const limits = resources?.limits && Object.keys(resources.limits).length ? resources.limits : undefined;
  const requests = resources?.requests && Object.keys(resources.requests).length ? resources.requests : undefined;
  if (!limits && !requests) return {};
  return { resources: { ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) } };
}
