// A plan is a value: what to write, which Events to record, and when to look again. `plan()` functions build it
// from a ClusterView; operator/kube/apply-plan.ts executes it. Keeping the two apart is what lets every lifecycle
// rule be unit-tested without a cluster.
import type { KubeObject } from '../../constructs/render-runtime';
import type { Outcome } from '../work-queue';

export interface ObjectKey {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface OwnerRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller?: boolean;
  readonly blockOwnerDeletion?: boolean;
}

export type Write =
  /** Create an object we render; fails (409) if one of that name appeared since the plan looked. */
  | { readonly op: 'create'; readonly object: KubeObject }
  /** Server-side apply of a whole object we own, taking back fields others changed. */
  | { readonly op: 'apply'; readonly object: KubeObject }
  /** Delete an object (a 404 counts as done). */
  | { readonly op: 'delete'; readonly key: ObjectKey }
  /** Server-side apply of the /status subresource. */
  | { readonly op: 'status'; readonly key: ObjectKey; readonly status: Record<string, unknown> }
  /**
   * A merge patch of metadata guarded by resourceVersion, so a finalizer or owner reference is never written over a
   * change we have not seen (a 409 retries the reconcile).
   */
  | {
      readonly op: 'metadata';
      readonly key: ObjectKey;
      readonly resourceVersion: string;
      readonly patch: { readonly finalizers?: readonly string[]; readonly labels?: Record<string, string | null>; readonly annotations?: Record<string, string | null>; readonly ownerReferences?: readonly OwnerRef[] };
    }
  /**
   * A merge patch of part of another controller's /status, guarded by resourceVersion: data operations record
   * themselves in their Dataset's status.operationRef without taking over the rest of that status.
   */
  | { readonly op: 'status-merge'; readonly key: ObjectKey; readonly resourceVersion: string; readonly status: Record<string, unknown> }
  /**
   * Resume a suspended Job (spec.suspend: false), guarded by resourceVersion: a Cron run of a parallel DataMigrate
   * starts suspended and goes once its workers have been applied.
   */
  | { readonly op: 'resume-job'; readonly key: ObjectKey; readonly resourceVersion: string }
  /** A merge patch of a Node's labels (null removes a label). */
  | { readonly op: 'node-labels'; readonly node: string; readonly labels: Record<string, string | null> };

export interface PlannedEvent {
  readonly regarding: ObjectKey & { readonly uid?: string };
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly note: string;
  readonly action: string;
}

export type { Outcome };

export interface Plan {
  readonly writes: readonly Write[];
  readonly events: readonly PlannedEvent[];
  readonly outcome: Outcome;
}

export const DONE: Outcome = { kind: 'done' };
export const requeueAfter = (ms: number): Outcome => ({ kind: 'requeueAfter', ms });

export function keyOf(obj: { apiVersion?: string; kind?: string; metadata: { name: string; namespace?: string } }): ObjectKey {
  return { apiVersion: obj.apiVersion ?? '', kind: obj.kind ?? '', name: obj.metadata.name, namespace: obj.metadata.namespace };
}

/** What an Event is about: the object's key and uid. */
export function regardingOf(obj: { apiVersion?: string; kind?: string; metadata: { name: string; namespace?: string; uid?: string } }): PlannedEvent['regarding'] {
  return { ...keyOf(obj), uid: obj.metadata.uid };
}
