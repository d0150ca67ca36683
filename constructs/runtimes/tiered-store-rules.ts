// The tiered-store rules Fluid applies to every runtime when it builds its runtime info
// (pkg/ddc/base/runtime.go convertToTieredstoreInfo): a level needs a size, and a quotaList one quota per path.
import type { Level } from '../../crds/schema/common/tiered-store';
import type { EngineError } from './runtime-engine';

function levelErrors(level: Level, i: number): EngineError[] {
  const at = `spec.tieredstore.levels[${i}]`;
  if (!level.quotaList) {
    return level.quota === undefined ? [{ object: 'runtime', path: at, message: 'set quota or quotaList: a cache tier needs a size' }] : [];
  }
  const quotas = level.quotaList.split(',').length;
  const paths = (level.path ?? '').split(',').length;
  if (quotas === paths) return [];
  return [{ object: 'runtime', path: `${at}.quotaList`, message: `has ${quotas} quotas for ${paths} path(s) in path "${level.path ?? ''}"; give one quota per path` }];
}

export function tieredStoreErrors(levels: readonly Level[] | undefined): EngineError[] {
  return (levels ?? []).flatMap(levelErrors);
}
