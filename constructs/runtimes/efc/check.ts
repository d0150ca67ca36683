// Rules Fluid's EFC engine enforces in code (utils.go getMountInfo, transform_option.go transformWorkerOptions,
// transform_resources.go), reported up front with the field they are about instead of a runtime stuck in setup.
import type { EFCRuntimeSpec } from '../../../crds/schema/efc-runtime';
import { datasetRefOf } from '../runtime-engine';
import { compareQuantities, parseQuantity } from '../../quantity';
import type { EngineError, RenderInput } from '../runtime-engine';
import { tieredStoreErrors } from '../tiered-store-rules';
import { MIN_WORKER_QUOTA } from './defaults';
import { parseMountPoint } from './mount-point';
import { capacityGb, tierMemory, workerLevelIndex, workerTier } from './tiered-store';

function mountErrors(input: RenderInput<EFCRuntimeSpec>): EngineError[] {
  const first = input.dataset.spec.mounts?.[0];
  if (!first) return [{ object: 'dataset', path: 'spec.mounts', message: 'required: EFCRuntime mounts the first mount point, a NAS (nfs://) or CPFS (cpfs://) file system' }];
  const parsed = parseMountPoint(first.mountPoint);
  return parsed.ok ? [] : [{ object: 'dataset', path: 'spec.mounts[0].mountPoint', message: parsed.message }];
}

/** The worker's tier must hold at least 1Gi, and a memory tier must fit under the worker's memory limit. */
function workerTierErrors(spec: EFCRuntimeSpec, input: RenderInput<EFCRuntimeSpec>): EngineError[] {
  const at = workerLevelIndex(spec);
  if (at === undefined) return [];
  const tier = workerTier(spec, datasetRefOf(input));
  if (!tier.quota) return [];
  const level = spec.tieredstore!.levels![at];
  const field = `spec.tieredstore.levels[${at}].${level.quotaList ? 'quotaList' : 'quota'}`;
  if (capacityGb(tier) === undefined) {
    return [{ object: 'runtime', path: field, message: `the worker's cache folder gets ${tier.quota}; EFC needs at least ${MIN_WORKER_QUOTA}` }];
  }
  const memory = tierMemory(tier);
  const limit = spec.worker?.resources?.limits?.memory;
  const limitQ = limit === undefined ? undefined : parseQuantity(limit);
  if (memory && limitQ && limitQ.nanos !== 0n && compareQuantities(parseQuantity(memory)!, limitQ) > 0) {
    return [{ object: 'runtime', path: 'spec.worker.resources.limits.memory', message: `${limit} is below the worker's memory tier of ${memory} (${field})` }];
  }
  return [];
}

export function checkEfc(input: RenderInput<EFCRuntimeSpec>): EngineError[] {
  const { spec } = input.runtime;
  const tiers = tieredStoreErrors(spec.tieredstore?.levels);
  return [...mountErrors(input), ...tiers, ...(tiers.length ? [] : workerTierErrors(spec, input))];
}
