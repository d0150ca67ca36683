// Cache tiers of a CacheRuntime component: the volumes container[0] gets, the memory its quotas add, and the
// `tieredStoreLevels` runtime.json describes (pkg/ddc/cache/engine/transform_tiered_store.go, cm.go).
import type { RuntimeTieredStoreLevel } from '../../../crds/schema/cache-runtime';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { canonicalQuantity, parseQuantity } from '../../quantity';
import { tieredStoreNames } from './names';

type QuantityValue = string | number;

/** Fluid writes quotas with Go's Quantity.String(), so "1024Mi" reads "1Gi" (pkg/ddc/cache/engine/cm.go). */
export function quotaText(value: QuantityValue): string {
  const q = parseQuantity(value);
  return q ? canonicalQuantity(q) : String(value);
}

/** One tier in Fluid's shape: exactly one medium. The guide's `path` + `quota` + `medium` form maps onto it. */
export type TierMedium =
  | { readonly kind: 'processMemory'; readonly quota: QuantityValue }
  | { readonly kind: 'emptyDir'; readonly quota: QuantityValue; readonly medium?: string; readonly mountPath?: string }
  | { readonly kind: 'hostPath'; readonly paths: readonly string[]; readonly quotas: readonly QuantityValue[]; readonly type?: string }
  | { readonly kind: 'none' };

/** A tier as runtime.json lists it (pkg/common/cacheruntime.go TieredStoreLevelConfig). */
export interface TieredStoreLevelConfig {
  /** Where container[0] sees the tier, one per host path. @default - none for a tier without a medium */
  readonly mountPaths?: readonly string[];
  /** MEM for memory-backed tiers, HDD for the rest: Fluid uses only these two. */
  readonly mediumType: 'MEM' | 'HDD';
  /** Canonical quota per mount path. @default - none for a tier without a medium */
  readonly quotas?: readonly string[];
  /** High watermark ratio, as written. @default - left out */
  readonly high?: string;
  /** Low watermark ratio, as written. @default - left out */
  readonly low?: string;
}

export interface TierVolumes {
  /** Pod volumes of the tier. */
  readonly volumes: readonly Volume[];
  /** Their mounts in container[0]. */
  readonly mounts: readonly VolumeMount[];
  /** Memory the tier takes from the container, added to its memory request and limit when those are set. @default - none */
  readonly memory?: QuantityValue;
}

/** The guide form: any of path, quota, medium. */
export function isGuideForm(level: RuntimeTieredStoreLevel): boolean {
  return level.path !== undefined || level.quota !== undefined || level.medium !== undefined;
}

/**
 * The medium of a tier, checked in Fluid's order (processMemory, hostPath, emptyDir). The guide form is an emptyDir
 * mounted at `path` when it names `medium.emptyDir`, else a host directory `path`.
 */
export function tierMedium(level: RuntimeTieredStoreLevel): TierMedium {
  if (level.processMemory) return { kind: 'processMemory', quota: level.processMemory.quota };
  if (level.hostPath) return { kind: 'hostPath', paths: level.hostPath.paths, quotas: level.hostPath.quotas, type: level.hostPath.type };
  if (level.emptyDir) return { kind: 'emptyDir', quota: level.emptyDir.quota, medium: level.emptyDir.medium };
  if (!isGuideForm(level)) return { kind: 'none' };
  const quota = level.quota ?? 0;
  if (level.medium?.emptyDir) return { kind: 'emptyDir', quota, medium: level.medium.emptyDir.medium, mountPath: level.path };
  return { kind: 'hostPath', paths: level.path ? [level.path] : [], quotas: [quota], type: level.medium?.hostPath?.type };
}

function emptyDirSource(quota: QuantityValue, medium: string | undefined): Volume['emptyDir'] {
  return { ...(medium ? { medium } : {}), sizeLimit: quotaText(quota) };
}

/** The volumes and mounts of tier `level`. */
export function tierVolumes(medium: TierMedium, level: number): TierVolumes {
  switch (medium.kind) {
    case 'processMemory': {
      const name = tieredStoreNames.memoryVolume(level);
      return {
        volumes: [{ name, emptyDir: emptyDirSource(medium.quota, 'Memory') }],
        mounts: [{ name, mountPath: tieredStoreNames.memoryMountPath }],
        memory: medium.quota,
      };
    }
    case 'emptyDir': {
      const name = tieredStoreNames.pathVolume(level, 0);
      return {
        volumes: [{ name, emptyDir: emptyDirSource(medium.quota, medium.medium) }],
        mounts: [{ name, mountPath: medium.mountPath ?? tieredStoreNames.emptyDirMountPath(level) }],
        memory: medium.medium === 'Memory' ? medium.quota : undefined,
      };
    }
    case 'hostPath':
      return {
        volumes: medium.paths.map((path, i) => ({ name: tieredStoreNames.pathVolume(level, i), hostPath: { path, ...(medium.type ? { type: medium.type } : {}) } })),
        mounts: medium.paths.map((_, i) => ({ name: tieredStoreNames.pathVolume(level, i), mountPath: tieredStoreNames.hostPathMountPath(level, i) })),
      };
    default:
      return { volumes: [], mounts: [] };
  }
}

function mountPathsOf(medium: TierMedium, level: number): readonly string[] | undefined {
  const mounts = tierVolumes(medium, level).mounts;
  return mounts.length ? mounts.map((m) => m.mountPath) : undefined;
}

function quotasOf(medium: TierMedium): readonly string[] | undefined {
  if (medium.kind === 'none') return undefined;
  const quotas = medium.kind === 'hostPath' ? medium.quotas : [medium.quota];
  return quotas.map(quotaText);
}

function isMemory(medium: TierMedium): boolean {
  return medium.kind === 'processMemory' || (medium.kind === 'emptyDir' && medium.medium === 'Memory');
}

/** runtime.json's view of the tiers: where each is mounted in the container, its medium and quotas. */
export function tieredStoreLevelConfigs(levels: readonly RuntimeTieredStoreLevel[]): TieredStoreLevelConfig[] {
  return levels.map((level, i) => {
    const medium = tierMedium(level);
    return {
      mountPaths: mountPathsOf(medium, i),
      mediumType: isMemory(medium) ? 'MEM' : 'HDD',
      quotas: quotasOf(medium),
      high: level.high || undefined,
      low: level.low || undefined,
    };
  });
}
