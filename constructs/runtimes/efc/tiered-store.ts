// The EFC worker's cache tier: only the runtime's fastest tier and only its first folder reach the worker
// (pkg/ddc/efc/transform_tieredstore.go transformWorkerTieredStore), quoted in EFC's units ("1GB" for 1Gi,
// pkg/utils/quantity.go TransformQuantityToEFCUnit). Master and fuse get a fixed memory tier of their own.
import type { EFCRuntimeSpec } from '../../../crds/schema/efc-runtime';
import type { Level } from '../../../crds/schema/common/tiered-store';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import type { DatasetRef } from '../../object-names';
import { canonicalQuantity, parseQuantity, Quantity, quantityValue } from '../../quantity';
import { DEFAULT_WORKER_TIER_ROOT, MIN_WORKER_QUOTA } from './defaults';

export interface WorkerTier {
  /** MEM, SSD or HDD. */
  readonly mediumtype: string;
  readonly volumeType: 'hostPath' | 'emptyDir';
  /** `<first path>/<ns>/<name>`: the worker's cache_media. */
  readonly path: string;
  /** The folder's quota in EFC's units, e.g. "10GB". */
  readonly quota: string;
  /** Which spec level it comes from; undefined for Fluid's default tier. */
  readonly level?: number;
}

const ORDER: Record<string, number> = { MEM: 0, SSD: 1, HDD: 2 };
const NANO = 1_000_000_000n;

/** "10Gi" -> "10GB": Fluid's EFC unit (TransformQuantityToEFCUnit). */
export function toEfcUnit(quantity: string): string {
  return quantity.endsWith('i') ? quantity.replaceAll('i', 'B') : quantity;
}

/** "10GB" -> the quantity 10Gi (TransformEFCUnitToQuantity). */
export function fromEfcUnit(quota: string): Quantity | undefined {
  return parseQuantity(quota.endsWith('B') ? quota.replaceAll('B', 'i') : quota);
}

/** The first folder's quota: quotaList's first entry as written, else quota split over the folders in whole bytes. */
function firstPathQuota(level: Level, paths: number): Quantity | undefined {
  if (level.quotaList) return parseQuantity(level.quotaList.split(',')[0]);
  const total = level.quota === undefined ? undefined : parseQuantity(level.quota);
  return total && { nanos: (quantityValue(total) / BigInt(paths)) * NANO, binary: true };
}

/** The spec level Fluid gives the worker: the first one of the fastest medium declared. */
export function workerLevelIndex(spec: EFCRuntimeSpec): number | undefined {
  const levels = spec.tieredstore?.levels ?? [];
  if (!levels.length) return undefined;
  const best = Math.min(...levels.map((l) => ORDER[l.mediumtype]));
  return levels.findIndex((l) => ORDER[l.mediumtype] === best);
}

export function workerTier(spec: EFCRuntimeSpec, ds: DatasetRef): WorkerTier {
  const at = workerLevelIndex(spec);
  if (at === undefined) {
    return { mediumtype: 'MEM', volumeType: 'emptyDir', path: `${DEFAULT_WORKER_TIER_ROOT}/${ds.namespace}/${ds.name}`, quota: toEfcUnit(MIN_WORKER_QUOTA) };
  }
  const level = spec.tieredstore!.levels![at];
  const folders = (level.path ?? '').split(',');
  const quota = firstPathQuota(level, folders.length);
  return {
    mediumtype: level.mediumtype,
    volumeType: level.volumeType ?? 'hostPath',
    path: `${folders[0].replace(/\/+$/, '')}/${ds.namespace}/${ds.name}`,
    quota: quota ? toEfcUnit(canonicalQuantity(quota)) : '',
    level: at,
  };
}

/** Whole GiB of the tier, the worker's cache_capacity_gb; undefined when under Fluid's 1Gi minimum. */
export function capacityGb(tier: WorkerTier): number | undefined {
  const q = fromEfcUnit(tier.quota);
  const gi = quantityValue(parseQuantity(MIN_WORKER_QUOTA)!);
  if (!q || quantityValue(q) < gi) return undefined;
  return Number(quantityValue(q) / gi);
}

/** The worker's memory request Fluid derives from a memory tier: its quota as Kubernetes prints it. */
export function tierMemory(tier: WorkerTier): string | undefined {
  const q = tier.mediumtype === 'MEM' && tier.quota ? fromEfcUnit(tier.quota) : undefined;
  return q && canonicalQuantity(q);
}

/**
 * The tier's volume and mount as charts/efc/templates/_helpers.tpl renders a single-medium level (its `medium:` for a
 * disk emptyDir is empty, which YAML reads as no medium).
 */
export function tierVolume(tier: { mediumtype: string; volumeType: string; path: string; quota?: string }): { volume: Volume; mount: VolumeMount } {
  const name = tier.mediumtype.toLowerCase();
  const volume: Volume =
    tier.volumeType === 'hostPath'
      ? { name, hostPath: { path: tier.path, type: 'DirectoryOrCreate' } }
      : { name, emptyDir: { ...(tier.mediumtype === 'MEM' ? { medium: 'Memory' } : {}), ...(tier.quota ? { sizeLimit: tier.quota.replaceAll('B', 'i') } : {}) } };
  return { volume, mount: { name, mountPath: tier.path } };
}
