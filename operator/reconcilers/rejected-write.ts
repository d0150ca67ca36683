// What a reconcile does when the apiserver refuses an object it rendered. A 400 or 422 says the object itself is
// wrong (a field the schema refuses, a value over a limit this operator does not know of): the same spec renders the
// same object, so retrying with backoff only repeats the refusal (issue 16 saw 83 attempts). It is recorded as a
// condition carrying the generation it was refused at and a Warning Event, and the runtime is left alone until its
// spec, its Dataset's or that of the ThinRuntimeProfile / CacheRuntimeClass it names (which render into it) changes.
// A 403 is different: an administrator can fix RBAC or an admission policy without touching the spec, so it is
// looked at again every FORBIDDEN_RETRY_MS, slowly, and never hot.
import { Condition, findCondition, kubeTime, setCondition } from './conditions';
import type { ObservedObject } from './cluster-view';
import { datasetStatusWrite } from './runtime-observations';
import { DONE, keyOf, ObjectKey, Outcome, Plan, PlannedEvent, regardingOf, requeueAfter, Write } from './plan';
import { VALIDATED } from './runtime-status';

/** The apiserver's refusal of one write, as operator/kube/apply-plan.ts reports it. */
export interface Rejection {
  readonly object: ObjectKey;
  /** HTTP status: 400, 403 or 422. */
  readonly status: number;
  /** The Status reason, e.g. Invalid, Forbidden. */
  readonly reason: string;
  /** The apiserver's message. */
  readonly message: string;
}

/** Refusals that retrying the same object cannot change (BadRequest, Invalid), and ones only RBAC or policy can (Forbidden). */
export const PERMANENT_STATUSES: ReadonlySet<number> = new Set([400, 422]);
export const FORBIDDEN_STATUS = 403;

/** Condition reasons, so the next reconcile knows why it stopped. */
export const APPLY_REJECTED = 'ApplyRejected';
export const APPLY_FORBIDDEN = 'ApplyForbidden';

/** Between two attempts after a 403: long enough never to be hot, short enough that an RBAC fix shows soon. */
export const FORBIDDEN_RETRY_MS = 5 * 60_000;

/** Fluid's condition on a Dataset whose runtime could not be set up (api/v1alpha1 DatasetFailedToSetup). */
const DATASET_NOT_READY = 'NotReady';

export function isRejection(status: number): boolean {
  return PERMANENT_STATUSES.has(status) || status === FORBIDDEN_STATUS;
}

function reasonOf(r: Rejection): string {
  return r.status === FORBIDDEN_STATUS ? APPLY_FORBIDDEN : APPLY_REJECTED;
}

/** Names the refused object and quotes the apiserver. */
export function rejectionMessage(r: Rejection): string {
  const where = r.object.namespace ? `${r.object.namespace}/${r.object.name}` : r.object.name;
  const retry = r.status === FORBIDDEN_STATUS ? `; retried every ${FORBIDDEN_RETRY_MS / 60_000} minutes` : '; retried when the spec changes';
  return `the apiserver refused ${r.object.kind} ${where} (${r.status} ${r.reason || 'error'}): ${r.message}${retry}`;
}

function outcomeOf(r: Rejection): Outcome {
  return r.status === FORBIDDEN_STATUS ? requeueAfter(FORBIDDEN_RETRY_MS) : DONE;
}

function rejectionEvent(regarding: ObservedObject, r: Rejection): PlannedEvent {
  return { regarding: regardingOf(regarding), type: 'Warning', reason: reasonOf(r), note: rejectionMessage(r), action: 'Apply' };
}

/**
 * The runtime's Validated=False and the Dataset's NotReady, each with the generation it was refused at, and one
 * Warning Event. The rest of both statuses is kept: a refused update must not make a running runtime look unset.
 * `baseStatus`: the runtime's status to add the condition to; a runtime refused at its first setup has none yet, and
 * the CRD requires the phases (runtime-plan.ts passes an unset one). `referenceGeneration`: that of the profile or
 * class the runtime names, if any.
 */
export function runtimeRejectionPlan(runtime: ObservedObject, dataset: ObservedObject | undefined, r: Rejection, now: Date, baseStatus: Record<string, any> = runtime.status ?? {}, referenceGeneration?: number): Plan {
  const at = kubeTime(now);
  const message = rejectionMessage(r);
  const refused = { type: VALIDATED, status: 'False' as const, reason: reasonOf(r), message, observedGeneration: runtime.metadata.generation, ...(referenceGeneration !== undefined ? { referenceGeneration } : {}) };
  let conditions = setCondition<Condition>(baseStatus.conditions, refused, at, 'lastProbeTime');
  // heldByRejection counts the next 403 attempt from here, so the time moves even when nothing else does.
  if (r.status === FORBIDDEN_STATUS) conditions = conditions.map((c) => (c.type === VALIDATED ? { ...c, lastProbeTime: at } : c));
  const writes: Write[] = [{ op: 'status', key: keyOf(runtime), status: { ...baseStatus, conditions } }];
  if (dataset) {
    const dsConditions = setCondition<Condition>(dataset.status?.conditions, { type: DATASET_NOT_READY, status: 'True', reason: reasonOf(r), message, observedGeneration: dataset.metadata.generation }, at, 'lastUpdateTime');
    const write = datasetStatusWrite(dataset, { ...dataset.status, phase: dataset.status?.phase || 'NotBound', conditions: dsConditions });
    if (write) writes.push(write);
  }
  return { writes, events: [rejectionEvent(runtime, r)], outcome: outcomeOf(r) };
}

/** For objects without such conditions (data operations): the Warning Event, and no hot retry. */
export function eventOnlyRejectionPlan(regarding: ObservedObject, r: Rejection): Plan {
  return { writes: [], events: [rejectionEvent(regarding, r)], outcome: outcomeOf(r) };
}

/**
 * Whether an earlier refusal still holds the runtime: recorded at the current generations of the runtime, its
 * Dataset and the profile or class it names (`referenceGeneration`, undefined when it names none), and, for a 403,
 * less than FORBIDDEN_RETRY_MS ago. Undefined when the runtime should go ahead.
 */
export function heldByRejection(runtime: ObservedObject, dataset: ObservedObject | undefined, now: Date, referenceGeneration?: number): Outcome | undefined {
  const c = findCondition<Condition>(runtime.status?.conditions, VALIDATED);
  if (c?.status !== 'False' || (c.reason !== APPLY_REJECTED && c.reason !== APPLY_FORBIDDEN)) return undefined;
  if (c.observedGeneration !== runtime.metadata.generation) return undefined;
  if (c.referenceGeneration !== referenceGeneration) return undefined;
  const dsCondition = findCondition<Condition>(dataset?.status?.conditions, DATASET_NOT_READY);
  if (dataset && dsCondition?.reason === c.reason && dsCondition.observedGeneration !== dataset.metadata.generation) return undefined;
  if (c.reason === APPLY_REJECTED) return DONE;
  const since = now.getTime() - new Date(c.lastProbeTime ?? 0).getTime();
  return since < FORBIDDEN_RETRY_MS ? requeueAfter(FORBIDDEN_RETRY_MS - since) : undefined;
}

/** Bound again: a Dataset's refusal condition no longer applies. */
export function withoutRejection(conditions: readonly Condition[] | undefined): Condition[] {
  return (conditions ?? []).filter((c) => !(c.type === DATASET_NOT_READY && (c.reason === APPLY_REJECTED || c.reason === APPLY_FORBIDDEN)));
}
