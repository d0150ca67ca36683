// Validates one data.fluid.io object against its kind's schema. Shared by `fluid-cdk8s validate`, `synth` and the
// operator, so a typo gets the same message everywhere.
import { z } from 'zod';
import { dropNulls } from './drop-nulls';
import { describeValue, FieldError, fieldErrors } from './field-error';
import { nearestName } from './nearest-name';
import { API_VERSION, GROUP, KindDefinition, KINDS, kindDefinition } from './schema/kinds';

export interface ObjectRef {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
}

export type Validation =
  | { readonly ok: true; readonly ref: ObjectRef; readonly definition: KindDefinition; readonly object: Record<string, any> }
  | { readonly ok: false; readonly ref: ObjectRef; readonly errors: readonly FieldError[] };

const ObjectMeta = z.looseObject({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const documentSchemas = new Map<string, z.ZodObject>();

/** The schema of a whole object of a kind: apiVersion, kind, metadata and the kind's own fields. */
export function documentSchema(def: KindDefinition): z.ZodObject {
  let schema = documentSchemas.get(def.kind);
  if (!schema) {
    schema = def.body.extend({ apiVersion: z.literal(API_VERSION), kind: z.literal(def.kind), metadata: ObjectMeta });
    documentSchemas.set(def.kind, schema);
  }
  return schema;
}

export function isFluidObject(doc: unknown): boolean {
  const apiVersion = (doc as { apiVersion?: unknown } | null)?.apiVersion;
  return typeof apiVersion === 'string' && apiVersion.split('/')[0] === GROUP;
}

export function objectRefOf(doc: unknown): ObjectRef {
  if (doc === null || typeof doc !== 'object') return {};
  const { kind, metadata } = doc as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { kind: text(kind), name: text(metadata?.name), namespace: text(metadata?.namespace) };
}

/** `Kind namespace/name`, the way errors name an object. */
export function describeRef(ref: ObjectRef): string {
  const name = ref.name ? (ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name) : '<unnamed>';
  return `${ref.kind ?? '<no kind>'} ${name}`;
}

function envelopeErrors(doc: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if (doc.apiVersion !== API_VERSION) {
    errors.push({ path: 'apiVersion', message: `only ${API_VERSION} is served, got ${describeValue(doc.apiVersion)}` });
  }
  if (typeof doc.kind !== 'string' || !kindDefinition(doc.kind)) {
    const known = KINDS.map((k) => k.kind);
    const suggestion = typeof doc.kind === 'string' ? nearestName(doc.kind, known) : undefined;
    const hint = suggestion ? `did you mean "${suggestion}"?` : `known kinds: ${known.join(', ')}`;
    errors.push({ path: 'kind', message: `unknown kind ${describeValue(doc.kind)}; ${hint}` });
  }
  const metadata = doc.metadata as { name?: unknown; generateName?: unknown } | undefined;
  if (!metadata || (typeof metadata.name !== 'string' && typeof metadata.generateName !== 'string')) {
    errors.push({ path: 'metadata.name', message: 'required field is missing' });
  }
  return errors;
}

export function validateObject(doc: unknown): Validation {
  const ref = objectRefOf(doc);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, ref, errors: [{ path: '', message: `expected an object, got ${describeValue(doc)}` }] };
  }
  const envelope = envelopeErrors(doc as Record<string, unknown>);
  const definition = kindDefinition(ref.kind ?? '');
  if (envelope.length || !definition) return { ok: false, ref, errors: envelope };
  const schema = documentSchema(definition);
  const data = dropNulls(doc);
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, ref, errors: fieldErrors(schema, parsed.error, data) };
  return { ok: true, ref, definition, object: parsed.data as Record<string, any> };
}

/** A custom object's name must be a lowercase RFC 1123 subdomain, whatever its CRD says. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isValidObjectName(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/**
 * Problems the apiserver itself, not the schema, will refuse. They are warnings here because Fluid's own samples
 * carry them (a DataLoad named loadA) and Fluid's CRDs accept them too; the apiserver answers 422.
 */
export function objectWarnings(doc: unknown): FieldError[] {
  const name = objectRefOf(doc).name;
  if (name === undefined || isValidObjectName(name)) return [];
  return [
    {
      path: 'metadata.name',
      message: `${describeValue(name)} is not a valid object name (lowercase letters, digits, '-' and '.'); the apiserver will reject it`,
    },
  ];
}

/** One line per error: `Kind ns/name: field: message`. */
export function formatErrors(ref: ObjectRef, errors: readonly FieldError[]): string[] {
  return errors.map((e) => `${describeRef(ref)}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
}
