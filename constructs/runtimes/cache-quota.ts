// How much cache a runtime puts on each worker node: the fluid.io/s-h-<type>-m-* and -d-* node labels Fluid writes
// (pkg/utils/dataset/lifecycle/node.go). Each engine knows its own tiered-store layout; this adds it up.
import { parseQuantity, quantityValue } from '../quantity';

export interface CacheQuota {
  /** Bytes of memory tiers per node. */
  readonly memory: bigint;
  /** Bytes of disk tiers per node. */
  readonly disk: bigint;
}

export const NO_CACHE: CacheQuota = { memory: 0n, disk: 0n };

export interface QuotaLevel {
  readonly medium: 'memory' | 'disk';
  readonly quotas: readonly (string | number)[];
}

/** Per-node quota of a tiered store: memory tiers count as memory, the rest as disk. */
export function quotaOfLevels(levels: readonly QuotaLevel[]): CacheQuota {
  let memory = 0n;
  let disk = 0n;
  for (const level of levels) {
    const total = level.quotas.reduce<bigint>((sum, q) => sum + (parseQuantity(q) ? quantityValue(parseQuantity(q)!) : 0n), 0n);
    if (level.medium === 'memory') memory += total;
    else disk += total;
  }
  return { memory, disk };
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
