// NodeAffinityWithCache (pkg/webhook/plugins/nodeaffinitywithcache): a pod that mounts a Dataset prefers the nodes
// that hold its cache, and requires them when labelled `fluid.io/dataset.<pvc>.sched: required`. Which labels
// count, and how much, is the plugin's "tiered locality" (its args in the webhook-plugins profile): Fluid's two
// built-in names (fluid.io/node: the cache-node label, fluid.io/fuse: the fuse-node label) and any label of the
// runtime's status.cacheAffinity (zone, region ...).
import type { NodeSelectorTerm, PreferredSchedulingTerm } from '../pod';
import { addPreferredTerms, addRequiredTerms } from '../node-affinity';
import { clonePod, Pod } from '../pod';
import { DatasetUse, sortedUses } from '../dataset-use';
import { DATASET_SCHED } from '../pod-labels';
import type { PodPlugin } from './pod-plugin';

export interface TieredLocality {
  /** Locality names with the weight of their preferred term. */
  readonly preferred: readonly { readonly name: string; readonly weight: number }[];
  /** Locality names required for pods that ask for it. */
  readonly required: readonly string[];
}

/** The chart's default args (charts/fluid/fluid/values.yaml, webhook.pluginsProfile.pluginConfig). */
export const DEFAULT_TIERED_LOCALITY: TieredLocality = {
  preferred: [
    { name: 'fluid.io/node', weight: 100 },
    { name: 'topology.kubernetes.io/zone', weight: 50 },
    { name: 'topology.kubernetes.io/region', weight: 20 },
  ],
  required: ['fluid.io/node'],
};

/** Fluid's built-in locality names, in the order it adds their terms. */
const BUILT_IN: readonly { readonly name: string; readonly label: (u: DatasetUse) => string }[] = [
  { name: 'fluid.io/node', label: (u) => u.cacheNodeLabel },
  { name: 'fluid.io/fuse', label: (u) => u.fuseNodeLabel },
];

function localityNames(t: TieredLocality): Set<string> {
  return new Set([...t.preferred.map((p) => p.name), ...t.required]);
}

/** The pod places itself already by one of the locality labels: Fluid then adds nothing. */
function placesItself(pod: Pod, names: Set<string>): boolean {
  const node = pod.spec.affinity?.nodeAffinity;
  const preferred = (node?.preferredDuringSchedulingIgnoredDuringExecution ?? []).some((t) => (t.preference.matchExpressions ?? []).some((e) => names.has(e.key)));
  const required = (node?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).some((t) => (t.matchExpressions ?? []).some((e) => names.has(e.key)));
  return preferred || required || Object.keys(pod.spec.nodeSelector ?? {}).some((k) => names.has(k));
}

/** PVC names the pod's labels require cache placement for. */
function requiredClaims(pod: Pod): Set<string> {
  const claims = new Set<string>();
  for (const [key, value] of Object.entries(pod.metadata.labels ?? {})) {
    const m = DATASET_SCHED.exec(key);
    if (m && value === 'required') claims.add(m[1]);
  }
  return claims;
}

function cacheAffinityExpressions(use: DatasetUse) {
  return (use.cacheAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).flatMap((t) => t.matchExpressions ?? []);
}

function requiredTerms(use: DatasetUse, names: readonly string[]): NodeSelectorTerm[] {
  const builtIn = BUILT_IN.filter((b) => names.includes(b.name)).map((b) => ({ matchExpressions: [{ key: b.label(use), operator: 'In', values: ['true'] }] }));
  const custom = cacheAffinityExpressions(use)
    .filter((e) => names.includes(e.key))
    .map((e) => ({ matchExpressions: [{ key: e.key, operator: e.operator, ...(e.values ? { values: [...e.values] } : {}) }] }));
  return [...builtIn, ...custom];
}

function preferredTerms(use: DatasetUse, weights: ReadonlyMap<string, number>): PreferredSchedulingTerm[] {
  const builtIn = BUILT_IN.filter((b) => weights.has(b.name)).map((b) => ({
    weight: weights.get(b.name)!,
    preference: { matchExpressions: [{ key: b.label(use), operator: 'In', values: ['true'] }] },
  }));
  const custom = cacheAffinityExpressions(use)
    .filter((e) => weights.has(e.key))
    .map((e) => ({ weight: weights.get(e.key)!, preference: { matchExpressions: [{ key: e.key, operator: e.operator, ...(e.values ? { values: [...e.values] } : {}) }] } }));
  return [...builtIn, ...custom];
}

export function nodeAffinityWithCache(locality: TieredLocality = DEFAULT_TIERED_LOCALITY): PodPlugin {
  const names = localityNames(locality);
  // Fluid keeps the preferred list as a map: a name listed twice takes the later weight.
  const weights = new Map(locality.preferred.map((p) => [p.name, p.weight]));
  return {
    name: 'NodeAffinityWithCache',
    mutate(pod, uses) {
      if (uses.length === 0 || placesItself(pod, names)) return { pod };
      const required = requiredClaims(pod);
      const sorted = sortedUses(uses);
      const out = clonePod(pod);
      addRequiredTerms(out, sorted.filter((u) => required.has(u.claimName)).flatMap((u) => requiredTerms(u, locality.required)));
      addPreferredTerms(out, sorted.filter((u) => !required.has(u.claimName)).flatMap((u) => preferredTerms(u, weights)));
      return { pod: out };
    },
  };
}
