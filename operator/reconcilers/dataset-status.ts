// The Dataset status a runtime writes when it binds (Fluid's BindToDataset) and when it lets go (shutdown).
import { Condition, kubeTime, setCondition } from './conditions';
import { withoutRejection } from './rejected-write';

export interface BoundRuntime {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** status.runtimes[].type: alluxio, jindo, juicefs, thin, cache. */
  readonly runtimeType: string;
  readonly masterReplicas: number;
}

/**
 * A DataMigrate holds its Dataset in phase DataMigrating while it runs (Fluid: SetTargetDatasetStatusInProgress in
 * pkg/controllers/v1alpha1/datamigrate/implement.go). The phase follows the running DataMigrates listed in
 * operationRef, so the runtime's own status writes keep it rather than putting Bound back.
 */
export const MIGRATING_PHASE = 'DataMigrating';

export function migrationRunning(status: Record<string, any> | undefined): boolean {
  const names = status?.operationRef?.DataMigrate;
  return typeof names === 'string' && names.split(',').some(Boolean);
}

/** The Dataset's phase while bound and healthy. */
export function boundPhase(status: Record<string, any> | undefined): string {
  return migrationRunning(status) ? MIGRATING_PHASE : 'Bound';
}

/** Bound or DataMigrating: a Dataset with a ready runtime, which data operations can use. */
export function isBoundPhase(phase: unknown): boolean {
  return phase === 'Bound' || phase === MIGRATING_PHASE;
}

/**
 * Bound (DataMigrating while a DataMigrate runs), with the Ready condition, the runtime listed and the mounts in effect recorded; or, once bound, Failed
 * with Ready False while the runtime is unhealthy (Fluid's CheckRuntimeHealthy), and Bound again when it recovers.
 */
export function boundDatasetStatus(previous: Record<string, any> | undefined, spec: { mounts?: readonly unknown[] }, runtime: BoundRuntime, now: Date, healthy = true): Record<string, unknown> {
  const ready = healthy
    ? { type: 'Ready', status: 'True' as const, reason: 'DatasetReady', message: 'The ddc runtime is ready.' }
    : { type: 'Ready', status: 'False' as const, reason: 'DatasetReady', message: 'The ddc runtime is unhealthy.' };
  const conditions = setCondition<Condition>(withoutRejection(previous?.conditions), ready, kubeTime(now), 'lastUpdateTime');
  return {
    ...previous,
    phase: healthy ? boundPhase(previous) : 'Failed',
    conditions,
    runtimes: [{ name: runtime.name, namespace: runtime.namespace, category: 'Accelerate', type: runtime.runtimeType, masterReplicas: runtime.masterReplicas }],
    mounts: spec.mounts ?? [],
    cacheStates: previous?.cacheStates ?? {},
  };
}

/** What a Dataset looks like with no runtime: Fluid's reset on runtime deletion, and the first status it gets. */
export function notBoundDatasetStatus(previous: Record<string, any> | undefined): Record<string, unknown> {
  const kept = { ...previous };
  for (const key of ['runtimes', 'hcfs', 'mounts', 'ufsTotal', 'fileNum']) delete kept[key];
  return { ...kept, phase: 'NotBound', conditions: [], cacheStates: {} };
}

/** A setup or spec problem recorded on the Dataset (Fluid: NotReady / DatasetFailedToSetup), phase unchanged. */
export function datasetProblemStatus(previous: Record<string, any> | undefined, message: string, now: Date): Record<string, unknown> {
  return {
    ...previous,
    phase: previous?.phase || 'NotBound',
    conditions: setCondition<Condition>(previous?.conditions, { type: 'NotReady', status: 'True', reason: 'DatasetFailedToSetup', message }, kubeTime(now), 'lastUpdateTime'),
  };
}

/** The runtime a Dataset is bound to, if any (status.runtimes[] with category Accelerate). */
export function boundRuntimeOf(status: Record<string, any> | undefined): { name: string; namespace: string; type?: string } | undefined {
  return (status?.runtimes as { name: string; namespace: string; category?: string; type?: string }[] | undefined)?.find((r) => r.category === 'Accelerate' || !r.category);
}
