// The cache tiers of Alluxio workers: the Alluxio properties that describe them and the volumes that back them.
// Fluid turns spec.tieredstore into chart values in pkg/ddc/alluxio/transform.go (transformCommonPart) and
// pkg/ddc/base/runtime.go (convertToTieredstoreInfo); the chart turns those into volumes in
// charts/alluxio/templates/_helpers.tpl (alluxio.worker.tieredstore*, alluxio.fuse.tieredstore*).
import type { Level, TieredStore } from '../../../crds/schema/common/tiered-store';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import type { DatasetRef } from '../../object-names';
import { canonicalQuantity, parseQuantity, Quantity, quantityValue } from '../../quantity';
import { CHART_DEFAULT_TIER } from './defaults';

/** One tier as the chart receives it. */
export interface Tier {
  /** Spec medium type (MEM, SSD, HDD): Alluxio's tier alias. */
  readonly alias: string;
  /** Position of the alias among the runtime's distinct aliases, ordered MEM, SSD, HDD. */
  readonly level: number;
  /** What backs the folders. @default 'hostPath' */
  readonly volumeType: 'hostPath' | 'emptyDir';
  /** Medium of each path: the alias, or the emptyDir medium an emptyDir volumeSource names. */
  readonly medium: string;
  /** Cache folders, `<path>/<ns>/<name>` (the chart's value for a default tier is the bare path). */
  readonly paths: readonly string[];
  /** Quota of each path in Alluxio's units ("2GB"). */
  readonly quotas: readonly string[];
  /** Quota of each path; empty for the chart's default tier. */
  readonly quotaBytes: readonly Quantity[];
}

const ORDER: Record<string, number> = { MEM: 0, SSD: 1, HDD: 2 };
const NANO = 1_000_000_000n;

/** Alluxio writes "2GB" where Kubernetes writes "2Gi" (pkg/utils/quantity.go TransformQuantityToAlluxioUnit). */
export function toAlluxioUnit(quantity: string): string {
  return quantity.endsWith('i') ? quantity.replaceAll('i', 'B') : quantity;
}

/** And back for an emptyDir sizeLimit, as the chart does with `replace "B" "i"`. */
function fromAlluxioUnit(quantity: string): string {
  return quantity.replaceAll('B', 'i');
}

/**
 * Per-path quotas: quotaList one by one, else quota split equally in whole bytes, printed with binary suffixes
 * (resource.NewQuantity(value/paths, BinarySI) in pkg/ddc/base/runtime.go).
 */
function pathQuotas(level: Level, paths: number): Quantity[] {
  if (level.quotaList) return level.quotaList.split(',').flatMap((q) => parseQuantity(q) ?? []);
  const total = level.quota === undefined ? undefined : parseQuantity(level.quota);
  if (!total) return [];
  const share = (quantityValue(total) / BigInt(paths)) * NANO;
  return Array.from({ length: paths }, () => ({ nanos: share, binary: true }));
}

/**
 * Fluid takes the medium of an emptyDir tier from its volumeSource (getMediumTypeFromVolumeSource); an empty
 * medium there would leave the tier without a volume, so the alias stays in that case.
 */
function mediumOf(level: Level): string {
  const medium = level.volumeType === 'emptyDir' ? level.volumeSource?.emptyDir?.medium : undefined;
  return medium || level.mediumtype;
}

/** The runtime's tiers as Fluid hands them to the chart; empty when the runtime declares none. */
export function specTiers(store: TieredStore | undefined, ds: DatasetRef): Tier[] {
  const levels = store?.levels ?? [];
  const aliases = [...new Set(levels.map((l) => l.mediumtype))].sort((a, b) => ORDER[a] - ORDER[b]);
  return levels.map((level) => {
    const folders = (level.path ?? '').split(',').map((p) => p.replace(/\/+$/, ''));
    const quotaBytes = pathQuotas(level, folders.length);
    return {
      alias: level.mediumtype,
      level: aliases.indexOf(level.mediumtype),
      volumeType: level.volumeType ?? 'hostPath',
      medium: mediumOf(level),
      paths: folders.map((folder) => `${folder}/${ds.namespace}/${ds.name}`),
      quotas: quotaBytes.map((q) => toAlluxioUnit(canonicalQuantity(q))),
      quotaBytes,
    };
  });
}

/** The tier the chart renders when the runtime declares none (charts/alluxio/values.yaml tieredstore). */
export const CHART_DEFAULT: Tier = {
  alias: CHART_DEFAULT_TIER.mediumType,
  level: 0,
  volumeType: 'emptyDir',
  medium: CHART_DEFAULT_TIER.mediumType,
  paths: [CHART_DEFAULT_TIER.path],
  quotas: [CHART_DEFAULT_TIER.quota],
  quotaBytes: [],
};

/** The tiers the chart renders. */
export function renderedTiers(tiers: readonly Tier[]): readonly Tier[] {
  return tiers.length ? tiers : [CHART_DEFAULT];
}

/** Folder of the first tier, which master and workers get as ALLUXIO_WORKER_TIEREDSTORE_LEVEL0_DIRS_PATH. */
export function level0Path(tiers: readonly Tier[], ds: DatasetRef): string {
  const first = tiers.find((t) => t.level === 0);
  return first ? first.paths.join(',') : `/dev/shm/${ds.namespace}/${ds.name}`;
}

/** Total quota of the MEM tiers, which sizes worker memory requests and fuse memory limits (GetLevelStorageMap). */
export function memoryQuota(tiers: readonly Tier[]): Quantity | undefined {
  const memory = tiers.filter((t) => t.alias !== 'SSD' && t.alias !== 'HDD').flatMap((t) => t.quotaBytes);
  return memory.length ? { nanos: memory.reduce((sum, q) => sum + q.nanos, 0n), binary: true } : undefined;
}

/** Alluxio properties describing the tiers, as -D options (charts/alluxio/templates/config/alluxio-conf.yaml). */
export function tierJavaOptions(tiers: readonly Tier[]): string[] {
  const options = [`-Dalluxio.worker.tieredstore.levels=${tiers.length}`];
  for (const tier of tiers) {
    const prefix = `-Dalluxio.worker.tieredstore.level${tier.level}`;
    options.push(
      `${prefix}.alias=${tier.alias}`,
      `${prefix}.dirs.mediumtype=${tier.paths.map(() => tier.medium).join(',')}`,
      `${prefix}.dirs.path=${tier.paths.join(',')}`,
      `${prefix}.dirs.quota=${tier.quotas.join(',')}`,
    );
  }
  return options;
}

/**
 * emptyDir medium: Memory for MEM, the node's disk otherwise; a single-folder tier keeps a medium other than
 * MEM/SSD/HDD as written (a volumeSource's "Memory").
 */
function emptyDirMedium(medium: string, several: boolean): string {
  if (medium === 'MEM') return 'Memory';
  return several || medium === 'SSD' || medium === 'HDD' ? '' : medium;
}

/** The volume of folder `index` of a tier: `mem`, or `ssd-0`, `ssd-1` ... when the tier has several folders. */
function tierVolume(tier: Tier, index: number): Volume {
  const several = tier.paths.length > 1;
  const name = several ? `${tier.medium.toLowerCase()}-${index}` : tier.medium.toLowerCase();
  if (tier.volumeType === 'hostPath') return { name, hostPath: { path: tier.paths[index], type: 'DirectoryOrCreate' } };
  const medium = emptyDirMedium(tier.medium, several);
  const quota = tier.quotas[index];
  return { name, emptyDir: { ...(medium ? { medium } : {}), ...(quota ? { sizeLimit: fromAlluxioUnit(quota) } : {}) } };
}

export interface TierVolumes {
  /** One volume per tier folder. */
  readonly volumes: Volume[];
  /** Each tier volume, mounted at its folder. */
  readonly mounts: VolumeMount[];
}

/**
 * One volume per tier folder, mounted at the folder itself. Fuse pods read hostPath tiers directly (Fluid sets
 * the short-circuit policy "local"), so they get the hostPath ones only.
 */
export function tierVolumes(tiers: readonly Tier[], hostPathOnly: boolean): TierVolumes {
  const volumes: Volume[] = [];
  const mounts: VolumeMount[] = [];
  for (const tier of tiers) {
    if (hostPathOnly && tier.volumeType !== 'hostPath') continue;
    tier.paths.forEach((path, i) => {
      const volume = tierVolume(tier, i);
      volumes.push(volume);
      mounts.push({ name: volume.name, mountPath: path });
    });
  }
  return { volumes, mounts };
}
