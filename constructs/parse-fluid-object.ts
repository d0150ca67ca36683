// One data.fluid.io document to a typed object, or to the errors that name its fields. Called once per document:
// by `synth` for each file's documents, by the operator when an object enters its informer cache. Pure.
import { z } from 'zod';
import { dropNulls } from '../crds/drop-nulls';
import { fieldErrors } from '../crds/field-error';
import { API_VERSION, kindDefinition, KINDS } from '../crds/schema/kinds';
import { SpecError } from '../crds/spec-error';
import { isFluidObject, objectRefOf, validateObject } from '../crds/validate';
import type { EngineRegistry } from './runtimes/engine-registry';
import type { FluidObject } from './runtimes/render-input';
import type { RuntimeEngine } from './runtimes/runtime-engine';

export type Parsed<Spec = unknown> =
  | { readonly ok: true; readonly object: FluidObject<Spec> }
  | { readonly ok: false; readonly error: SpecError };

/** Fluid's runtime kinds, served by an engine here or not (EFCRuntime and VineyardRuntime are validated and stored). */
const RUNTIME_KINDS = new Set(KINDS.filter((k) => k.kind.endsWith('Runtime')).map((k) => k.kind));

/** Namespaced objects that name no namespace land in `namespace`, as kubectl would put them. */
function withNamespace(doc: unknown, namespace: string): unknown {
  const kind = objectRefOf(doc).kind ?? '';
  const metadata = (doc as { metadata?: unknown }).metadata;
  if ((kindDefinition(kind)?.scope ?? 'Namespaced') !== 'Namespaced' || typeof metadata !== 'object' || metadata === null) return doc;
  return (metadata as { namespace?: string }).namespace ? doc : { ...(doc as object), metadata: { ...metadata, namespace } };
}

/**
 * A runtime or a Dataset may omit `spec` entirely (Fluid's CRDs allow it; Vineyard's Dataset has nothing to say).
 * Engines then see what `spec: {}` parses to, defaults applied; a kind whose spec has required fields reports them,
 * as if the user had written `spec: {}`.
 */
function withSpec(doc: unknown, isRuntime: boolean): unknown {
  const kind = objectRefOf(doc).kind ?? '';
  const hasSpec = kindDefinition(kind)?.body.shape.spec !== undefined;
  const defaulted = isRuntime || kind === 'Dataset';
  return hasSpec && defaulted && (doc as { spec?: unknown }).spec == null ? { ...(doc as object), spec: {} } : doc;
}

/** A runtime of a kind outside Fluid's API, against its engine's own spec schema. */
function parseExternal(doc: Record<string, unknown>, engine: RuntimeEngine): Parsed {
  const schema = z.looseObject({ apiVersion: z.string(), kind: z.string(), metadata: z.looseObject({ name: z.string() }), spec: engine.specSchema! });
  const data = dropNulls(withSpecObject(doc));
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, object: parsed.data as FluidObject<unknown> };
  return { ok: false, error: new SpecError(objectRefOf(doc), fieldErrors(schema, parsed.error, data)) };
}

function withSpecObject(doc: Record<string, unknown>): Record<string, unknown> {
  return doc.spec == null ? { ...doc, spec: {} } : doc;
}

/**
 * Validates one document. Undefined when it is not a data.fluid.io object (`synth` reads files that also hold Pods
 * and Secrets). A kind outside Fluid's API is parsed by the engine registered for it.
 */
export function parseFluidObject(raw: unknown, registry: EngineRegistry, defaultNamespace: string): Parsed | undefined {
  if (!isFluidObject(raw)) return undefined;
  const doc = withNamespace(raw, defaultNamespace);
  const kind = objectRefOf(doc).kind ?? '';
  const engine = registry.get(kind);
  if (!kindDefinition(kind) && engine?.specSchema && (doc as { apiVersion?: string }).apiVersion === API_VERSION) {
    return parseExternal(doc as Record<string, unknown>, engine);
  }
  const result = validateObject(withSpec(doc, RUNTIME_KINDS.has(kind) || engine !== undefined));
  return result.ok ? { ok: true, object: result.object as FluidObject<unknown> } : { ok: false, error: new SpecError(result.ref, result.errors) };
}
