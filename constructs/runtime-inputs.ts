// From a set of documents (files for `synth`, informer caches for the operator) to one RenderInput per runtime,
// or errors that name the object and the field. Pure: no I/O.
import type { DatasetSpec } from '../crds/schema/dataset';
import type { ThinRuntimeProfileSpec } from '../crds/schema/thin-runtime-profile';
import { SpecError } from '../crds/spec-error';
import { ObjectRef, objectRefOf } from '../crds/validate';
import { isOperationKind } from './operations/operation-rules';
import { parseFluidObject } from './parse-fluid-object';
import { EngineRegistry } from './runtimes/engine-registry';
import type { CacheRuntimeClassObject, EngineSettings, FluidObject, ObservedCluster, RenderInput, RuntimeEngine } from './runtimes/runtime-engine';

export interface InputSet {
  readonly datasets: readonly FluidObject<DatasetSpec>[];
  readonly runtimes: readonly FluidObject<unknown>[];
  readonly profiles: readonly FluidObject<ThinRuntimeProfileSpec>[];
  readonly runtimeClasses: readonly CacheRuntimeClassObject[];
  /** Data operations (DataLoad ...), kept for the data-operation renderer. */
  readonly operations: readonly FluidObject<unknown>[];
}

export interface ResolvedRuntime {
  readonly engine: RuntimeEngine;
  readonly input: RenderInput<unknown>;
}

/**
 * Sorts documents by kind and validates each. Documents of other API groups are ignored: `synth` reads files that
 * also hold Pods and Secrets. Namespaced objects without a namespace get `defaultNamespace`, as kubectl would.
 */
export function collectInputs(docs: readonly unknown[], registry: EngineRegistry, defaultNamespace: string): { inputs: InputSet; errors: SpecError[] } {
  const inputs = { datasets: [], runtimes: [], profiles: [], runtimeClasses: [], operations: [] } as { -readonly [K in keyof InputSet]: unknown[] };
  const errors: SpecError[] = [];
  for (const raw of docs) {
    const parsed = parseFluidObject(raw, registry, defaultNamespace);
    if (parsed === undefined) continue;
    if (!parsed.ok) {
      errors.push(parsed.error);
      continue;
    }
    const object = parsed.object;
    const kind = object.kind;
    if (kind === 'Dataset') inputs.datasets.push(object);
    else if (kind === 'ThinRuntimeProfile') inputs.profiles.push(object);
    else if (kind === 'CacheRuntimeClass') inputs.runtimeClasses.push(object);
    else if (isOperationKind(kind)) inputs.operations.push(object);
    else if (kind.endsWith('Runtime') || registry.get(kind)) inputs.runtimes.push(object);
  }
  return { inputs: inputs as unknown as InputSet, errors };
}

const key = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function runtimeRef(runtime: FluidObject<unknown>): ObjectRef {
  return { kind: runtime.kind, name: runtime.metadata.name, namespace: runtime.metadata.namespace };
}

/** The cluster-scoped objects a runtime may name (ThinRuntimeProfiles, CacheRuntimeClasses), by kind and name. */
export interface ReferenceLookup {
  find(kind: string, name: string): FluidObject<unknown> | CacheRuntimeClassObject | undefined;
  /** Every name of the kind, for "known: ..." hints. */
  names(kind: string): string[];
}

function referenced(runtime: FluidObject<any>, engine: RuntimeEngine, lookup: ReferenceLookup): Partial<RenderInput<unknown>> | SpecError {
  if (!engine.references) return {};
  const { kind, field } = engine.references;
  const name = field.split('.').reduce<any>((node, step) => node?.[step], runtime);
  if (typeof name !== 'string' || name === '') return {};
  const found = lookup.find(kind, name);
  if (!found) {
    const known = lookup.names(kind);
    return SpecError.of(runtimeRef(runtime), field, `${kind} "${name}" not found${known.length ? `; known: ${known.join(', ')}` : ''}`);
  }
  return kind === 'ThinRuntimeProfile' ? { profile: found as FluidObject<ThinRuntimeProfileSpec> } : { runtimeClass: found as CacheRuntimeClassObject };
}

function engineErrors(runtime: FluidObject<unknown>, input: RenderInput<unknown>, engine: RuntimeEngine): SpecError[] {
  const byObject = new Map<string, { ref: ObjectRef; errors: { path: string; message: string }[] }>();
  for (const e of engine.check(input)) {
    const target =
      e.object === 'dataset' ? input.dataset : e.object === 'profile' ? input.profile : e.object === 'runtimeClass' ? input.runtimeClass : runtime;
    const ref = target ? objectRefOf(target) : runtimeRef(runtime);
    const k = `${ref.kind}/${ref.namespace}/${ref.name}`;
    const entry = byObject.get(k) ?? { ref, errors: [] };
    entry.errors.push({ path: e.path, message: e.message });
    byObject.set(k, entry);
  }
  return [...byObject.values()].map((e) => new SpecError(e.ref, e.errors));
}

/**
 * A runtime paired with its Dataset, made ready to render: the profile or class it names found, the engine's own
 * checks passed. Shared by `synth` (objects from files) and the operator (objects from its caches).
 */
export function renderInputFor(
  engine: RuntimeEngine,
  runtime: FluidObject<unknown>,
  dataset: FluidObject<DatasetSpec>,
  lookup: ReferenceLookup,
  settings: EngineSettings,
  observed: ObservedCluster,
): ResolvedRuntime | SpecError[] {
  // A reference dataset (dataset://) mounts another Dataset's volume; only engines that say so know how (Fluid: ThinRuntime only, pkg/ddc/base/dataset.go).
  const reference = (dataset.spec.mounts ?? []).findIndex((m) => m.mountPoint.startsWith('dataset://'));
  if (reference >= 0 && !engine.servesDatasetMounts) {
    return [SpecError.of(objectRefOf(dataset), `spec.mounts[${reference}].mountPoint`, `a dataset:// mount can only be served by a ThinRuntime, not by ${runtime.kind} ${key(runtime)}`)];
  }
  const refs = referenced(runtime, engine, lookup);
  if (refs instanceof SpecError) return [refs];
  const input: RenderInput<unknown> = { runtime, dataset, settings, observed, ...refs };
  let errors: SpecError[];
  try {
    errors = engineErrors(runtime, input, engine);
  } catch (e) {
    // An engine bug must not take down the caller (the operator serves every other runtime too).
    return [SpecError.of(runtimeRef(runtime), '', `the ${engine.kind} engine failed to check this runtime: ${e instanceof Error ? e.message : String(e)}`)];
  }
  return errors.length ? errors : { engine, input };
}

interface ResolveContext {
  readonly registry: EngineRegistry;
  readonly settings: EngineSettings;
  readonly observed: (runtime: FluidObject<unknown>) => ObservedCluster;
  readonly datasets: Map<string, FluidObject<DatasetSpec>>;
  readonly lookup: ReferenceLookup;
}

function resolveOne(runtime: FluidObject<unknown>, boundBy: Map<string, FluidObject<unknown>>, ctx: ResolveContext): ResolvedRuntime | SpecError[] {
  const ref = runtimeRef(runtime);
  const engine = ctx.registry.get(runtime.kind);
  if (!engine) {
    return [SpecError.of(ref, 'kind', `no engine serves ${runtime.kind} yet; engines: ${ctx.registry.kinds().join(', ')}`)];
  }
  const dataset = ctx.datasets.get(key(runtime));
  if (!dataset) {
    const inNamespace = [...ctx.datasets.values()].filter((d) => d.metadata.namespace === runtime.metadata.namespace).map((d) => d.metadata.name);
    const hint = inNamespace.length ? `; Datasets in ${runtime.metadata.namespace}: ${inNamespace.join(', ')}` : '';
    return [SpecError.of(ref, 'metadata.name', `no Dataset ${key(runtime)} found; a runtime serves the Dataset of the same namespace and name${hint}`)];
  }
  const holder = boundBy.get(key(runtime));
  if (holder) {
    return [SpecError.of(ref, 'metadata.name', `Dataset ${key(runtime)} is already served by ${holder.kind} ${key(holder)}; a dataset binds one runtime`)];
  }
  boundBy.set(key(runtime), runtime);
  return renderInputFor(engine, runtime, dataset, ctx.lookup, ctx.settings, ctx.observed(runtime));
}

/** A lookup over the profiles and classes of an input set. */
export function inputSetLookup(inputs: InputSet): ReferenceLookup {
  const pools = new Map<string, Map<string, FluidObject<unknown> | CacheRuntimeClassObject>>([
    ['ThinRuntimeProfile', new Map(inputs.profiles.map((p) => [p.metadata.name, p]))],
    ['CacheRuntimeClass', new Map(inputs.runtimeClasses.map((c) => [c.metadata.name, c]))],
  ]);
  return {
    find: (kind, name) => pools.get(kind)?.get(name),
    names: (kind) => [...(pools.get(kind)?.keys() ?? [])],
  };
}

/** Pairs each runtime with its Dataset and the profile or class it names, and runs the engine's own checks. */
export function resolveRuntimes(
  inputs: InputSet,
  registry: EngineRegistry,
  settings: EngineSettings,
  observed: (runtime: FluidObject<unknown>) => ObservedCluster = () => ({}),
): { resolved: ResolvedRuntime[]; errors: SpecError[] } {
  const ctx: ResolveContext = {
    registry,
    settings,
    observed,
    datasets: new Map(inputs.datasets.map((d) => [key(d), d])),
    lookup: inputSetLookup(inputs),
  };
  const resolved: ResolvedRuntime[] = [];
  const errors: SpecError[] = [];
  const boundBy = new Map<string, FluidObject<unknown>>();
  for (const runtime of inputs.runtimes) {
    const result = resolveOne(runtime, boundBy, ctx);
    if (Array.isArray(result)) errors.push(...result);
    else resolved.push(result);
  }
  return { resolved, errors };
}
