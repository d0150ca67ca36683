// Labels on the nodes that cache a dataset (pkg/utils/dataset/lifecycle/node.go): level-based, from where the
// dataset's worker pods run now, so scale-in and deletion take them off again.
import type { CacheQuota } from '../../constructs/runtimes/cache-quota';
import { commonLabelKey, DatasetRef, runtimeLabelKey, storageLabelKey } from '../../constructs/object-names';
import type { ObservedObject } from './cluster-view';

export const DATASET_NUM = 'fluid.io/dataset-num';
export const EXCLUSIVE = 'fluid_exclusive';
const DATASET_LABEL = 'fluid.io/dataset';

/** go-units BytesSize: four significant digits and a binary unit, as Fluid writes the quota labels. */
export function bytesSize(bytes: bigint): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = Number(bytes);
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${Number(value.toPrecision(4))}${units[i]}`;
}

export interface NodeLabelInput {
  /** The runtime type in the label keys (RuntimeEngine.nodeLabelType). */
  readonly runtimeType: string;
  readonly dataset: DatasetRef;
  readonly datasetId: string;
  readonly placement: 'Exclusive' | 'Shared';
  readonly quota: CacheQuota;
  readonly nodes: readonly ObservedObject[];
  /** Every running worker pod of every dataset (label fluid.io/dataset), for dataset-num. */
  readonly workerPods: readonly ObservedObject[];
  /** False while the runtime is being deleted: every label comes off. */
  readonly keep: boolean;
}

function running(pod: ObservedObject): boolean {
  return !!pod.spec?.nodeName && !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

/** The labels of a node that caches the dataset: a capacity label only for each medium the tiered store has, and the total. */
function wantedLabels(input: NodeLabelInput): Record<string, string> {
  const { runtimeType, dataset: ds, quota } = input;
  const labels: Record<string, string> = { [commonLabelKey(ds)]: 'true', [runtimeLabelKey(runtimeType, ds)]: 'true' };
  if (quota.memory !== undefined) labels[storageLabelKey(runtimeType, 'm', ds)] = bytesSize(quota.memory);
  if (quota.disk !== undefined) labels[storageLabelKey(runtimeType, 'd', ds)] = bytesSize(quota.disk);
  labels[storageLabelKey(runtimeType, 't', ds)] = bytesSize((quota.memory ?? 0n) + (quota.disk ?? 0n));
  return labels;
}

/** Node name → label changes (null removes); nodes needing no change are left out. */
export function nodeLabelChanges(input: NodeLabelInput): Map<string, Record<string, string | null>> {
  const pods = input.workerPods.filter(running);
  const ours = new Set(input.keep ? pods.filter((p) => p.metadata.labels?.[DATASET_LABEL] === input.datasetId).map((p) => p.spec.nodeName as string) : []);
  const ds = input.dataset;
  const wanted = wantedLabels(input);
  // Every key this runtime may have written, so a medium dropped from the tiered store loses its label too.
  const managed = [commonLabelKey(ds), runtimeLabelKey(input.runtimeType, ds), ...(['m', 'd', 't'] as const).map((s) => storageLabelKey(input.runtimeType, s, ds))];
  const exclusiveValue = `${ds.namespace}_${ds.name}`;
  const changes = new Map<string, Record<string, string | null>>();
  for (const node of input.nodes) {
    const name = node.metadata.name;
    const labels = node.metadata.labels ?? {};
    const change: Record<string, string | null> = {};
    const hosts = ours.has(name);
    for (const key of managed) {
      const value = hosts ? wanted[key] : undefined;
      if (value !== undefined && labels[key] !== value) change[key] = value;
      if (value === undefined && key in labels) change[key] = null;
    }
    // One key for every Exclusive dataset: the first to claim a node keeps it (Fluid labels a node once and never
    // overwrites), so two datasets sharing a node, which anti-affinity allows across namespaces, do not flap it.
    if (hosts && input.placement === 'Exclusive' && labels[EXCLUSIVE] === undefined) change[EXCLUSIVE] = exclusiveValue;
    if (!hosts && labels[EXCLUSIVE] === exclusiveValue) change[EXCLUSIVE] = null;
    // dataset-num counts the datasets whose workers run here, after this change (deleted rather than 0).
    const others = new Set(pods.filter((p) => p.spec.nodeName === name && p.metadata.labels?.[DATASET_LABEL] !== input.datasetId).map((p) => p.metadata.labels?.[DATASET_LABEL]));
    const count = others.size + (hosts ? 1 : 0);
    const num = count > 0 ? String(count) : null;
    if ((labels[DATASET_NUM] ?? null) !== num) change[DATASET_NUM] = num;
    if (Object.keys(change).length) changes.set(name, change);
  }
  return changes;
}
