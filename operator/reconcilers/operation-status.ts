// The status of a data operation (Fluid's OperationStatus) from what its Job, CronJob or Pod reports, and the
// waiting and failed statuses the plan writes before anything runs (pkg/ddc/base/operation.go, the status
// handlers in pkg/controllers/v1alpha1/*/status_handler.go).
import type { ClusterView, ObservedObject } from './cluster-view';
import { Condition, ConditionInput, kubeTime, removeCondition, setCondition } from './conditions';
import { goDuration } from './go-duration';

export type OperationPhase = '' | 'Pending' | 'Executing' | 'Complete' | 'Failed';

/** Our own condition while an operation waits (Fluid only logs and requeues): why it has not started yet. */
export const WAITING = 'Waiting';
/** Written while the operation runs, as Fluid writes it. */
export const UNFINISHED = 'Unfinished';

type Status = Record<string, any>;

function withCondition(previous: Status | undefined, wanted: ConditionInput, now: Date): Condition[] {
  return setCondition<Condition>(previous?.conditions, wanted, kubeTime(now), 'lastProbeTime');
}

/** Pending, with a Waiting condition saying for what; `waitingForOperation` sets Fluid's waitingFor flag. */
export function waitingStatus(previous: Status | undefined, reason: string, message: string, now: Date, waitingForOperation: boolean): Status {
  return {
    ...previous,
    phase: 'Pending',
    duration: UNFINISHED,
    conditions: withCondition(previous, { type: WAITING, status: 'True', reason, message }, now),
    infos: previous?.infos ?? {},
    waitingFor: { operationComplete: waitingForOperation },
  };
}

/** Failed before running (a spec problem, an engine that does not run this kind): one Failed condition. */
export function rejectedStatus(previous: Status | undefined, reason: string, message: string, now: Date): Status {
  return {
    ...previous,
    phase: 'Failed',
    duration: previous?.duration ?? UNFINISHED,
    conditions: withCondition({ conditions: removeCondition(previous?.conditions, WAITING) }, { type: 'Failed', status: 'True', reason, message }, now),
    infos: previous?.infos ?? {},
    waitingFor: { operationComplete: false },
  };
}

const isOutcome = (c: Condition) => c.type === 'Complete' || c.type === 'Failed';

/** The finished condition of a Job (Complete or Failed, True), if it has finished. */
export function finishedCondition(job: ObservedObject | undefined): Condition | undefined {
  return ((job?.status?.conditions ?? []) as Condition[]).find((c) => isOutcome(c) && c.status === 'True');
}

/** The outcome an operation's status records for its last run (Complete or Failed), if any. */
export function lastOutcome(status: Status | undefined): Condition | undefined {
  return ((status?.conditions ?? []) as Condition[]).find(isOutcome);
}

/** What a run looks like: finished with Fluid's copy of the Job's condition and its duration, or still going. */
function runStatus(previous: Status | undefined, run: ObservedObject | undefined, finished: Condition | undefined, now: Date): Status {
  const base = { ...previous, infos: previous?.infos ?? {}, waitingFor: { operationComplete: false } };
  if (!run || !finished) {
    return { ...base, phase: 'Executing', duration: UNFINISHED, conditions: removeCondition(previous?.conditions, WAITING) };
  }
  const started = Date.parse(run.metadata.creationTimestamp ?? '') || now.getTime();
  const ended = Date.parse(finished.lastTransitionTime ?? '') || now.getTime();
  const condition = {
    type: finished.type,
    status: finished.status,
    ...(finished.reason ? { reason: finished.reason } : {}),
    ...(finished.message ? { message: finished.message } : {}),
    lastProbeTime: finished.lastProbeTime ?? finished.lastTransitionTime ?? kubeTime(now),
    lastTransitionTime: finished.lastTransitionTime ?? kubeTime(now),
  };
  return { ...base, phase: finished.type === 'Complete' ? 'Complete' : 'Failed', duration: goDuration(ended - started), conditions: [condition] };
}

/** A Once (or OnEvent) operation follows its Job. */
export function jobStatus(previous: Status | undefined, job: ObservedObject | undefined, now: Date): Status {
  return runStatus(previous, job, finishedCondition(job), now);
}

/** The Job a CronJob started last (by creation time; Fluid takes the first listed after lastScheduleTime). */
export function newestRun(view: ClusterView, cronJob: ObservedObject): ObservedObject | undefined {
  const runs = view
    .list('Job', cronJob.metadata.namespace)
    .filter((j) => j.metadata.ownerReferences?.some((o) => o.kind === 'CronJob' && o.uid === cronJob.metadata.uid));
  return runs.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name)).at(-1);
}

/** A Cron operation follows the newest run of its CronJob, and copies the CronJob's schedule times. */
export function cronStatus(previous: Status | undefined, cronJob: ObservedObject | undefined, run: ObservedObject | undefined, now: Date): Status {
  const status = runStatus(previous, run, finishedCondition(run), now);
  const times = cronJob?.status ?? {};
  return {
    ...status,
    ...(times.lastScheduleTime ? { lastScheduleTime: times.lastScheduleTime } : {}),
    ...(times.lastSuccessfulTime ? { lastSuccessfulTime: times.lastSuccessfulTime } : {}),
  };
}

/** A DataBackup follows its Pod; infos say where the backup went (pkg/controllers/v1alpha1/databackup). */
export function podStatus(previous: Status | undefined, pod: ObservedObject | undefined, backupPath: string, now: Date): Status {
  const phase = pod?.status?.phase;
  const finished: Condition | undefined =
    phase === 'Succeeded'
      ? { type: 'Complete', status: 'True', reason: 'BackupSuccessful', message: 'Backup Pod exec successfully and finish' }
      : phase === 'Failed'
        ? { type: 'Failed', status: 'True', reason: 'BackupFailed', message: 'Backup Pod exec failed and exit' }
        : undefined;
  const at = (pod?.status?.conditions as Condition[] | undefined)?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? kubeTime(now);
  const status = runStatus(previous, pod, finished && { ...finished, lastTransitionTime: at }, now);
  const node = backupPath.startsWith('local://') ? (pod?.spec?.nodeName ?? 'NA') : 'NA';
  return { ...status, infos: { BackupLocationPath: backupPath, BackupLocationNodeName: node } };
}
