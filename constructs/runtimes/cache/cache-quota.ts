// A CacheRuntime worker's cache per node, from the runtime's tiered store in either spelling (Fluid's medium
// blocks, or the guide's path/quota/medium form).
import type { CacheRuntimeSpec } from '../../../crds/schema/cache-runtime';
import { CacheQuota, QuotaLevel, quotaOfLevels } from '../cache-quota';

type Level = NonNullable<NonNullable<NonNullable<CacheRuntimeSpec['worker']>['tieredStore']>['levels']>[number];

function levelOf(l: Level): QuotaLevel {
  const any = l as Record<string, any>;
  if (any.processMemory) return { medium: 'memory', quotas: [any.processMemory.quota] };
  if (any.emptyDir) return { medium: any.emptyDir.medium === 'Memory' ? 'memory' : 'disk', quotas: [any.emptyDir.quota] };
  if (any.hostPath) return { medium: 'disk', quotas: any.hostPath.quotas ?? [] };
  return { medium: any.medium?.emptyDir?.medium === 'Memory' ? 'memory' : 'disk', quotas: any.quota !== undefined ? [any.quota] : [] };
}

export function cacheRuntimeQuota(spec: CacheRuntimeSpec): CacheQuota {
  return quotaOfLevels((spec.worker?.tieredStore?.levels ?? []).map(levelOf));
}
