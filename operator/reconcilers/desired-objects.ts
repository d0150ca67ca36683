// Prepares rendered objects for server-side apply and decides which ones need writing. Each applied object carries
// a hash of what we sent: when the newly rendered object hashes the same, nothing is written, so an idle operator
// makes no API writes at all.
import { createHash } from 'node:crypto';
import type { KubeObject } from '../../constructs/render-runtime';
import type { ObservedObject } from './cluster-view';
import type { OwnerRef } from './plan';

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
export function prepareForApply(obj: KubeObject, owner: OwnerRef, ownerTag: string): KubeObject {
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
export function needsApply(desired: KubeObject, observed: ObservedObject | undefined): boolean {
  if (!observed || observed.metadata.deletionTimestamp) return true;
  const wanted = (desired.metadata as { annotations?: Record<string, string> }).annotations?.[APPLIED_HASH];
  return observed.metadata.annotations?.[APPLIED_HASH] !== wanted;
}
