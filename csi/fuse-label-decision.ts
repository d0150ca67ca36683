// NodeUnstageVolume's one decision: take the fuse label off this node, which makes the fuse DaemonSet stop its pod
// here, or leave it (pkg/csi/plugins/nodeserver.go getCleanFuseFunc). The inputs are facts gathered beforehand.
import type { FuseCleanPolicy } from './runtime-clean-policy';

export interface FuseLabelFacts {
  readonly labelKey: string;
  readonly policy: FuseCleanPolicy;
  /** Pods on this node and published targets that still use the fuse, e.g. `pod ns/name`, `target /var/lib/...`. */
  readonly users: readonly string[];
  /** OnFuseChanged: the fuse generation recorded on the PVC (label fuse.runtime.fluid.io/generation). */
  readonly pvcFuseGeneration?: string;
  /** OnFuseChanged: the generation of the fuse running here, from its metadata file. */
  readonly runningFuseGeneration?: string;
}

export interface FuseLabelDecision {
  readonly remove: boolean;
  readonly reason: string;
}

export function decideFuseLabel(f: FuseLabelFacts): FuseLabelDecision {
  switch (f.policy) {
    case 'OnRuntimeDeleted':
      return { remove: false, reason: `clean policy OnRuntimeDeleted keeps ${f.labelKey} until the runtime is deleted` };
    case 'OnFuseChanged':
      if (!f.pvcFuseGeneration || !f.runningFuseGeneration) {
        return { remove: false, reason: `clean policy OnFuseChanged, and the fuse generation is unknown (PVC ${f.pvcFuseGeneration ?? 'unset'}, running ${f.runningFuseGeneration ?? 'unknown'})` };
      }
      if (f.pvcFuseGeneration === f.runningFuseGeneration) {
        return { remove: false, reason: `clean policy OnFuseChanged, and the fuse here runs the current generation ${f.runningFuseGeneration}` };
      }
      return usersBlock(f) ?? { remove: true, reason: `clean policy OnFuseChanged: the fuse here runs generation ${f.runningFuseGeneration}, the PVC records ${f.pvcFuseGeneration}` };
    case 'OnDemand':
      return usersBlock(f) ?? { remove: true, reason: 'clean policy OnDemand, and no pod on this node uses the fuse any more' };
  }
}

/** Taking the label while something still reads through the fuse would cut it off. */
function usersBlock(f: FuseLabelFacts): FuseLabelDecision | undefined {
  if (f.users.length === 0) return undefined;
  const shown = f.users.slice(0, 3).join(', ') + (f.users.length > 3 ? ` and ${f.users.length - 3} more` : '');
  return { remove: false, reason: `${f.labelKey} stays: the fuse is still used by ${shown}` };
}
