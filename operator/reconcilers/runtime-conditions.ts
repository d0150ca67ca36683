// The conditions a runtime reports about its components, worded as Fluid words them. The RuntimeStatus engines
// share pkg/ctrl/master.go, worker.go and fuse.go; the CacheRuntime engine writes only "initialized" conditions
// (pkg/ddc/cache/engine/master.go, worker.go, client.go). Reasons and messages are Fluid's constants
// (api/v1alpha1/status.go), so tools that match on them keep working.
import type { ConditionInput } from './conditions';
import type { RuntimePhase, WorkloadState } from './workload-readiness';

export interface ComponentFacts {
  readonly master: WorkloadState;
  readonly workers: WorkloadState;
  readonly fuse: WorkloadState;
  /** Which components the engine made at all. */
  readonly has: { readonly master: boolean; readonly workers: boolean; readonly fuse: boolean };
}

type Phase = Exclude<RuntimePhase, ''>;

/**
 * One reason for every phase, "Master is ready" even when it is not: Fluid's CheckAndSyncMasterStatus passes
 * RuntimeMasterReadyReason in all three cases and says the phase in the status and message (pkg/ctrl/master.go).
 */
const MASTER_READY: Record<Phase, ConditionInput> = {
  Ready: { type: 'MasterReady', status: 'True', reason: 'Master is ready', message: 'The master is ready.' },
  PartialReady: { type: 'MasterReady', status: 'True', reason: 'Master is ready', message: 'The master is partially ready.' },
  NotReady: { type: 'MasterReady', status: 'False', reason: 'Master is ready', message: 'The master is not ready.' },
};

/** The same for workers: RuntimeWorkersReadyReason whatever the phase (pkg/ctrl/worker.go CheckAndSyncWorkerStatus). */
const WORKERS_READY: Record<Phase, ConditionInput> = {
  Ready: { type: 'WorkersReady', status: 'True', reason: 'Workers are ready', message: 'The workers are ready.' },
  PartialReady: { type: 'WorkersReady', status: 'True', reason: 'Workers are ready', message: 'The workers are partially ready.' },
  NotReady: { type: 'WorkersReady', status: 'False', reason: 'Workers are ready', message: 'The workers are not ready.' },
};

const MASTER_INITIALIZED: ConditionInput = { type: 'MasterInitialized', status: 'True', reason: 'Master is initialized', message: 'The master is initialized.' };
const WORKERS_INITIALIZED: ConditionInput = { type: 'WorkersInitialized', status: 'True', reason: 'Workers are initialized', message: 'The workers are initialized.' };
/** Fluid writes this for ThinRuntime only (pkg/ddc/thin/status.go); we write it for every engine's fuse. */
const FUSES_INITIALIZED: ConditionInput = { type: 'FusesInitialized', status: 'True', reason: 'Fuses are initialized', message: 'The fuses are initialized.' };
/** Fluid deems a fuse ready once its DaemonSet exists (pkg/ctrl/fuse.go CheckAndSyncFuseStatus). */
export const FUSES_READY: ConditionInput = { type: 'FusesReady', status: 'True', reason: 'Fuses are ready', message: 'The fuses are ready.' };

/** Fluid's RuntimeStatus engines: initialized once a component exists, ready per its phase. */
export function flatComponentConditions(c: ComponentFacts): ConditionInput[] {
  const out: ConditionInput[] = [];
  if (c.has.master && c.master.exists) {
    out.push(MASTER_INITIALIZED);
    if (c.master.phase) out.push(MASTER_READY[c.master.phase]);
  }
  if (c.has.workers && c.workers.exists) {
    out.push(WORKERS_INITIALIZED);
    if (c.workers.phase) out.push(WORKERS_READY[c.workers.phase]);
  }
  if (c.has.fuse && c.fuse.exists) out.push(FUSES_INITIALIZED, FUSES_READY);
  return out;
}

/**
 * Fluid's CacheRuntime: one condition per component when it is created and none about readiness, which the
 * master/worker/client blocks carry. The worker's is WorkersReady with the "initialized" reason (worker.go).
 */
export function perComponentConditions(c: ComponentFacts): ConditionInput[] {
  const out: ConditionInput[] = [];
  if (c.has.master && c.master.exists) out.push(MASTER_INITIALIZED);
  if (c.has.workers && c.workers.exists) out.push({ type: 'WorkersReady', status: 'True', reason: 'Workers are initialized', message: 'The worker is initialized.' });
  if (c.has.fuse && c.fuse.exists) out.push({ ...FUSES_INITIALIZED, message: 'The client setup finished.' });
  return out;
}
