// From a set of documents (files for `synth`, informer caches for the operator) to one RenderInput per runtime,
// or errors that name the object and the field. Pure: no I/O.
import { z } from 'zod';
import { dropNulls } from '../crds/drop-nulls';
import { fieldErrors } from '../crds/field-error';
import type { DatasetSpec } from '../crds/schema/dataset';
import { API_VERSION, kindDefinition, KINDS } from '../crds/schema/kinds';
import type { ThinRuntimeProfileSpec } from '../crds/schema/thin-runtime-profile';
import { SpecError } from '../crds/spec-error';
import { isFluidObject, ObjectRef, refOf, validateObject } from '../crds/validate';
import { isOperationKind } from './operations/operation-rules';
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

const RUNTIME_KINDS = new Set(KINDS.filter((k) => k.kind.endsWith('Runtime')).map((k) => k.kind));

/** Namespaced objects that name no namespace land in `namespace`, as kubectl would put them. */
function withNamespace(doc: unknown, namespace: string): unknown {
  const kind = refOf(doc).kind ?? '';
  const metadata = (doc as { metadata?: unknown }).metadata;
  if ((kindDefinition(kind)?.scope ?? 'Namespaced') !== 'Namespaced' || typeof metadata !== 'object' || metadata === null) return doc;
  return (metadata as { namespace?: string }).namespace ? doc : { ...(doc as object), metadata: { ...metadata, namespace } };
}

/**
 * A runtime may omit `spec` entirely (Fluid's CRDs allow it). Engines then see what `spec: {}` parses to, defaults
 * applied; a kind whose spec has required fields reports them, as if the user had written `spec: {}`.
 */
function withSpec(doc: unknown): unknown {
  const kind = refOf(doc).kind ?? '';
  const hasSpec = kindDefinition(kind)?.body.shape.spec !== undefined;
  return hasSpec && RUNTIME_KINDS.has(kind) && (doc as { spec?: unknown }).spec == null ? { ...(doc as object), spec: {} } : doc;
}

/** Validates a runtime of a kind outside Fluid's API against its engine's own spec schema. */
function validateExternal(doc: Record<string, unknown>, engine: RuntimeEngine): { ok: true; object: FluidObject<unknown> } | { ok: false; error: SpecError } {
  const schema = z.looseObject({ apiVersion: z.string(), kind: z.string(), metadata: z.looseObject({ name: z.string() }), spec: engine.specSchema! });
  const data = dropNulls(doc);
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, object: parsed.data as FluidObject<unknown> };
  return { ok: false, error: new SpecError(refOf(doc), fieldErrors(schema, parsed.error, data)) };
}

/**
 * Sorts documents by kind and validates each. Documents of other API groups are ignored: `synth` reads files that
 * also hold Pods and Secrets. Namespaced objects without a namespace get `defaultNamespace`, as kubectl would.
 */
export function collectInputs(docs: readonly unknown[], registry: EngineRegistry, defaultNamespace: string): { inputs: InputSet; errors: SpecError[] } {
  const inputs = { datasets: [], runtimes: [], profiles: [], runtimeClasses: [], operations: [] } as { -readonly [K in keyof InputSet]: unknown[] };
  const errors: SpecError[] = [];
  for (const raw of docs) {
    if (!isFluidObject(raw)) continue;
    const doc = withNamespace(raw, defaultNamespace);
    const kind = refOf(doc).kind ?? '';
    const engine = registry.get(kind);
    let object: FluidObject<unknown>;
    if (!kindDefinition(kind) && engine?.specSchema && (doc as { apiVersion?: string }).apiVersion === API_VERSION) {
      const result = validateExternal(doc as Record<string, unknown>, engine);
      if (!result.ok) {
        errors.push(result.error);
        continue;
      }
      object = result.object;
    } else {
      const result = validateObject(withSpec(doc));
      if (!result.ok) {
        errors.push(new SpecError(result.ref, result.errors));
        continue;
      }
      object = result.object as FluidObject<unknown>;
    }
    if (kind === 'Dataset') inputs.datasets.push(object);
    else if (kind === 'ThinRuntimeProfile') inputs.profiles.push(object);
    else if (kind === 'CacheRuntimeClass') inputs.runtimeClasses.push(object);
    else if (isOperationKind(kind)) inputs.operations.push(object);
    else if (RUNTIME_KINDS.has(kind) || engine) inputs.runtimes.push(object);
  }
  return { inputs: inputs as unknown as InputSet, errors };
}

const key = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function runtimeRef(runtime: FluidObject<unknown>): ObjectRef {
  return { kind: runtime.kind, name: runtime.metadata.name, namespace: runtime.metadata.namespace };
}

interface ResolveContext {
  readonly registry: EngineRegistry;
  readonly settings: EngineSettings;
  readonly observed: (runtime: FluidObject<unknown>) => ObservedCluster;
  readonly datasets: Map<string, FluidObject<DatasetSpec>>;
  readonly profiles: Map<string, FluidObject<ThinRuntimeProfileSpec>>;
  readonly classes: Map<string, CacheRuntimeClassObject>;
}

function referenced(runtime: FluidObject<any>, engine: RuntimeEngine, ctx: ResolveContext): Partial<RenderInput<unknown>> | SpecError {
  if (!engine.references) return {};
  const { kind, field } = engine.references;
  const name = field.split('.').reduce<any>((node, step) => node?.[step], runtime);
  const pool: Map<string, unknown> = kind === 'ThinRuntimeProfile' ? ctx.profiles : ctx.classes;
  if (typeof name !== 'string' || name === '') return {};
  const found = pool.get(name);
  if (!found) {
    const known = [...pool.keys()];
    return SpecError.of(runtimeRef(runtime), field, `${kind} "${name}" not found${known.length ? `; known: ${known.join(', ')}` : ''}`);
  }
  return kind === 'ThinRuntimeProfile' ? { profile: found as FluidObject<ThinRuntimeProfileSpec> } : { runtimeClass: found as CacheRuntimeClassObject };
}

function engineErrors(runtime: FluidObject<unknown>, input: RenderInput<unknown>, engine: RuntimeEngine): SpecError[] {
  const byObject = new Map<string, { ref: ObjectRef; errors: { path: string; message: string }[] }>();
  for (const e of engine.check(input)) {
    const target =
      e.object === 'dataset' ? input.dataset : e.object === 'profile' ? input.profile : e.object === 'runtimeClass' ? input.runtimeClass : runtime;
    const ref = target ? refOf(target) : runtimeRef(runtime);
    const k = `${ref.kind}/${ref.namespace}/${ref.name}`;
    const entry = byObject.get(k) ?? { ref, errors: [] };
    entry.errors.push({ path: e.path, message: e.message });
    byObject.set(k, entry);
  }
  return [...byObject.values()].map((e) => new SpecError(e.ref, e.errors));
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
  // A reference dataset (dataset://) mounts another Dataset's volume; only ThinRuntime knows how (pkg/ddc/base/dataset.go).
  const reference = (dataset.spec.mounts ?? []).findIndex((m) => m.mountPoint.startsWith('dataset://'));
  if (reference >= 0 && runtime.kind !== 'ThinRuntime') {
    return [SpecError.of(refOf(dataset), `spec.mounts[${reference}].mountPoint`, `a dataset:// mount can only be served by a ThinRuntime, not by ${runtime.kind} ${key(runtime)}`)];
  }
  const refs = referenced(runtime, engine, ctx);
  if (refs instanceof SpecError) return [refs];
  const input: RenderInput<unknown> = { runtime, dataset, settings: ctx.settings, observed: ctx.observed(runtime), ...refs };
  let errors: SpecError[];
  try {
    errors = engineErrors(runtime, input, engine);
  } catch (e) {
    // An engine bug must not take down the caller (the operator serves every other runtime too).
    return [SpecError.of(ref, '', `the ${engine.kind} engine failed to check this runtime: ${e instanceof Error ? e.message : String(e)}`)];
  }
  return errors.length ? errors : { engine, input };
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
    profiles: new Map(inputs.profiles.map((p) => [p.metadata.name, p])),
    classes: new Map(inputs.runtimeClasses.map((c) => [c.metadata.name, c])),
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
