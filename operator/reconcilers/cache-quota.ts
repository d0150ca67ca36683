// How much cache a runtime puts on each worker node, for the fluid.io/s-h-* node labels.
import type { CacheQuota } from './node-labels';
import { quotaOfLevels } from './node-labels';

type Levels = { medium: 'memory' | 'disk'; quotas: (string | number)[] }[];

function classicLevels(spec: any): Levels {
  return ((spec?.tieredstore?.levels ?? []) as any[]).map((l) => ({
    medium: l.mediumtype === 'MEM' ? 'memory' : 'disk',
    quotas: l.quotaList ? String(l.quotaList).split(',').map((q: string) => q.trim()) : l.quota !== undefined ? [l.quota] : [],
  }));
}

function cacheLevels(spec: any): Levels {
  return ((spec?.worker?.tieredStore?.levels ?? []) as any[]).map((l) => {
    if (l.processMemory) return { medium: 'memory', quotas: [l.processMemory.quota] };
    if (l.emptyDir) return { medium: l.emptyDir.medium === 'Memory' ? 'memory' : 'disk', quotas: [l.emptyDir.quota] };
    if (l.hostPath) return { medium: 'disk', quotas: l.hostPath.quotas };
    return { medium: l.medium?.emptyDir?.medium === 'Memory' ? 'memory' : 'disk', quotas: l.quota !== undefined ? [l.quota] : [] };
  });
}

export function cacheQuotaOf(kind: string, spec: unknown): CacheQuota {
  return quotaOfLevels(kind === 'CacheRuntime' ? cacheLevels(spec) : classicLevels(spec));
}
