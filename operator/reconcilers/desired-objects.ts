// Prepares rendered objects for server-side apply and decides which ones need writing. Each applied object carries
// a hash of what we sent: a new rendering that hashes the same needs no write unless someone else has changed one
// of our fields since (field-ownership.ts), so an idle operator makes no API writes, and a hand edit is reverted.
import { createHash } from 'node:crypto';
import type { KubeObject } from '../../constructs/render-runtime';
import { CLUSTER_SCOPED, OWNED_KINDS } from './child-kinds';
import type { ClusterView, ObjectPresence, ObservedObject } from './cluster-view';
import { ownsAllFields } from './field-ownership';
import { FIELD_MANAGER, MANAGED_BY, MANAGED_BY_LABEL, OWNER_ANNOTATION, ownerTagOf } from './owner-tag';
import { keyOf, OwnerRef, Write } from './plan';

export const APPLIED_HASH = 'fluid-cdk8s.io/applied-hash';

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
export function prepareForApply(obj: KubeObject, owner: OwnerRef, ownerTag: string): KubeObject {
  const metadata = obj.metadata as KubeObject['metadata'] & { labels?: Record<string, string>; annotations?: Record<string, string> };
  const prepared: KubeObject = {
    ...obj,
    metadata: {
      ...metadata,
      labels: { ...metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY },
      annotations: { ...metadata.annotations, [OWNER_ANNOTATION]: ownerTag },
    },
  };
  // The hash leaves the owner's UID out, so `synth` (which has no UIDs) prints the hash the operator applies; an owner
  // recreated under a new UID is still caught, by field ownership: its new owner reference is not among our fields.
  const hash = hashOf(prepared);
  return {
    ...prepared,
    metadata: {
      ...prepared.metadata,
      annotations: { ...(prepared.metadata.annotations as object), [APPLIED_HASH]: hash },
      ...(CLUSTER_SCOPED.has(obj.kind) ? {} : { ownerReferences: [owner] }),
    },
  };
}

/** Absent, deleting, rendered differently, or one of our fields changed by someone else. */
function needsApply(desired: KubeObject, observed: ObservedObject | undefined): boolean {
  if (!observed || observed.metadata.deletionTimestamp) return true;
  const wanted = (desired.metadata as { annotations?: Record<string, string> }).annotations?.[APPLIED_HASH];
  if (observed.metadata.annotations?.[APPLIED_HASH] !== wanted) return true;
  return !ownsAllFields(desired as Record<string, unknown>, observed.metadata.managedFields, FIELD_MANAGER, observed);
}

/** The owner reference Fluid's charts give their objects: the controller, not blocking the owner's deletion. */
export function controllerRefOf(owner: ObservedObject): OwnerRef {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: false };
}

/** The stored copy of a rendered object that we made, if any. */
export function observedOf(view: ClusterView, obj: KubeObject): ObservedObject | undefined {
  return view.get(obj.kind, obj.metadata.name, CLUSTER_SCOPED.has(obj.kind) ? undefined : obj.metadata.namespace);
}

/** What is at a rendered object's name, ours or not. */
export function presenceAt(view: ClusterView, obj: KubeObject): ObjectPresence | undefined {
  return view.presence(obj.kind, obj.metadata.name, CLUSTER_SCOPED.has(obj.kind) ? undefined : obj.metadata.namespace);
}

export type ApplyDecision =
  | { readonly kind: 'write'; readonly write: Write }
  | { readonly kind: 'unchanged' }
  /** An object of that name exists and is not ours: it is left alone, and the user told. */
  | { readonly kind: 'foreign'; readonly object: KubeObject };

/**
 * What to do about one rendered object of `owner`. A new object is created, not applied: a create fails if someone
 * made an object of that name since we looked, where an apply would take theirs over.
 */
export function applyDecision(obj: KubeObject, owner: ObservedObject, view: ClusterView): ApplyDecision {
  const tag = ownerTagOf(owner);
  const presence = presenceAt(view, obj);
  if (presence !== undefined && presence.ownerTag !== tag) return { kind: 'foreign', object: obj };
  const desired = prepareForApply(obj, controllerRefOf(owner), tag);
  const observed = observedOf(view, obj);
  if (presence === undefined && observed === undefined) return { kind: 'write', write: { op: 'create', object: desired } };
  return needsApply(desired, observed) ? { kind: 'write', write: { op: 'apply', object: desired } } : { kind: 'unchanged' };
}

/** The sentence a foreign object gets in Events and conditions. */
export function foreignObjectMessage(obj: KubeObject): string {
  const where = obj.metadata.namespace && !CLUSTER_SCOPED.has(obj.kind) ? `${obj.metadata.namespace}/` : '';
  return `${obj.kind} ${where}${obj.metadata.name} already exists and was not created by fluid-cdk8s; it is left untouched, rename or remove it`;
}

/** Deletes of the objects in the owner's namespace (and cluster-scoped ones) that carry its owner annotation. */
export function ownedObjectDeletes(view: ClusterView, owner: ObservedObject): Write[] {
  const tag = ownerTagOf(owner);
  return OWNED_KINDS
    .flatMap((kind) => view.list(kind, CLUSTER_SCOPED.has(kind) ? undefined : owner.metadata.namespace))
    .filter((o) => o.metadata.annotations?.[OWNER_ANNOTATION] === tag && !o.metadata.deletionTimestamp)
    .map((o) => ({ op: 'delete', key: keyOf(o) }));
}
