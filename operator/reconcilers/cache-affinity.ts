// `<Runtime>.status.cacheAffinity`: where the cache workers may run, as one NodeAffinity. Fluid's app-pod webhook
// (pkg/webhook/plugins/nodeaffinitywithcache) reads it to place pods near the cache. Every Fluid engine writes it
// the same way from its worker workload's pod template (alluxio/jindocache/juicefs/thin status.go, cache
// engine status.go setWorkerComponentStatus, all through kubeclient.MergeNodeSelectorAndNodeAffinity in
// pkg/utils/kubeclient/pod.go).

interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

interface NodeSelectorTerm {
  readonly matchExpressions?: readonly NodeSelectorRequirement[];
  readonly matchFields?: readonly NodeSelectorRequirement[];
}

export interface NodeAffinity {
  readonly requiredDuringSchedulingIgnoredDuringExecution: { readonly nodeSelectorTerms: readonly NodeSelectorTerm[] };
  readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly unknown[];
}

interface PodSpecPlacement {
  readonly nodeSelector?: Record<string, string>;
  readonly affinity?: { readonly nodeAffinity?: Partial<NodeAffinity> };
}

/**
 * The template's node affinity with its nodeSelector added to every required term as `In` expressions (one term
 * of them when there is none), and an empty required list rather than none. Fluid walks the nodeSelector map in
 * Go's random order; we sort by key so the status does not change from one reconcile to the next.
 */
export function mergeNodeSelectorAndNodeAffinity(spec: PodSpecPlacement | undefined): NodeAffinity {
  const given = spec?.affinity?.nodeAffinity;
  const terms = given?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const expressions = Object.keys(spec?.nodeSelector ?? {}).sort().map((key) => ({ key, operator: 'In', values: [spec!.nodeSelector![key]] }));
  const merged = expressions.length === 0
    ? terms
    : terms.length === 0
      ? [{ matchExpressions: expressions }]
      : terms.map((t) => ({ ...t, matchExpressions: [...(t.matchExpressions ?? []), ...expressions] }));
  return {
    ...given,
    requiredDuringSchedulingIgnoredDuringExecution: { ...given?.requiredDuringSchedulingIgnoredDuringExecution, nodeSelectorTerms: merged },
  };
}

/** The cache affinity of a worker workload (StatefulSet, DaemonSet or Deployment) as rendered. */
export function cacheAffinityOf(workload: { readonly spec?: { readonly template?: { readonly spec?: PodSpecPlacement } } }): NodeAffinity {
  return mergeNodeSelectorAndNodeAffinity(workload.spec?.template?.spec);
}
