// The JSON patch (RFC 6902) an AdmissionReview response carries: from the pod as sent to the pod as mutated.
// Objects are compared key by key; a list that changed is replaced whole, which keeps the patch obviously right
// (no index arithmetic over inserted containers) at the cost of a few more bytes.

export type JsonPatchOp =
  | { readonly op: 'add' | 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

function pointer(parent: string, key: string): string {
  return `${parent}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => equal(a[k], b[k]));
  }
  return false;
}

function diff(before: unknown, after: unknown, path: string, ops: JsonPatchOp[]): void {
  if (equal(before, after)) return;
  if (!isObject(before) || !isObject(after)) {
    ops.push({ op: 'replace', path, value: after });
    return;
  }
  for (const key of Object.keys(before)) {
    if (before[key] !== undefined && after[key] === undefined) ops.push({ op: 'remove', path: pointer(path, key) });
  }
  for (const key of Object.keys(after)) {
    if (after[key] === undefined) continue;
    if (before[key] === undefined) ops.push({ op: 'add', path: pointer(path, key), value: after[key] });
    else diff(before[key], after[key], pointer(path, key), ops);
  }
}

/** The operations that turn `before` into `after` (both JSON objects). */
export function jsonPatch(before: object, after: object): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  diff(before, after, '', ops);
  return ops;
}

/** Applies `ops` to a copy of `doc`: what the apiserver does with the response, for tests and `synth --mutate`. */
export function applyJsonPatch<T extends object>(doc: T, ops: readonly JsonPatchOp[]): T {
  const root = structuredClone(doc) as Record<string, unknown>;
  for (const op of ops) {
    const keys = op.path.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop()!;
    let target: any = root;
    for (const k of keys) target = target[k];
    if (op.op === 'remove') {
      if (Array.isArray(target)) target.splice(Number(last), 1);
      else delete target[last];
    } else if (Array.isArray(target)) {
      if (op.op === 'add') target.splice(last === '-' ? target.length : Number(last), 0, op.value);
      else target[Number(last)] = op.value;
    } else {
      target[last] = op.value;
    }
  }
  return root as T;
}
