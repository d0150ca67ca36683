// The tiered-store rules Fluid applies to every runtime when it builds its runtime info
// (pkg/ddc/base/runtime.go convertToTieredstoreInfo): a level needs a size, and a quotaList one quota per path.
// One more that Fluid leaves to the engine: a high watermark below the low one. Fluid passes both ratios to the
// cache (Alluxio's, Jindo's watermark properties), which refuses them when its workers start, long after setup
// looked fine; here it is a field error before anything is created.
import type { Level } from '../../crds/schema/common/tiered-store';
import type { EngineError } from './runtime-engine';

/** A watermark ratio as written ("0.9"); undefined when unset or not a number, which this rule leaves alone. */
function ratio(value: string | undefined): number | undefined {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function watermarkErrors(level: Level, at: string): EngineError[] {
  const high = ratio(level.high);
  const low = ratio(level.low);
  if (high === undefined || low === undefined || high >= low) return [];
  return [{ object: 'runtime', path: `${at}.high`, message: `"${level.high}" is below the low watermark "${level.low}" (${at}.low); the cache evicts from high down to low, so high must be at least low` }];
}

function levelErrors(level: Level, i: number): EngineError[] {
  const at = `spec.tieredstore.levels[${i}]`;
  return [...sizeErrors(level, at), ...watermarkErrors(level, at)];
}

function sizeErrors(level: Level, at: string): EngineError[] {
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
