// Level-based children: whether anyone has changed a field we set since we last applied it. Server-side apply
// records in metadata.managedFields which manager owns which field; when another manager changes a field we set
// (`kubectl scale`, `kubectl edit`), the field moves to them. So the object needs applying again exactly when a
// field of our rendering is no longer in our manager's set: no spec comparison, no defaults or normalisation to
// second-guess, and an idle object costs nothing.
import type { ManagedFieldsEntry } from './cluster-view';

type FieldSet = Record<string, unknown>;

/**
 * The object as the operator's caches keep it: of metadata.managedFields only `manager`'s own entries on the main
 * resource, the only ones ownsAllFields reads. The others (kube-controller-manager's status, kubelet's, a user's
 * kubectl) are most of an object's size and would be held for every object in every cache.
 */
export function withOwnManagedFields<T extends { metadata?: { managedFields?: readonly ManagedFieldsEntry[] } }>(obj: T, manager: string): T {
  const entries = obj.metadata?.managedFields;
  if (entries === undefined) return obj;
  const ours = entries.filter((e) => e.manager === manager && (e.subresource ?? '') === '');
  const { managedFields: _dropped, ...metadata } = obj.metadata!;
  return { ...obj, metadata: ours.length ? { ...metadata, managedFields: ours } : metadata };
}

/**
 * True while `manager` still owns every field of `desired`: through its applies, or the create that made the
 * object (recorded as an Update). `live`, the stored object: a create records only the fields the apiserver stored,
 * and it stores no zero value of an optional field (`hostPID: false`); such a field, absent from the stored object
 * too, is as desired. Once anyone sets it, it is stored, and no longer counts as ours.
 */
export function ownsAllFields(desired: Record<string, unknown>, entries: readonly ManagedFieldsEntry[] | undefined, manager: string, live?: unknown): boolean {
  const ours = (entries ?? []).filter((e) => e.manager === manager && (e.subresource ?? '') === '' && e.fieldsV1);
  if (ours.length === 0) return false;
  // apiVersion and kind identify the object, and metadata.name and namespace are not recorded as fields.
  const { apiVersion: _v, kind: _k, metadata, ...rest } = desired;
  const { name: _n, namespace: _ns, ...meta } = (metadata ?? {}) as Record<string, unknown>;
  const fields = ours.reduce<FieldSet>((all, e) => mergeFieldSets(all, e.fieldsV1!), {});
  return covers({ ...rest, ...(Object.keys(meta).length ? { metadata: meta } : {}) }, fields, live);
}

const isZero = (v: unknown): boolean => v === false || v === 0 || v === '';

function covers(value: unknown, node: FieldSet, live?: unknown): boolean {
  // A field recorded with no children is owned whole: a leaf, or an atomic struct, map or list item (ownerReferences).
  if (Object.keys(node).length === 0) return true;
  if (Array.isArray(value)) return coversList(value, node);
  if (value === null || typeof value !== 'object') return true;
  const stored = live !== null && typeof live === 'object' && !Array.isArray(live) ? (live as Record<string, unknown>) : undefined;
  return Object.entries(value as Record<string, unknown>).every(([key, child]) => {
    if (child === undefined) return true;
    const sub = node[`f:${key}`] as FieldSet | undefined;
    if (sub === undefined) return isZero(child) && stored !== undefined && stored[key] === undefined;
    return covers(child, sub, stored?.[key]);
  });
}

/**
 * A list is either atomic (recorded as one field, owned whole) or a map keyed by its items' keys (`k:{"name":"x"}`),
 * or a set of scalars (`v:"x"`). Items are matched by their keys without knowing the schema: an item is covered by
 * the `k:` entry whose key fields it carries with the same values.
 */
function coversList(items: readonly unknown[], node: FieldSet): boolean {
  const children = Object.keys(node).filter((k) => k !== '.');
  return items.every((item, index) => {
    if (item === null || typeof item !== 'object') return node[`v:${JSON.stringify(item)}`] !== undefined;
    const key = children.find((k) => k.startsWith('k:') && keyMatches(k.slice(2), item as Record<string, unknown>));
    const sub = (key ? node[key] : node[`i:${index}`]) as FieldSet | undefined;
    return sub !== undefined && covers(item, sub);
  });
}

function mergeFieldSets(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? mergeFieldSets(out[k] as FieldSet, v as FieldSet) : v;
  return out;
}

function keyMatches(json: string, item: Record<string, unknown>): boolean {
  try {
    const key = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(key).every(([k, v]) => item[k] === v || (item[k] === undefined && k === 'protocol' && v === 'TCP'));
  } catch {
    return false;
  }
}
