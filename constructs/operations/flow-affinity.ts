// Data-flow affinity: an operation that runs after another may ask, with spec.runAfter.affinityStrategy, to run on
// the node (or zone, region, any recorded label) where the other one ran. The preceding operation recorded those
// labels in its status.nodeAffinity; this turns them into the follower's pod affinity (pkg/dataflow/affinity.go).
import type { OperationRef } from '../../crds/schema/common/operation';
import type { Affinity, NodeAffinity, NodeSelectorRequirement, PreferredSchedulingTerm } from '../../crds/schema/k8s/core.generated';

type Strategy = NonNullable<OperationRef['affinityStrategy']>;

/** The node label both policies follow when the strategy names none. */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** Fluid's policies; "" (the default) leaves the pod where the scheduler puts it. */
export const AFFINITY_POLICIES = ['', 'Require', 'Prefer'] as const;

/** Whether the strategy reads the preceding operation's status.nodeAffinity at all. */
export function followsPrecedingNode(strategy: Strategy | undefined): boolean {
  return strategy?.policy === 'Require' || strategy?.policy === 'Prefer';
}

/** Fluid records one selector term; its expressions are the labels of the node the operation ran on. */
function recordedExpressions(recorded: NodeAffinity | undefined): readonly NodeSelectorRequirement[] {
  return recorded?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchExpressions ?? [];
}

/** Every required term gets the expressions (each term is an alternative, so each must hold them); none: one term. */
function withRequired(current: Affinity | undefined, expressions: NodeSelectorRequirement[]): Affinity | undefined {
  if (!expressions.length) return current;
  const nodeAffinity = current?.nodeAffinity ?? {};
  const terms = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const nodeSelectorTerms = terms?.length
    ? terms.map((t) => ({ ...t, matchExpressions: [...(t.matchExpressions ?? []), ...expressions] }))
    : [{ matchExpressions: expressions }];
  return { ...current, nodeAffinity: { ...nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } };
}

function withPreferred(current: Affinity | undefined, preferred: PreferredSchedulingTerm[]): Affinity | undefined {
  if (!preferred.length) return current;
  const nodeAffinity = current?.nodeAffinity ?? {};
  const existing = nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  return { ...current, nodeAffinity: { ...nodeAffinity, preferredDuringSchedulingIgnoredDuringExecution: [...existing, ...preferred] } };
}

/**
 * The follower's pod affinity: `current` (what the pod already asks for) plus, for Require, the recorded
 * expressions of the labels in `requires` as required node affinity, or for Prefer, one weighted preference per
 * label in `prefers`. Labels the preceding node did not have are skipped; with no recorded affinity nothing changes.
 */
export function flowAffinity(strategy: Strategy | undefined, recorded: NodeAffinity | undefined, current: Affinity | undefined): Affinity | undefined {
  const expressions = recordedExpressions(recorded);
  const copy = (e: NodeSelectorRequirement): NodeSelectorRequirement => ({ key: e.key, operator: e.operator, ...(e.values ? { values: [...e.values] } : {}) });
  if (strategy?.policy === 'Require') {
    const requires = strategy.requires?.length ? strategy.requires : [{ name: HOSTNAME_LABEL }];
    return withRequired(current, requires.flatMap((r) => expressions.filter((e) => e.key === r.name).map(copy)));
  }
  if (strategy?.policy === 'Prefer') {
    const prefers = strategy.prefers?.length ? strategy.prefers : [{ name: HOSTNAME_LABEL, weight: 100 }];
    return withPreferred(current, prefers.flatMap((p) => expressions.filter((e) => e.key === p.name).map((e) => ({ weight: p.weight, preference: { matchExpressions: [copy(e)] } }))));
  }
  return current;
}
