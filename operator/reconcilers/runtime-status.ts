// The status a runtime should have, from the state of its workloads (api/v1alpha1/status.go, cacheruntime_status.go;
// condition reasons from Fluid's constants). Pure: the caller writes it only when it differs from what is stored.
import type { RenderInput, RuntimeEngine } from '../../constructs/runtimes/runtime-engine';
import type { NodeAffinity } from './cache-affinity';
import type { ObservedObject } from './cluster-view';
import { Condition, ConditionInput, kubeTime, removeCondition, setCondition } from './conditions';
import { goDuration } from './go-duration';
import { ComponentFacts, flatComponentConditions, FUSES_READY, perComponentConditions } from './runtime-conditions';
import { WorkloadState, workersUsable } from './workload-readiness';

export interface ComponentStates {
  readonly master: WorkloadState;
  readonly workers: WorkloadState;
  readonly fuse: WorkloadState;
}

export interface StatusInput {
  /** The stored status (conditions and setupDuration are carried over). */
  readonly previous: Record<string, any> | undefined;
  readonly states: ComponentStates;
  /** Which components the engine made at all; a component it does not make is not reported. */
  readonly has: { readonly master: boolean; readonly workers: boolean; readonly fuse: boolean };
  readonly now: Date;
  readonly createdAt: string | undefined;
  readonly selector?: string;
  /** Problems with the spec; set, they are the only news in the status. */
  readonly specErrors?: string;
  /** Where the workers may run (status.cacheAffinity); set once the worker workload exists. */
  readonly cacheAffinity?: NodeAffinity;
}

/** Condition type we add for spec errors; Fluid has none and only logs. */
export const VALIDATED = 'Validated';

function componentConditions(input: StatusInput, now: string, words: (c: ComponentFacts) => ConditionInput[]): Condition[] {
  let conditions = (input.previous?.conditions ?? []) as Condition[];
  const set = (c: ConditionInput) => (conditions = setCondition(conditions, c, now, 'lastProbeTime'));
  words({ ...input.states, has: input.has }).forEach(set);
  const scaled = scalingCondition(input);
  if (scaled) {
    conditions = removeCondition(conditions, scaled.type === 'WorkersScaledOut' ? 'WorkersScaledIn' : 'WorkersScaledOut');
    set(scaled);
  }
  conditions = input.specErrors
    ? setCondition(conditions, { type: VALIDATED, status: 'False', reason: 'InvalidSpec', message: input.specErrors }, now, 'lastProbeTime')
    : removeCondition(conditions, VALIDATED);
  return conditions;
}

/** Workers wanted per the stored status, once workers existed (creating them is setup, not scaling). */
function previousWorkers(previous: Record<string, any> | undefined): number | undefined {
  if (previous?.workerPhase) return previous.desiredWorkerNumberScheduled;
  if (previous?.worker?.phase) return previous.worker.desiredReplicas;
  return undefined;
}

/** WorkersScaledOut/In when the wanted number of workers moved since the stored status. */
export function scalingCondition(input: StatusInput): ConditionInput | undefined {
  const before = previousWorkers(input.previous);
  const now = input.states.workers.desired;
  if (!input.states.workers.exists || typeof before !== 'number' || before === now) return undefined;
  return now > before
    ? { type: 'WorkersScaledOut', status: 'True', reason: 'Workers scaled out', message: `Workers scaled out from ${before} to ${now}.` }
    : { type: 'WorkersScaledIn', status: 'True', reason: 'Workers scaled in', message: `Workers scaled in from ${before} to ${now}.` };
}

/** Ready: masters all ready, workers usable and the fuse created (Fluid's CheckAndUpdateRuntimeStatus). */
export function runtimeReady(states: ComponentStates, has: StatusInput['has']): boolean {
  return states.master.phase === 'Ready' && workersUsable(states.workers) && (!has.fuse || states.fuse.exists);
}

function setupDuration(input: StatusInput): string | undefined {
  if (input.previous?.setupDuration) return input.previous.setupDuration;
  if (!runtimeReady(input.states, input.has) || !input.createdAt) return undefined;
  return goDuration(input.now.getTime() - new Date(input.createdAt).getTime());
}

/**
 * Fluid's RuntimeStatus: phases and counts of master, workers and fuse side by side. A component the engine does
 * not make keeps the empty phase, as in Fluid, where only the Check*Status of a component that exists sets it
 * (JuiceFS has no master: pkg/ddc/juicefs/master.go; a ThinRuntime without workers: pkg/ddc/thin/worker.go).
 */
export function flatRuntimeStatus(input: StatusInput, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { master, workers, fuse } = input.states;
  const status: Record<string, unknown> = {
    valueFile: '',
    masterPhase: input.has.master ? master.phase : '',
    workerPhase: input.has.workers ? workers.phase : '',
    fusePhase: input.has.fuse ? fuse.phase : '',
    desiredMasterNumberScheduled: master.desired,
    currentMasterNumberScheduled: master.current,
    masterNumberReady: master.ready,
    desiredWorkerNumberScheduled: workers.desired,
    currentWorkerNumberScheduled: workers.current,
    workerNumberReady: workers.ready,
    workerNumberAvailable: workers.available,
    workerNumberUnavailable: workers.unavailable,
    desiredFuseNumberScheduled: fuse.desired,
    currentFuseNumberScheduled: fuse.current,
    fuseNumberReady: fuse.ready,
    fuseNumberAvailable: fuse.available,
    fuseNumberUnavailable: fuse.unavailable,
    conditions: componentConditions(input, kubeTime(input.now), flatComponentConditions),
    ...extra,
  };
  // pkg/ctrl/fuse.go records the FusesReady reason beside the phase.
  if (input.has.fuse && fuse.exists) status.fuseReason = FUSES_READY.reason;
  const duration = setupDuration(input);
  if (duration) status.setupDuration = duration;
  if (input.selector) status.selector = input.selector;
  if (input.cacheAffinity) status.cacheAffinity = input.cacheAffinity;
  return status;
}

function componentStatus(state: WorkloadState): Record<string, unknown> {
  return {
    phase: state.phase,
    readyReplicas: state.ready,
    currentReplicas: state.current,
    desiredReplicas: state.desired,
    availableReplicas: state.available,
    unavailableReplicas: state.unavailable,
  };
}

/** Status with one block per component the runtime runs (Fluid's per-component form). */
export function perComponentStatus(input: StatusInput, valueFile: string): Record<string, unknown> {
  const status: Record<string, unknown> = {
    valueFile,
    conditions: componentConditions(input, kubeTime(input.now), perComponentConditions),
  };
  if (input.has.master) status.master = componentStatus(input.states.master);
  if (input.has.workers) status.worker = componentStatus(input.states.workers);
  if (input.has.fuse) status.client = componentStatus(input.states.fuse);
  const duration = setupDuration(input);
  if (duration) status.setupDuration = duration;
  if (input.selector) status.selector = input.selector;
  if (input.cacheAffinity) status.cacheAffinity = input.cacheAffinity;
  return status;
}

export interface RuntimeStatusInput {
  readonly engine: RuntimeEngine;
  readonly raw: ObservedObject;
  readonly now: Date;
  readonly states: ComponentStates;
  readonly has: StatusInput['has'];
  readonly selector?: string;
  readonly specErrors?: string;
  /** The rendered input, for the engine's status extras; absent when the runtime could not be rendered. */
  readonly input?: RenderInput<unknown>;
  readonly cacheAffinity?: NodeAffinity;
}

/** The status of any runtime, in the form its engine declares, with the engine's extras. */
export function runtimeStatus(r: RuntimeStatusInput): Record<string, unknown> {
  const args: StatusInput = {
    previous: r.raw.status,
    states: r.states,
    has: r.has,
    now: r.now,
    createdAt: r.raw.metadata.creationTimestamp,
    selector: r.selector,
    specErrors: r.specErrors,
    cacheAffinity: r.cacheAffinity,
  };
  const form = r.engine.status ?? { form: 'flat' };
  if (form.form === 'per-component') return perComponentStatus(args, form.valueFile(r.raw.metadata.name));
  return flatRuntimeStatus(args, r.input && r.engine.statusExtras ? r.engine.statusExtras(r.input) : {});
}
