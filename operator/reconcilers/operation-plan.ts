// The data-operation reconciler's decisions, generic over DataLoad, DataMigrate, DataBackup and DataProcess
// (pkg/controllers/operation_controller.go and pkg/ddc/base/operation.go in Fluid): validate, wait for a Bound
// Dataset and for the runAfter operation, run the engine's Job, CronJob or Pod, follow it into status, record the
// operation on its Dataset, and clean up after TTL or deletion. A pure function of the operation and a ClusterView.
import { checkOperation, renderOperation, RenderedOperation } from '../../constructs/render-operation';
import type { KubeObject } from '../../constructs/render-runtime';
import type { OperationRef } from '../../crds/schema/common/operation';
import type { NodeAffinity } from '../../crds/schema/k8s/core.generated';
import { followsPrecedingNode } from '../../constructs/operations/flow-affinity';
import type { BuiltOperation } from '../../constructs/operations/operation-contract';
import { operationProblems, operationTarget } from '../../constructs/operations/operation-rules';
import type { EngineRegistry } from '../../constructs/runtimes/engine-registry';
import type { EngineSettings, FluidObject } from '../../constructs/runtimes/runtime-engine';
import type { ClusterView, ObservedObject, ParsedObject } from './cluster-view';
import { findCondition } from './conditions';
import { applyDecision, foreignObjectMessage, observedOf, ownedObjectDeletes } from './desired-objects';
import { operationRefWrite } from './operation-dataset-ref';
import { jobNodeAffinity, jobPodsLagging } from './operation-node-affinity';
import { cronStatus, finishedCondition, jobStatus, lastOutcome, newestRun, podStatus, rejectedStatus, waitingStatus, WAITING } from './operation-status';
import { MANAGED_BY, MANAGED_BY_LABEL, OWNER_ANNOTATION, ownerTagOf } from './owner-tag';
import { DONE, keyOf, Plan, PlannedEvent, regardingOf, requeueAfter, Write } from './plan';
import { statusWrite } from './runtime-observations';
import { servingRuntime } from './serving-runtime';

/** What an operation's plan reads, gathered once per reconcile: the operation parsed at the edge, and the view. */
export interface OperationSnapshot {
  readonly operation: ParsedObject;
  readonly view: ClusterView;
  readonly registry: EngineRegistry;
  readonly settings: EngineSettings;
  readonly now: Date;
}

/** Fluid looks again after 20 s while an operation waits or runs (pkg/ddc/base/operation.go). */
const POLL_MS = 20_000;

/** Fluid's finalizer per kind, e.g. fluid-dataload-controller-finalizer. */
export function operationFinalizer(kind: string): string {
  return `fluid-${kind.toLowerCase()}-controller-finalizer`;
}

function event(op: ObservedObject, type: PlannedEvent['type'], reason: string, note: string, action: string): PlannedEvent {
  return { regarding: regardingOf(op), type, reason, note, action };
}

/** A status write plus the Event that says so, only when the status changes: a repeated reconcile says nothing. */
function statusPlan(op: ObservedObject, status: Record<string, unknown>, events: PlannedEvent[], outcome: Plan['outcome'], extra: Write[] = []): Plan {
  const write = statusWrite(op, status);
  return { writes: [...extra, ...(write ? [write] : [])], events: write ? events : [], outcome };
}

function wait(input: OperationSnapshot, reason: string, message: string, type: PlannedEvent['type'] = 'Normal', forOperation = false): Plan {
  const op = input.operation.raw;
  const previous = findCondition(op.status?.conditions, WAITING);
  const status = waitingStatus(op.status, reason, message, input.now, forOperation);
  const changed = previous?.reason !== reason || previous?.message !== message;
  return statusPlan(op, status, changed ? [event(op, type, reason, message, 'Wait')] : [], requeueAfter(POLL_MS));
}

function reject(input: OperationSnapshot, reason: string, message: string, extra: Write[] = []): Plan {
  const op = input.operation.raw;
  const status = rejectedStatus(op.status, reason, message, input.now);
  return statusPlan(op, status, [event(op, 'Warning', reason, message, 'Validate')], DONE, extra);
}

/** The operation's objects, found by the owner annotation every one of them carries. */
function deleteOwned(input: OperationSnapshot): Write[] {
  return ownedObjectDeletes(input.view, input.operation.raw);
}

function datasetOf(input: OperationSnapshot, op: FluidObject<any>): ObservedObject | undefined {
  const target = operationTarget(op);
  return target && input.view.get('Dataset', target.name, target.namespace);
}

/** Deleting the operation removes what it created and its entry on the Dataset, then lets go (Fluid's order). */
function deletionPlan(input: OperationSnapshot): Plan {
  const op = input.operation.raw;
  const finalizer = operationFinalizer(op.kind);
  const finalizers = op.metadata.finalizers ?? [];
  if (!finalizers.includes(finalizer)) return { writes: [], events: [], outcome: DONE };
  const dataset = datasetOf(input, op as FluidObject<any>);
  const release = dataset && operationRefWrite(dataset, op.kind, op.metadata.name, false);
  const writes: Write[] = [...deleteOwned(input), ...(release ? [release] : [])];
  writes.push({ op: 'metadata', key: keyOf(op), resourceVersion: op.metadata.resourceVersion ?? '', patch: { finalizers: finalizers.filter((f) => f !== finalizer) } });
  return { writes, events: [], outcome: DONE };
}

/** Fluid honours ttlSecondsAfterFinished for Once DataLoads and DataMigrates, non-Cron DataProcesses and every DataBackup. */
function ttlSeconds(op: FluidObject<any>): number | undefined {
  const ttl = op.spec.ttlSecondsAfterFinished;
  if (ttl === undefined) return undefined;
  const policy = op.spec.policy ?? 'Once';
  if (op.kind === 'DataBackup') return ttl;
  if (op.kind === 'DataProcess') return policy === 'Cron' || policy === 'OnEvent' ? undefined : ttl;
  return policy === 'Once' ? ttl : undefined;
}

/** A finished Once operation: off the Dataset's list, and deleted once its TTL has passed. */
function finishedPlan(input: OperationSnapshot, op: FluidObject<any>): Plan {
  const dataset = datasetOf(input, op);
  const release = dataset && operationRefWrite(dataset, op.kind, op.metadata.name, false);
  const writes: Write[] = release ? [release] : [];
  const ttl = ttlSeconds(op);
  const finished = lastOutcome(input.operation.raw.status);
  if (ttl === undefined || !finished?.lastTransitionTime) return { writes, events: [], outcome: DONE };
  const remaining = Date.parse(finished.lastTransitionTime) + ttl * 1000 - input.now.getTime();
  if (remaining > 0) return { writes, events: [], outcome: requeueAfter(remaining) };
  return { writes: [...writes, { op: 'delete', key: keyOf(input.operation.raw) }], events: [], outcome: DONE };
}

/**
 * The operation's objects, ready to apply. Jobs and Pods cannot be changed once created, so they are created once;
 * a CronJob and the scripts follow the spec. The Jobs a CronJob starts carry our label and owner annotation too,
 * so our informers see each run.
 */
function childWrites(input: OperationSnapshot, objects: readonly KubeObject[]): { writes: Write[]; foreign: KubeObject[] } {
  const op = input.operation.raw;
  const writes: Write[] = [];
  const foreign: KubeObject[] = [];
  for (const obj of objects) {
    if ((obj.kind === 'Job' || obj.kind === 'Pod') && observedOf(input.view, obj)) continue;
    const decision = applyDecision(obj.kind === 'CronJob' ? markJobTemplate(obj, ownerTagOf(op)) : obj, op, input.view);
    if (decision.kind === 'write') writes.push(decision.write);
    if (decision.kind === 'foreign') foreign.push(decision.object);
  }
  return { writes, foreign };
}

function markJobTemplate(cronJob: KubeObject, tag: string): KubeObject {
  const spec = cronJob.spec as { jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } } };
  const metadata = spec.jobTemplate.metadata ?? {};
  const jobTemplate = { ...spec.jobTemplate, metadata: { ...metadata, labels: { ...metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY }, annotations: { ...metadata.annotations, [OWNER_ANNOTATION]: tag } } };
  return { ...cronJob, spec: { ...spec, jobTemplate } };
}

/** The runAfter operation, and the one the affinity follows when dependOn names another: both must be Complete. */
function precedingRefs(after: OperationRef | undefined): { path: string; ref: Pick<OperationRef, 'kind' | 'name' | 'namespace'> }[] {
  if (!after) return [];
  const dependOn = followsPrecedingNode(after.affinityStrategy) ? after.affinityStrategy?.dependOn : undefined;
  return [{ path: 'spec.runAfter', ref: after }, ...(dependOn ? [{ path: 'spec.runAfter.affinityStrategy.dependOn', ref: dependOn }] : [])];
}

/** What the followed operation recorded, when this one's strategy asks for it. */
function precedingNodeAffinity(input: OperationSnapshot, op: FluidObject<any>): NodeAffinity | undefined {
  const after = op.spec.runAfter as OperationRef | undefined;
  if (!after || !followsPrecedingNode(after.affinityStrategy)) return undefined;
  const ref = after.affinityStrategy?.dependOn ?? after;
  const preceding = input.view.get(ref.kind, ref.name, ref.namespace ?? op.metadata.namespace ?? 'default');
  return preceding?.status?.phase === 'Complete' ? preceding.status.nodeAffinity : undefined;
}

/**
 * Fluid records where the pod ran for a DataLoad and a single-worker DataMigrate run as a Job (not Cron), once,
 * as it completes; Fluid does so behind its DataflowAffinity feature gate, which is always on here.
 */
function recordsNodeAffinity(op: FluidObject<any>, built: BuiltOperation): boolean {
  if (built.kind !== 'Job') return false;
  return op.kind === 'DataLoad' || (op.kind === 'DataMigrate' && (op.spec.parallelism ?? 1) <= 1);
}

/** The newest run of a Cron operation's CronJob, if any has started. */
function cronRun(input: OperationSnapshot, op: FluidObject<any>, built: BuiltOperation): ObservedObject | undefined {
  if (built.kind !== 'CronJob') return undefined;
  const cronJob = input.view.get('CronJob', built.name, op.metadata.namespace);
  return cronJob && newestRun(input.view, cronJob);
}

/** A Once operation whose run has ended, or a Cron operation with no unfinished run. */
function noRunGoingOn(built: BuiltOperation, finishedOnce: boolean, run: ObservedObject | undefined): boolean {
  return built.kind === 'CronJob' ? !run || finishedCondition(run) !== undefined : finishedOnce;
}

function observedStatus(input: OperationSnapshot, op: FluidObject<any>, built: BuiltOperation): Record<string, unknown> {
  const child = input.view.get(built.kind, built.name, op.metadata.namespace);
  const previous = input.operation.raw.status;
  if (built.kind === 'CronJob') return cronStatus(previous, child, child && newestRun(input.view, child), input.now);
  if (built.kind === 'Pod') return podStatus(previous, child, op.spec.backupPath ?? '', input.now);
  const status = jobStatus(previous, child, input.now);
  if (status.phase !== 'Complete' || previous?.nodeAffinity || !child || !recordsNodeAffinity(op, built)) return status;
  // Unchanged for now; the poll comes back once the pod's update is in.
  if (previous && jobPodsLagging(input.view, child)) return previous;
  const nodeAffinity = jobNodeAffinity(input.view, child);
  return nodeAffinity ? { ...status, nodeAffinity } : status;
}

function transitionEvents(input: OperationSnapshot, status: Record<string, any>, built: BuiltOperation): PlannedEvent[] {
  const op = input.operation.raw;
  const before = op.status?.phase ?? '';
  const lastRun = lastOutcome(op.status)?.lastTransitionTime;
  const thisRun = lastOutcome(status);
  const what = `${op.kind} ${op.metadata.name}`;
  if (status.phase === 'Executing' && before !== 'Executing') return [event(op, 'Normal', 'DataOperationExecuting', `${what} is running as ${built.kind} ${built.name}`, 'Execute')];
  if (!thisRun || (before === status.phase && lastRun === thisRun.lastTransitionTime)) return [];
  if (status.phase === 'Complete') return [event(op, 'Normal', 'DataOperationSucceed', `${what} succeeded`, 'Execute')];
  const why = [thisRun.reason, thisRun.message].filter(Boolean).join(': ');
  return [event(op, 'Warning', 'DataOperationFailed', `${what} failed${why ? `: ${why}` : ''}`, 'Execute')];
}

export function planOperation(input: OperationSnapshot): Plan {
  const raw = input.operation.raw;
  if (raw.metadata.deletionTimestamp) return deletionPlan(input);
  const parsed = input.operation.parsed;
  if (!parsed.ok) return reject(input, 'DataOperationNotValid', parsed.error.errors.map((e) => `${e.path || '(root)'}: ${e.message}`).join('; '));
  const op = parsed.object as FluidObject<any>;

  const finalizer = operationFinalizer(raw.kind);
  const finalizers = raw.metadata.finalizers ?? [];
  if (!finalizers.includes(finalizer)) {
    return { writes: [{ op: 'metadata', key: keyOf(raw), resourceVersion: raw.metadata.resourceVersion ?? '', patch: { finalizers: [...finalizers, finalizer] } }], events: [], outcome: DONE };
  }

  const phase = raw.status?.phase ?? '';
  const policy = op.spec.policy ?? 'Once';
  if ((phase === 'Complete' || phase === 'Failed') && policy !== 'Cron') return finishedPlan(input, op);

  const problems = operationProblems(op);
  if (problems.length) return reject(input, problems[0].reason, problems.map((p) => `${p.path}: ${p.message}`).join('; '));

  const target = operationTarget(op)!;
  const dataset = input.view.get('Dataset', target.name, target.namespace);
  const started = phase === 'Executing' || policy === 'Cron' && (phase === 'Complete' || phase === 'Failed');
  if (!dataset || dataset.metadata.deletionTimestamp) {
    const gone = `Dataset ${target.namespace}/${target.name} ${dataset ? 'is being deleted' : 'was not found'}`;
    // What ran against it is ours to remove; the operation itself is the user's and stays, Failed, saying why.
    if (started) return reject(input, 'TargetDatasetNotFound', `${target.path}: ${gone}; the ${op.kind} was stopped`, deleteOwned(input));
    return wait(input, 'TargetDatasetNotFound', `${target.path}: ${gone}`, 'Warning');
  }

  const runtime = servingRuntime(input.view, input.registry, input.settings, dataset);
  if (!started) {
    if ('error' in runtime) return wait(input, 'RuntimeNotReady', runtime.error);
    const after = op.spec.runAfter as OperationRef | undefined;
    for (const { path, ref } of precedingRefs(after)) {
      const ns = ref.namespace ?? op.metadata.namespace ?? 'default';
      const preceding = input.view.get(ref.kind, ref.name, ns);
      if (!preceding) return wait(input, 'DataOperationNotFound', `${path}: ${ref.kind} ${ns}/${ref.name} not found`, 'Warning', true);
      if (preceding.status?.phase !== 'Complete') {
        return wait(input, 'DataOperationWaiting', `${path}: waiting for ${ref.kind} ${ns}/${ref.name} to complete (now ${preceding.status?.phase || 'not started'})`, 'Normal', true);
      }
    }
  }
  if ('error' in runtime) return { writes: [], events: [], outcome: requeueAfter(POLL_MS) };

  const operationInput = { operation: op, runtime: runtime.input, precedingNodeAffinity: precedingNodeAffinity(input, op) };
  const rejected = checkOperation(runtime.engine, operationInput);
  if (rejected.length) return reject(input, rejected[0].reason, rejected.map((p) => `${p.path}: ${p.message}`).join('; '));
  const render = (runEnded: boolean): RenderedOperation | Plan => {
    try {
      return renderOperation(runtime.engine, { ...operationInput, runEnded });
    } catch (e) {
      return reject(input, 'DataOperationExecutionFailed', `the ${runtime.engine.kind} engine failed to render this ${op.kind}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  let rendered = render(false);
  if (!('built' in rendered)) return rendered;
  const status = observedStatus(input, op, rendered.built);
  const finishedOnce = policy !== 'Cron' && (status.phase === 'Complete' || status.phase === 'Failed');
  const run = cronRun(input, op, rendered.built);
  // No run going on: what runs beside one (parallel migrate workers) is scaled down, before the status says so.
  if (noRunGoingOn(rendered.built, finishedOnce, run)) rendered = render(true);
  if (!('built' in rendered)) return rendered;
  const children = childWrites(input, rendered.objects);
  if (children.foreign.length) return reject(input, 'DataOperationExecutionFailed', children.foreign.map(foreignObjectMessage).join('; '));
  const writes = children.writes;
  // A run that starts suspended goes once what runs beside it has been applied, just above (Fluid's CronStatusHandler).
  if (run?.spec?.suspend === true && !finishedCondition(run)) writes.push({ op: 'resume-job', key: keyOf(run), resourceVersion: run.metadata.resourceVersion ?? '' });
  const ref = operationRefWrite(dataset, op.kind, op.metadata.name, status.phase === 'Executing');
  if (ref) writes.push(ref);
  const events = transitionEvents(input, status, rendered.built);
  // Once finished, the status write itself brings the operation back (TTL, Dataset entry); the TTL is the backstop.
  const ttl = ttlSeconds(op);
  const outcome = !finishedOnce ? requeueAfter(POLL_MS) : ttl !== undefined ? requeueAfter(ttl * 1000) : DONE;
  return statusPlan(raw, status, events, outcome, writes);
}
