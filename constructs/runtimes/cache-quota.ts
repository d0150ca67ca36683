// How much cache a runtime puts on each worker node: the fluid.io/s-h-<type>-m-* and -d-* node labels Fluid writes
// (pkg/utils/dataset/lifecycle/node.go). Each engine knows its own tiered-store layout; this adds it up.
import { parseQuantity, quantityValue } from '../quantity';

/**
 * A medium's figure is absent when the tiered store has no tier of it: Fluid then writes no -m- or -d- label at all,
 * only the total (pkg/utils/dataset/lifecycle/node.go labelNodeWithCapacityInfo labels each medium found in
 * tieredstore.GetLevelStorageMap), so a tier of 0 bytes and no tier are told apart.
 */
export interface CacheQuota {
  /** Bytes of memory tiers per node. @default - no memory tier */
  readonly memory?: bigint;
  /** Bytes of disk tiers per node. @default - no disk tier */
  readonly disk?: bigint;
}

export const NO_CACHE: CacheQuota = {};

export interface QuotaLevel {
  readonly medium: 'memory' | 'disk';
  readonly quotas: readonly (string | number)[];
}

/** Per-node quota of a tiered store: memory tiers count as memory, the rest as disk. */
export function quotaOfLevels(levels: readonly QuotaLevel[]): CacheQuota {
  let memory: bigint | undefined;
  let disk: bigint | undefined;
  for (const level of levels) {
    const total = level.quotas.reduce<bigint>((sum, q) => sum + (parseQuantity(q) ? quantityValue(parseQuantity(q)!) : 0n), 0n);
    if (level.medium === 'memory') memory = (memory ?? 0n) + total;
    else disk = (disk ?? 0n) + total;
  }
  return { ...(memory !== undefined ? { memory } : {}), ...(disk !== undefined ? { disk } : {}) };
}

interface ClassicLevel {
  readonly mediumtype?: string;
  readonly quota?: string | number;
  readonly quotaList?: string;
}

/** Alluxio, Jindo and JuiceFS: `spec.tieredstore.levels`, MEM tiers in memory, `quotaList` one quota per path. */
export function classicTieredStoreQuota(spec: { readonly tieredstore?: { readonly levels?: readonly ClassicLevel[] } }): CacheQuota {
  return quotaOfLevels((spec.tieredstore?.levels ?? []).map((l) => ({
    medium: l.mediumtype === 'MEM' ? 'memory' : 'disk',
    quotas: l.quotaList ? l.quotaList.split(',').map((q) => q.trim()) : l.quota !== undefined ? [l.quota] : [],
  })));
}
