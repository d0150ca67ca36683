// Turns a zod schema into a structural OpenAPI v3 schema an apiextensions.k8s.io/v1 CRD accepts.
// Structural means: every node has a type (or keeps unknown fields on purpose), and the only union is int-or-string.
// https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
import { z } from 'zod';
import { INT_OR_STRING, PRESERVE_UNKNOWN } from './schema/fields';

export type JsonSchema = { [key: string]: any };

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export function toStructuralSchema(schema: z.ZodType): JsonSchema {
  const raw = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input', // fields with a default are not required from the user
    reused: 'inline', // $ref is not allowed in a CRD
    cycles: 'throw',
    unrepresentable: 'throw',
  }) as JsonSchema;
  return structural(raw, '');
}

function structural(node: JsonSchema, path: string): JsonSchema {
  const out: JsonSchema = { ...node };
  delete out.$schema;
  if (out.$ref || out.$defs || out.definitions) throw new Error(`${path || '<root>'}: $ref is not allowed in a CRD schema`);

  if (out[INT_OR_STRING]) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
    return out;
  }
  if (out.anyOf || out.oneOf || out.allOf) throw new Error(`${path || '<root>'}: unions other than int-or-string are not structural`);

  dropImplicitBounds(out);
  if (out.type === 'object') {
    if (out.additionalProperties === false) delete out.additionalProperties;
    if (isEmptyObject(out.additionalProperties)) {
      delete out.additionalProperties;
      out[PRESERVE_UNKNOWN] = true;
    }
    if (out[PRESERVE_UNKNOWN]) delete out.additionalProperties;
    if (out.properties && Object.keys(out.properties).length === 0) delete out.properties;
    if (out.properties) {
      out.properties = Object.fromEntries(Object.entries(out.properties).map(([key, value]) => [key, structural(value as JsonSchema, `${path}.${key}`)]));
    }
    if (out.additionalProperties) out.additionalProperties = structural(out.additionalProperties, `${path}.*`);
  }
  if (out.type === 'array') out.items = structural(out.items, `${path}[]`);
  if (!out.type && !out[PRESERVE_UNKNOWN]) throw new Error(`${path || '<root>'}: every node of a structural schema needs a type`);
  return out;
}

/** zod writes the range of a JS safe integer (and of int32) as bounds; the format already says it. */
function dropImplicitBounds(out: JsonSchema): void {
  if (out.type !== 'integer') return;
  if (out.minimum === Number.MIN_SAFE_INTEGER || (out.format === 'int32' && out.minimum === INT32_MIN)) delete out.minimum;
  if (out.maximum === Number.MAX_SAFE_INTEGER || (out.format === 'int32' && out.maximum === INT32_MAX)) delete out.maximum;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
