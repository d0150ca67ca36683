// Turns zod issues into errors that name the field the way kubectl does (spec.mounts[0].mountPoint) and say
// what is accepted and what was found.
import { z } from 'zod';
import { INT_OR_STRING } from './schema/fields';
import { nearestName } from './nearest-name';
import { knownFields, metaOf, schemaAt } from './schema-walk';

export interface FieldError {
  /** Field path in kubectl notation, e.g. `spec.tieredstore.levels[0].quota`; empty for the whole object. */
  readonly path: string;
  readonly message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(step))) out += out ? `.${String(step)}` : String(step);
    else out += `[${JSON.stringify(String(step))}]`;
  }
  return out;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: any = data;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = current[step as any];
  }
  return current;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const EXPECTED: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'a map of names to values',
};

function expectation(schema: z.ZodType | undefined, fallback: string): string {
  const meta = metaOf(schema);
  if (meta[INT_OR_STRING]) return meta.pattern ? 'a quantity such as "100Gi" or 2' : 'an integer or a string';
  if ((schema as { isInt?: boolean } | undefined)?.isInt) return EXPECTED.int;
  return EXPECTED[fallback] ?? fallback;
}

function unknownFieldErrors(root: z.ZodType, issue: z.core.$ZodIssueUnrecognizedKeys): FieldError[] {
  const known = knownFields(schemaAt(root, issue.path));
  return issue.keys.map((key) => {
    const suggestion = nearestName(key, known);
    const hint = suggestion ? `did you mean "${suggestion}"?` : known.length ? `known fields: ${known.join(', ')}` : '';
    return { path: formatPath([...issue.path, key]), message: `unknown field${hint ? `; ${hint}` : ''}` };
  });
}

function messageOf(root: z.ZodType, issue: z.core.$ZodIssue, data: unknown): string {
  const value = valueAt(data, issue.path);
  const schema = schemaAt(root, issue.path);
  if (value === undefined) return 'required field is missing';
  if (metaOf(schema)[INT_OR_STRING]) return `expected ${expectation(schema, '')}, got ${describeValue(value)}`;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${expectation(schema, issue.expected)}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describeValue(value)}`;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item(s)`;
      if (issue.origin === 'string') return `must be at least ${issue.minimum} character(s) long, got ${describeValue(value)}`;
      return `must be at least ${issue.minimum}, got ${describeValue(value)}`;
    case 'too_big':
      if (issue.origin === 'array') return `takes at most ${issue.maximum} item(s)`;
      return `must be at most ${issue.maximum}, got ${describeValue(value)}`;
    case 'invalid_format':
      return `does not match the expected format, got ${describeValue(value)}`;
    default:
      return issue.message;
  }
}

/** One FieldError per problem; unknown fields get one error each, with the nearest known name. */
export function fieldErrors(root: z.ZodType, error: z.ZodError, data: unknown): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') out.push(...unknownFieldErrors(root, issue));
    else out.push({ path: formatPath(issue.path), message: messageOf(root, issue, data) });
  }
  return out;
}
