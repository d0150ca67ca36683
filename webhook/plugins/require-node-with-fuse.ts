// RequireNodeWithFuse (pkg/webhook/plugins/requirenodewithfuse): a pod that mounts a Dataset whose runtime limits
// its fuse to some nodes (`spec.fuse.nodeSelector`) must run on one of them, or its volume could never mount.
import { addRequiredTerms } from '../node-affinity';
import { clonePod, NodeSelectorTerm } from '../pod';
import { sortedUses } from '../dataset-use';
import type { PodPlugin } from './pod-plugin';

export const requireNodeWithFuse: PodPlugin = {
  name: 'RequireNodeWithFuse',
  mutate(pod, uses) {
    const terms: NodeSelectorTerm[] = sortedUses(uses).flatMap((use) => {
      const selector = use.fuseNodeSelector ?? {};
      // Fluid walks the selector map in Go's random order; sorted keys give one answer.
      const expressions = Object.keys(selector).sort().map((key) => ({ key, operator: 'In', values: [selector[key]] }));
      return expressions.length ? [{ matchExpressions: expressions }] : [];
    });
    if (terms.length === 0) return { pod };
    const out = clonePod(pod);
    addRequiredTerms(out, terms);
    return { pod: out };
  },
};
