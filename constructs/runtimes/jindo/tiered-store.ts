// Jindo's cache layout from the first tiered-store level (the only one Jindo uses; transform.go): the cache and
// metadata folders, the capacities in Jindo's units, and the datavolume-<key> volumes of master, workers and fuse.
import type { Level } from '../../../crds/schema/common/tiered-store';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { canonicalQuantity, parseQuantity, Quantity } from '../../quantity';
import { DEFAULT_CACHE_PATH, DEFAULT_CACHE_QUOTA } from './defaults';

/** One datavolume-<key>: a cache folder, or the host folder of a local:/// mount (key = the mount's name). */
export interface DataVolume {
  /** "1", "2" ... for cache folders, the mount name for local:/// mounts. */
  readonly key: string;
  /** Host folder (hostPath) and mount path in the container. */
  readonly path: string;
  /** The level's volumeType. @default 'hostPath' */
  readonly type: 'hostPath' | 'emptyDir';
  /** emptyDir medium: Memory for memory tiers, "" for disks, or the level's own emptyDir medium. */
  readonly medium?: string;
  /** emptyDir sizeLimit of a worker cache folder. */
  readonly sizeLimit?: string;
}

export interface JindoCache {
  /** `<first path>/<ns>/<name>/jindocache`: metadata of the master and the log folder. */
  readonly metaPath: string;
  /** The same under every path, comma-separated: storage.data-dirs. */
  readonly dataPath: string;
  /** Capacities in Jindo units ("1g", "1g,2g"): storage.data-dirs.capacities. */
  readonly capacities: string;
  /** The tier is memory (also with no tiered store: Fluid's default cache is /dev/shm). */
  readonly memory: boolean;
  /** Memory the worker must request to hold a memory tier; undefined for disk tiers and the default cache. */
  readonly workerMemory?: Quantity;
  /** storage.watermark.high.ratio. @default '0.8' without a tiered store */
  readonly high?: string;
  /** storage.watermark.low.ratio. @default '0.6' without a tiered store */
  readonly low?: string;
  /** The master's metadata folder. */
  readonly master: readonly DataVolume[];
  /** The workers' cache folders; the fuse shares the hostPath ones. */
  readonly worker: readonly DataVolume[];
}

/** "1Gi" -> "1g", "512Mi" -> "512m": Jindo's size units (pkg/utils/quantity.go TransformQuantityToJindoUnit). */
export function jindoUnit(quantity: string): string {
  if (quantity.endsWith('Gi')) return quantity.replace('Gi', 'g');
  if (quantity.endsWith('Mi')) return quantity.replace('Mi', 'm');
  return quantity;
}

function canonical(value: string | number): string {
  const q = parseQuantity(value);
  return q ? canonicalQuantity(q) : String(value);
}

/** Fluid's cache when the runtime has no tiered store (transform.go, transformWorker). */
const DEFAULT_LEVEL: Level = { mediumtype: 'MEM', volumeType: 'hostPath', path: DEFAULT_CACHE_PATH, quota: DEFAULT_CACHE_QUOTA, high: '0.8', low: '0.6' };

/** The quota of each path: quotaList when given (it overrides quota, pkg/ddc/base/runtime.go), else the level quota. */
function quotasOf(level: Level): string[] {
  if (level.quotaList) return level.quotaList.split(',');
  return level.quota === undefined ? [] : [canonical(level.quota)];
}

function sumOf(quotas: readonly string[]): Quantity | undefined {
  const parsed = quotas.map((q) => parseQuantity(q));
  if (!parsed.length || parsed.some((q) => !q)) return undefined;
  return { nanos: parsed.reduce((sum, q) => sum + q!.nanos, 0n), binary: parsed.every((q) => q!.binary) };
}

const memoryMedium = (level: Level) => (level.mediumtype === 'MEM' ? 'Memory' : '');

/** A worker emptyDir takes the level's own emptyDir medium when it names one. */
function workerMedium(level: Level): string {
  if (level.volumeType === 'emptyDir' && level.volumeSource?.emptyDir) return level.volumeSource.emptyDir.medium ?? '';
  return memoryMedium(level);
}

export function jindoCache(levels: readonly Level[] | undefined, ns: string, name: string): JindoCache {
  const level = levels?.[0] ?? DEFAULT_LEVEL;
  const paths = (level.path ?? '').split(',').map((p) => p.replace(/\/+$/, ''));
  const cachePaths = paths.map((p) => `${p}/${ns}/${name}/jindocache`);
  const quotas = quotasOf(level);
  const type = level.volumeType ?? 'hostPath';
  // Fluid reads the medium of the last level to pick memory settings (utils.go getTieredStoreType).
  const memory = (levels?.at(-1) ?? DEFAULT_LEVEL).mediumtype === 'MEM';
  return {
    metaPath: cachePaths[0],
    dataPath: cachePaths.join(','),
    capacities: quotas.map(jindoUnit).join(','),
    memory,
    // Only a tiered store the user wrote raises the worker's memory request (transform_resources.go hasTieredStore).
    workerMemory: levels?.length && memory ? sumOf(quotas) : undefined,
    high: level.high ?? '',
    low: level.low ?? '',
    master: [{ key: '1', path: cachePaths[0], type, medium: memoryMedium(level) }],
    worker: paths.map((path, i) => ({ key: String(i + 1), path, type, medium: workerMedium(level), ...(quotas[i] ? { sizeLimit: quotas[i] } : {}) })),
  };
}

export const dataVolumeName = (v: DataVolume) => `datavolume-${v.key}`;

/** The chart ranges over a map, so volumes come in key order. */
export function byKey(volumes: readonly DataVolume[]): DataVolume[] {
  return [...volumes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function dataVolume(v: DataVolume, withSizeLimit: boolean): Volume {
  if (v.type === 'hostPath') return { name: dataVolumeName(v), hostPath: { path: v.path, type: 'DirectoryOrCreate' } };
  const emptyDir: Record<string, string> = {};
  if (v.medium) emptyDir.medium = v.medium;
  if (withSizeLimit && v.sizeLimit) emptyDir.sizeLimit = v.sizeLimit;
  return { name: dataVolumeName(v), emptyDir };
}

export function dataVolumeMount(v: DataVolume): VolumeMount {
  return { name: dataVolumeName(v), mountPath: v.path };
}
