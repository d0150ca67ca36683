// The pod template every workload component takes, typed with the Kubernetes core types of crds/schema, so fields
// newer than cdk8s-plus-28's Kubernetes 1.28 model pass through untouched.
import type { PodSpec } from '../../crds/schema/k8s/core.generated';

export interface PodTemplate {
  /** Labels of the pods; the workload's selector labels are added to them. */
  readonly labels?: Record<string, string>;
  /** Annotations of the pods. */
  readonly annotations?: Record<string, string>;
  /** The pod spec, exactly as it should be applied. */
  readonly spec: PodSpec;
}

/** Pod template metadata + spec, with the selector labels merged in (a selector must match its own pods). */
export function renderPodTemplate(template: PodTemplate, selector: Record<string, string>): Record<string, unknown> {
  const metadata: Record<string, unknown> = { labels: { ...template.labels, ...selector } };
  if (template.annotations && Object.keys(template.annotations).length) metadata.annotations = template.annotations;
  return { metadata, spec: template.spec };
}

/**
 * Adds items by name: a later item replaces an earlier one of the same name in place, as Fluid's
 * AppendOrOverrideVolume(Mounts) do (pkg/utils/volumes.go), so a volume declared twice appears once.
 */
export function upsertByName<T extends { readonly name: string }>(list: readonly T[] | undefined, add: readonly T[]): T[] {
  const out = [...(list ?? [])];
  for (const item of add) {
    const at = out.findIndex((existing) => existing.name === item.name);
    if (at >= 0) out[at] = item;
    else out.push(item);
  }
  return out;
}
