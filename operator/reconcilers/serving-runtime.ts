// A runtime from the informer caches, resolved the way `synth` resolves one from files: validated, paired with its
// Dataset and the profile or class it names, checked by its engine. The runtime plan renders it; a data operation
// renders its Job against it.
import { collectInputs, ResolvedRuntime, resolveRuntimes } from '../../constructs/runtime-inputs';
import type { EngineRegistry } from '../../constructs/runtimes/engine-registry';
import type { EngineSettings } from '../../constructs/runtimes/runtime-engine';
import type { ClusterView, ObservedObject } from './cluster-view';
import { boundRuntimeOf } from './dataset-status';
import { observedTopology } from './runtime-observations';

export function resolveRuntime(view: ClusterView, registry: EngineRegistry, settings: EngineSettings, runtime: ObservedObject, dataset: ObservedObject): ResolvedRuntime | { error: string } {
  const spec = runtime.spec ?? {};
  const docs: unknown[] = [runtime, dataset];
  if (spec.profileName) docs.push(...view.list('ThinRuntimeProfile').filter((p) => p.metadata.name === spec.profileName));
  if (spec.runtimeClassName) docs.push(...view.list('CacheRuntimeClass').filter((c) => c.metadata.name === spec.runtimeClassName));
  const collected = collectInputs(docs, registry, runtime.metadata.namespace ?? 'default');
  const observed = (r: { metadata: { name: string; namespace?: string } }) => observedTopology(view, r.metadata.name, r.metadata.namespace ?? 'default');
  const { resolved, errors } = resolveRuntimes(collected.inputs, registry, settings, observed);
  const all = [...collected.errors, ...errors];
  if (all.length || !resolved.length) return { error: all.map((e) => e.message).join('; ') || `${runtime.kind} could not be resolved` };
  return resolved[0];
}

/** The runtime a Bound Dataset is bound to (status.runtimes), resolved; or why there is none to use. */
export function servingRuntime(view: ClusterView, registry: EngineRegistry, settings: EngineSettings, dataset: ObservedObject): ResolvedRuntime | { error: string } {
  const bound = boundRuntimeOf(dataset.status);
  const where = `${dataset.metadata.namespace}/${dataset.metadata.name}`;
  if (!bound || dataset.status?.phase !== 'Bound') return { error: `Dataset ${where} is not bound to a ready runtime yet` };
  const runtime = registry
    .kinds()
    .map((kind) => view.get(kind, bound.name, bound.namespace))
    .find((r): r is ObservedObject => !!r && (!bound.type || registry.get(r.kind)?.runtimeType === bound.type));
  if (!runtime) return { error: `the runtime ${bound.namespace}/${bound.name} that Dataset ${where} is bound to was not found` };
  return resolveRuntime(view, registry, settings, runtime, dataset);
}
