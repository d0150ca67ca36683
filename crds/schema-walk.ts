// Finds the zod schema that governs a field path, to explain an error there (known field names, quantity or not).
import { z } from 'zod';

type Def = { type: string; [key: string]: any };

function defOf(schema: z.ZodType): Def {
  return (schema as any)._zod.def as Def;
}

/** Strips optional/default/nullable wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return current;
  }
}

/** The schema at `path` below `root`, or undefined when the path leaves the schema. */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const step of path) {
    if (!current) return undefined;
    const def = defOf(unwrap(current));
    if (def.type === 'object') current = def.shape[step as string];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return undefined;
  }
  return current && unwrap(current);
}

/** Field names an object schema declares. */
export function knownFields(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const def = defOf(unwrap(schema));
  return def.type === 'object' ? Object.keys(def.shape) : [];
}

/** Metadata attached with .meta(), e.g. the int-or-string marker. */
export function metaOf(schema: z.ZodType | undefined): Record<string, unknown> {
  return (schema && (z.globalRegistry.get(schema) as Record<string, unknown>)) ?? {};
}
