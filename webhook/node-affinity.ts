// Adding scheduling terms to a pod the way Fluid's plugins do (pkg/utils/webhook.go): preferred terms are appended;
// required terms are ANDed with the pod's own (each existing term combined with each new one), because required
// node selector terms are ORed and simply appending would loosen the pod's own constraint.
import type { NodeSelectorTerm, Pod, PreferredSchedulingTerm } from './pod';

function isEmpty(term: NodeSelectorTerm): boolean {
  return !term.matchExpressions?.length && !term.matchFields?.length;
}

function nodeAffinityOf(pod: Pod) {
  pod.spec.affinity ??= {};
  pod.spec.affinity.nodeAffinity ??= {};
  return pod.spec.affinity.nodeAffinity;
}

/** Appends preferred terms; changes `pod`. */
export function addPreferredTerms(pod: Pod, terms: readonly PreferredSchedulingTerm[]): void {
  if (terms.length === 0) return;
  const affinity = nodeAffinityOf(pod);
  affinity.preferredDuringSchedulingIgnoredDuringExecution = [...(affinity.preferredDuringSchedulingIgnoredDuringExecution ?? []), ...terms];
}

/** Requires the new terms on top of the pod's own; changes `pod`. */
export function addRequiredTerms(pod: Pod, terms: readonly NodeSelectorTerm[]): void {
  if (terms.length === 0) return;
  const affinity = nodeAffinityOf(pod);
  affinity.requiredDuringSchedulingIgnoredDuringExecution ??= { nodeSelectorTerms: [] };
  const required = affinity.requiredDuringSchedulingIgnoredDuringExecution;
  const existing = required.nodeSelectorTerms ?? [];
  if (existing.length === 0) {
    required.nodeSelectorTerms = [...terms];
    return;
  }
  const added = terms.filter((t) => !isEmpty(t));
  if (added.length === 0) return;
  const own = existing.filter((t) => !isEmpty(t));
  if (own.length === 0) {
    required.nodeSelectorTerms = added;
    return;
  }
  required.nodeSelectorTerms = own.flatMap((mine) =>
    added.map((theirs) => {
      const expressions = [...(mine.matchExpressions ?? []), ...(theirs.matchExpressions ?? [])];
      const fields = [...(mine.matchFields ?? []), ...(theirs.matchFields ?? [])];
      // Go's omitempty: an empty list is left out.
      return { ...(expressions.length ? { matchExpressions: expressions } : {}), ...(fields.length ? { matchFields: fields } : {}) };
    }),
  );
}
