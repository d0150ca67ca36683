// Prepares rendered objects for server-side apply and decides which ones need writing. Each applied object carries
// a hash of what we sent: when the newly rendered object hashes the same, nothing is written, so an idle operator
// makes no API writes at all.
import { createHash } from 'node:crypto';
import type { KubeObject } from '../../constructs/render-runtime';
import type { ClusterView, ObservedObject } from './cluster-view';
import { keyOf, OwnerRef, Write } from './plan';

export const APPLIED_HASH = 'fluid-cdk8s.io/applied-hash';
/** Names the runtime an object belongs to, `Kind/namespace/name`, so an informer event finds its runtime. */
export const OWNER_ANNOTATION = 'fluid-cdk8s.io/owner';
/** Every object the operator applies carries it; the operator's informers watch only those. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'fluid-cdk8s';

const CLUSTER_SCOPED = new Set(['PersistentVolume', 'Node', 'Namespace', 'ClusterRole', 'ClusterRoleBinding']);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value as object)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

export function hashOf(obj: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(obj))).digest('hex').slice(0, 16);
}

/**
 * Adds what the operator needs on every object: the owner reference (not on cluster-scoped objects, which a
 * namespaced owner cannot own), the managed-by label, the owner annotation and the hash of all of it.
 */
function prepareForApply(obj: KubeObject, owner: OwnerRef, ownerTag: string): KubeObject {
  const metadata = obj.metadata as KubeObject['metadata'] & { labels?: Record<string, string>; annotations?: Record<string, string> };
  const prepared: KubeObject = {
    ...obj,
    metadata: {
      ...metadata,
      labels: { ...metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY },
      annotations: { ...metadata.annotations, [OWNER_ANNOTATION]: ownerTag },
      ...(CLUSTER_SCOPED.has(obj.kind) ? {} : { ownerReferences: [owner] }),
    },
  };
  const hash = hashOf(prepared);
  return { ...prepared, metadata: { ...prepared.metadata, annotations: { ...(prepared.metadata.annotations as object), [APPLIED_HASH]: hash } } };
}

/** True when the object is absent or was last applied from a different rendering. */
function needsApply(desired: KubeObject, observed: ObservedObject | undefined): boolean {
  if (!observed || observed.metadata.deletionTimestamp) return true;
  const wanted = (desired.metadata as { annotations?: Record<string, string> }).annotations?.[APPLIED_HASH];
  return observed.metadata.annotations?.[APPLIED_HASH] !== wanted;
}

/** `Kind/namespace/name`: what OWNER_ANNOTATION says on each object of a runtime or operation, and its queue key. */
export function ownerTagOf(owner: ObservedObject): string {
  return `${owner.kind}/${owner.metadata.namespace}/${owner.metadata.name}`;
}

/** The owner reference Fluid's charts give their objects: the controller, not blocking the owner's deletion. */
function controllerRefOf(owner: ObservedObject): OwnerRef {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: false };
}

/** The stored copy of a rendered object, if any. */
export function observedOf(view: ClusterView, obj: KubeObject): ObservedObject | undefined {
  return view.get(obj.kind, obj.metadata.name, CLUSTER_SCOPED.has(obj.kind) ? undefined : obj.metadata.namespace);
}

/**
 * The write for one rendered object of `owner`: none when it was last applied from the same rendering; a create
 * claims the name, so an object of that name that is not ours is left alone.
 */
export function applyWriteFor(obj: KubeObject, owner: ObservedObject, observed: ObservedObject | undefined): Write | undefined {
  const tag = ownerTagOf(owner);
  const desired = prepareForApply(obj, controllerRefOf(owner), tag);
  if (!needsApply(desired, observed)) return undefined;
  return observed ? { op: 'apply', object: desired } : { op: 'apply', object: desired, claim: { ownerTag: tag } };
}

/** Deletes of the objects of `kinds` in the owner's namespace that carry its owner annotation. */
export function ownedObjectDeletes(view: ClusterView, kinds: readonly string[], owner: ObservedObject): Write[] {
  const tag = ownerTagOf(owner);
  return kinds
    .flatMap((kind) => view.list(kind, owner.metadata.namespace))
    .filter((o) => o.metadata.annotations?.[OWNER_ANNOTATION] === tag && !o.metadata.deletionTimestamp)
    .map((o) => ({ op: 'delete', key: keyOf(o) }));
}
