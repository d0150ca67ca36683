// Rules Fluid's Vineyard engine enforces in code (transform.go transformTieredStore, transform_resources.go,
// transform_volumes.go), reported up front with the field they are about instead of a runtime stuck in setup.
import type { VineyardRuntimeSpec } from '../../../crds/schema/vineyard-runtime';
import { parseQuantity } from '../../quantity';
import type { EngineError, RenderInput } from '../runtime-engine';

const runtimeError = (path: string, message: string): EngineError => ({ object: 'runtime', path, message });

function tieredStoreErrors(spec: VineyardRuntimeSpec): EngineError[] {
  const levels = spec.tieredstore?.levels ?? [];
  if (!levels.length) return [runtimeError('spec.tieredstore.levels', 'required: VineyardRuntime keeps its objects in a MEM level; add one with a quota, for example 4Gi')];
  const at = levels.findIndex((l) => l.mediumtype === 'MEM');
  if (at < 0) return [runtimeError('spec.tieredstore.levels', 'needs a level with mediumtype MEM: its quota is the shared memory of each worker')];
  const quota = levels[at].quota;
  if (quota === undefined || !parseQuantity(quota)?.nanos) return [runtimeError(`spec.tieredstore.levels[${at}].quota`, 'required: the shared memory of each worker, for example 4Gi')];
  return [];
}

/** A component's volumeMounts must name volumes of spec.volumes. */
function volumeErrors(spec: VineyardRuntimeSpec): EngineError[] {
  const declared = new Set((spec.volumes ?? []).map((v) => v.name));
  return (['master', 'worker'] as const).flatMap((component) =>
    (spec[component]?.volumeMounts ?? []).flatMap((m, i) =>
      declared.has(m.name) ? [] : [runtimeError(`spec.${component}.volumeMounts[${i}].name`, `"${m.name}" is not a volume of spec.volumes`)],
    ),
  );
}

export function checkVineyard(input: RenderInput<VineyardRuntimeSpec>): EngineError[] {
  const { spec } = input.runtime;
  return [...tieredStoreErrors(spec), ...volumeErrors(spec)];
}
