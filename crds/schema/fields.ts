// Building blocks shared by every schema: Kubernetes scalar formats and the documented-field helpers.
// Each kind's schema is written with these so the generated CRD and the zod validation cannot drift apart.
import { z } from 'zod';

/** OpenAPI extension keys a structural CRD schema understands; copied into the JSON schema through `.meta()`. */
export const INT_OR_STRING = 'x-kubernetes-int-or-string';
export const PRESERVE_UNKNOWN = 'x-kubernetes-preserve-unknown-fields';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The grammar of resource.Quantity (k8s.io/apimachinery/pkg/api/resource), as controller-gen writes it. */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

export function int32(): z.ZodNumber {
  return z.int().min(INT32_MIN).max(INT32_MAX).meta({ format: 'int32' });
}

export function int64(): z.ZodNumber {
  return z.int().meta({ format: 'int64' });
}

/** A resource quantity: an integer, or a string such as "100Gi" or "0.5". */
export function quantity(): z.ZodType<number | string> {
  return z
    .union([z.int(), z.string().regex(new RegExp(QUANTITY_PATTERN), { error: 'expected a quantity such as "100Gi"' })])
    .meta({ [INT_OR_STRING]: true, pattern: QUANTITY_PATTERN });
}

/** A port number or a port name (intstr.IntOrString). */
export function intOrString(): z.ZodType<number | string> {
  return z.union([z.int(), z.string()]).meta({ [INT_OR_STRING]: true });
}

/** A metav1.Time: an RFC 3339 timestamp string. */
export function dateTime(): z.ZodString {
  return z.string().meta({ format: 'date-time' });
}

export function stringMap(): z.ZodRecord<z.ZodString, z.ZodString> {
  return z.record(z.string(), z.string());
}

/** Content Fluid itself treats as opaque; the only place a CRD keeps unknown fields. */
export function freeForm(): z.ZodType<Record<string, unknown>> {
  return z.record(z.string(), z.unknown()).meta({ [PRESERVE_UNKNOWN]: true });
}

/** A required field with its one-line doc. */
export function req<T extends z.ZodType>(doc: string, schema: T): T {
  return schema.describe(doc);
}

/** An optional field with its one-line doc. */
export function opt<T extends z.ZodType>(doc: string, schema: T): z.ZodOptional<T> {
  return schema.describe(doc).optional();
}

/**
 * A field the apiserver fills when it is absent (a CRD `default`). zod applies the same default when it parses,
 * so the typed spec the constructs read always carries the effective value.
 */
export function withDefault<T extends z.ZodType>(doc: string, schema: T, value: z.util.NoUndefined<z.input<T>>) {
  return schema.describe(doc).default(value as never);
}
