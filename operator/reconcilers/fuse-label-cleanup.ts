// The fuse label at runtime deletion. While the runtime lives, the CSI plugin owns `fluid.io/f-<ns>-<name>`: it
// labels a node at NodeStageVolume and unlabels it at NodeUnstageVolume per the fuse clean policy. But an unstage
// that finds the Dataset or runtime already gone cannot read that policy and leaves the label, and the policy
// OnRuntimeDeleted never unlabels at all; Fluid's runtime shutdown removes the label from every node
// (pkg/ctrl/fuse.go CleanUpFuse), and so do we, or the next runtime of the same name would start a fuse there.
import { DatasetRef, fuseLabelKey } from '../../constructs/object-names';
import type { ObservedObject } from './cluster-view';

/** Node name → `{ <fuse label>: null }` for each node carrying the dataset's fuse label. */
export function fuseLabelRemovals(nodes: readonly ObservedObject[], ds: DatasetRef): Map<string, Record<string, null>> {
  const key = fuseLabelKey(ds);
  return new Map(nodes.filter((n) => n.metadata.labels?.[key] !== undefined).map((n) => [n.metadata.name, { [key]: null }]));
}
