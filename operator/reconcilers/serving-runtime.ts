// The runtime a Bound Dataset is bound to, ready to render against: what a data operation runs on. Typed objects
// from the view, paired and checked the way the runtime plan and `synth` do it (renderInputFor).
import type { ResolvedRuntime } from '../../constructs/runtime-inputs';
import { renderInputFor } from '../../constructs/runtime-inputs';
import type { DatasetSpec } from '../../crds/schema/dataset';
import type { EngineRegistry } from '../../constructs/runtimes/engine-registry';
import type { EngineSettings, FluidObject } from '../../constructs/runtimes/runtime-engine';
import type { ClusterView, ObservedObject, ParsedObject } from './cluster-view';
import { boundRuntimeOf, isBoundPhase } from './dataset-status';
import { podSummaryOf, viewLookup } from './runtime-snapshot';

/** The runtime a Bound Dataset is bound to (status.runtimes), resolved; or why there is none to use. */
export function servingRuntime(view: ClusterView, registry: EngineRegistry, settings: EngineSettings, dataset: ObservedObject): ResolvedRuntime | { error: string } {
  const bound = boundRuntimeOf(dataset.status);
  const where = `${dataset.metadata.namespace}/${dataset.metadata.name}`;
  if (!bound || !isBoundPhase(dataset.status?.phase)) return { error: `Dataset ${where} is not bound to a ready runtime yet` };
  const runtime = registry
    .kinds()
    .map((kind) => view.parsed(kind, bound.name, bound.namespace))
    .find((r): r is ParsedObject => !!r && (!bound.type || registry.get(r.raw.kind)?.runtimeType === bound.type));
  if (!runtime) return { error: `the runtime ${bound.namespace}/${bound.name} that Dataset ${where} is bound to was not found` };
  const parsedDataset = view.parsed('Dataset', dataset.metadata.name, dataset.metadata.namespace);
  if (!runtime.parsed.ok) return { error: runtime.parsed.error.message };
  if (!parsedDataset?.parsed.ok) return { error: parsedDataset?.parsed.ok === false ? parsedDataset.parsed.error.message : `Dataset ${where} was not found` };
  const engine = registry.get(runtime.raw.kind)!;
  const observed = engine.observe?.(view.list('Pod', bound.namespace).map(podSummaryOf), bound.name) ?? {};
  const resolved = renderInputFor(engine, runtime.parsed.object, parsedDataset.parsed.object as FluidObject<DatasetSpec>, viewLookup(view), settings, observed);
  return Array.isArray(resolved) ? { error: resolved.map((e) => e.message).join('; ') } : resolved;
}
