// The data-operation lifecycle as pure decisions: waiting for a Bound Dataset and for runAfter, one Job or CronJob,
// status from the Job, the Dataset's operationRef, TTL, deletion, and errors that name the field.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../../../constructs/render-documents';
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { planOperation } from '../../../../operator/reconcilers/operation-plan';
import type { Plan, Write } from '../../../../operator/reconcilers/plan';
import { datasetStatusWrite } from '../../../../operator/reconcilers/runtime-observations';
import { PlanState } from '../../../support/plan-state';

const T0 = new Date('2026-11-23T10:05:00Z');
const registry = builtinEngines();
const NS = 'team-a';

const boundStatus = { phase: 'Bound', runtimes: [{ name: 'hbase', namespace: NS, category: 'Accelerate', type: 'alluxio', masterReplicas: 1 }], conditions: [] };
const dataset = (status: object | undefined = boundStatus): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'hbase', namespace: NS, uid: 'ds-uid' },
  spec: { mounts: [{ mountPoint: 'https://example.org/hbase/', name: 'hbase' }] },
  status,
});
const runtime: ObservedObject = {
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'AlluxioRuntime',
  metadata: { name: 'hbase', namespace: NS, uid: 'rt-uid' },
  spec: { replicas: 1, tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '2Gi' }] } },
};
const dataLoad = (name: string, spec: object = {}): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'DataLoad',
  metadata: { name, namespace: NS, uid: `${name}-uid`, finalizers: ['fluid-dataload-controller-finalizer'] },
  spec: { dataset: { name: 'hbase', namespace: NS }, target: [{ path: '/hbase', replicas: 1 }], ...spec },
});

function plan(state: PlanState, name = 'warm', kind = 'DataLoad', now = T0): Plan {
  const view = state.view();
  return planOperation({ operation: view.parsed(kind, name, NS)!, view, registry, settings: DEFAULT_SETTINGS, now });
}
const ops = (p: Plan) => p.writes.map((w) => (w.op === 'apply' || w.op === 'create' ? `apply ${w.object.kind}/${w.object.metadata.name}` : w.op === 'delete' ? `delete ${w.key.kind}/${w.key.name}` : `${w.op} ${'key' in w ? `${w.key.kind}/${w.key.name}` : ''}`));
const status = (state: PlanState, name = 'warm') => state.get('DataLoad', name, NS)!.status;
const reasons = (p: Plan) => p.events.map((e) => `${e.type} ${e.reason}`);

function finishJob(state: PlanState, name: string, type: 'Complete' | 'Failed', at = '2026-11-23T10:06:05Z'): void {
  const job = state.get('Job', name, NS)!;
  const condition = type === 'Complete'
    ? { type, status: 'True', lastTransitionTime: at, lastProbeTime: at }
    : { type, status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastTransitionTime: at, lastProbeTime: at };
  // PlanState creates every object at 10:00:00.
  state.put({ ...job, status: { conditions: [condition] } });
}

describe('planOperation: a Once DataLoad', () => {
  it('adds its finalizer first, and nothing else', () => {
    const state = new PlanState([dataset(), runtime, { ...dataLoad('warm'), metadata: { name: 'warm', namespace: NS, uid: 'u' } }]);
    const p = plan(state);
    expect(p.writes).toEqual([expect.objectContaining({ op: 'metadata', patch: { finalizers: ['fluid-dataload-controller-finalizer'] } })]);
  });

  it('waits, Pending with a condition and one Event, while the Dataset is not bound; then runs', () => {
    const state = new PlanState([dataset({ phase: 'NotBound' }), runtime, dataLoad('warm')]);
    const first = plan(state);
    state.apply(first);
    expect(status(state)).toMatchObject({ phase: 'Pending', duration: 'Unfinished', conditions: [{ type: 'Waiting', status: 'True', reason: 'RuntimeNotReady' }] });
    expect(reasons(first)).toEqual(['Normal RuntimeNotReady']);
    expect(first.outcome).toEqual({ kind: 'requeueAfter', ms: 20_000 });
    // Asked again with nothing changed: no write, no Event.
    const again = plan(state);
    expect(again.writes).toEqual([]);
    expect(again.events).toEqual([]);

    state.put(dataset());
    const run = plan(state);
    expect(ops(run)).toEqual(['apply ConfigMap/warm-loader-data-load-script', 'apply Job/warm-loader-job', 'status-merge Dataset/hbase', 'status DataLoad/warm']);
    state.apply(run);
    expect(status(state)).toMatchObject({ phase: 'Executing', duration: 'Unfinished', conditions: [] });
    expect(reasons(run)).toEqual(['Normal DataOperationExecuting']);
    expect(state.get('Dataset', 'hbase', NS)!.status.operationRef).toEqual({ DataLoad: 'warm' });
  });

  it('creates the Job once, owned by the DataLoad, and writes nothing while it runs', () => {
    const state = new PlanState([dataset(), runtime, dataLoad('warm')]);
    state.apply(plan(state));
    const job = state.get('Job', 'warm-loader-job', NS)!;
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'data.fluid.io/v1alpha1', kind: 'DataLoad', name: 'warm', uid: 'warm-uid', controller: true, blockOwnerDeletion: false }]);
    expect(job.metadata.labels).toMatchObject({ release: 'warm-loader', role: 'dataload-job', app: 'alluxio', targetDataset: 'hbase', 'fluid.io/dataset-id': 'team-a-hbase' });
    const idle = plan(state);
    expect(idle.writes).toEqual([]);
    expect(idle.events).toEqual([]);
  });

  it('Complete: copies the Job condition and duration, leaves the Dataset list, says so once', () => {
    const state = new PlanState([dataset(), runtime, dataLoad('warm')]);
    state.apply(plan(state));
    finishJob(state, 'warm-loader-job', 'Complete');
    const done = plan(state);
    state.apply(done);
    expect(status(state)).toMatchObject({ phase: 'Complete', duration: '6m5s', conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-11-23T10:06:05Z' }] });
    expect(reasons(done)).toEqual(['Normal DataOperationSucceed']);
    expect(state.get('Dataset', 'hbase', NS)!.status.operationRef).toEqual({});
    expect(plan(state).writes).toEqual([]);
  });

  it('Failed: the Job reason in the condition and a Warning Event', () => {
    const state = new PlanState([dataset(), runtime, dataLoad('warm')]);
    state.apply(plan(state));
    finishJob(state, 'warm-loader-job', 'Failed');
    const failed = plan(state);
    state.apply(failed);
    expect(status(state)).toMatchObject({ phase: 'Failed', conditions: [{ type: 'Failed', reason: 'BackoffLimitExceeded' }] });
    expect(failed.events).toEqual([expect.objectContaining({ type: 'Warning', reason: 'DataOperationFailed', note: 'DataLoad warm failed: BackoffLimitExceeded: Job has reached the specified backoff limit' })]);
  });

  it('ttlSecondsAfterFinished: looks again when it runs out, then deletes the DataLoad', () => {
    const state = new PlanState([dataset(), runtime, dataLoad('warm', { ttlSecondsAfterFinished: 60 })]);
    state.apply(plan(state));
    finishJob(state, 'warm-loader-job', 'Complete');
    state.apply(plan(state));
    expect(plan(state, 'warm', 'DataLoad', new Date('2026-11-23T10:06:35Z')).outcome).toEqual({ kind: 'requeueAfter', ms: 30_000 });
    expect(ops(plan(state, 'warm', 'DataLoad', new Date('2026-11-23T10:07:05Z')))).toEqual(['delete DataLoad/warm']);
  });
});

describe('planOperation: ordering, Cron, deletion', () => {
  it('runAfter holds the second operation until the first is Complete', () => {
    const state = new PlanState([dataset(), runtime, dataLoad('first'), dataLoad('second', { runAfter: { kind: 'DataLoad', name: 'first' } })]);
    const held = plan(state, 'second');
    state.apply(held);
    expect(status(state, 'second')).toMatchObject({ phase: 'Pending', waitingFor: { operationComplete: true }, conditions: [{ reason: 'DataOperationWaiting' }] });
    expect(ops(held)).toEqual(['status DataLoad/second']);
    state.apply(plan(state, 'first'));
    finishJob(state, 'first-loader-job', 'Complete');
    state.apply(plan(state, 'first'));
    const run = plan(state, 'second');
    expect(ops(run)).toContain('apply Job/second-loader-job');
    state.apply(run);
    expect(status(state, 'second')).toMatchObject({ phase: 'Executing', waitingFor: { operationComplete: false }, conditions: [] });
  });

  it('a runAfter naming nothing waits with a Warning that names the field', () => {
    const state = new PlanState([dataset(), runtime, dataLoad('second', { runAfter: { kind: 'DataLoad', name: 'nope' } })]);
    const p = plan(state, 'second');
    expect(p.events).toEqual([expect.objectContaining({ type: 'Warning', reason: 'DataOperationNotFound', note: 'spec.runAfter: DataLoad team-a/nope not found' })]);
  });

  it('Cron: a CronJob on the schedule whose Jobs carry our label; each run is reflected in status', () => {
    const state = new PlanState([dataset(), runtime, dataLoad('nightly', { policy: 'Cron', schedule: '0 1 * * *' })]);
    state.apply(plan(state, 'nightly'));
    const cron = state.get('CronJob', 'nightly-loader-job', NS)!;
    expect(cron.spec.schedule).toBe('0 1 * * *');
    expect(cron.spec.jobTemplate.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'fluid-cdk8s', 'fluid.io/jobPolicy': 'cron' });
    expect(cron.spec.jobTemplate.metadata.annotations).toEqual({ 'fluid-cdk8s.io/owner': 'DataLoad/team-a/nightly' });
    expect(status(state, 'nightly').phase).toBe('Executing');

    state.put({ ...cron, status: { lastScheduleTime: '2026-11-24T01:00:00Z', lastSuccessfulTime: '2026-11-24T01:01:00Z' } });
    const at = '2026-11-24T01:01:00Z';
    state.put({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'nightly-loader-job-29400060', namespace: NS, creationTimestamp: '2026-11-24T01:00:00Z', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cron.metadata.name, uid: cron.metadata.uid! }] }, status: { conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: at }] } });
    const ran = plan(state, 'nightly');
    state.apply(ran);
    expect(status(state, 'nightly')).toMatchObject({ phase: 'Complete', duration: '1m0s', lastScheduleTime: '2026-11-24T01:00:00Z', lastSuccessfulTime: at });
    expect(reasons(ran)).toEqual(['Normal DataOperationSucceed']);
    // The CronJob stays: a Cron operation is never finished.
    expect(ops(plan(state, 'nightly'))).toEqual([]);
  });

  it('deleting the DataLoad removes its Job and script, its Dataset entry, then its finalizer', () => {
    const state = new PlanState([dataset(), runtime, dataLoad('warm')]);
    state.apply(plan(state));
    const op = state.get('DataLoad', 'warm', NS)!;
    state.put({ ...op, metadata: { ...op.metadata, deletionTimestamp: '2026-11-23T10:07:00Z' } });
    expect(ops(plan(state))).toEqual(['delete Job/warm-loader-job', 'delete ConfigMap/warm-loader-data-load-script', 'status-merge Dataset/hbase', 'metadata DataLoad/warm']);
  });

  it('the Dataset deleted while it runs: the Job goes, the DataLoad stays, Failed, saying why', () => {
    const state = new PlanState([dataset(), runtime, dataLoad('warm')]);
    state.apply(plan(state));
    state.remove('Dataset', 'hbase', NS);
    const p = plan(state);
    expect(ops(p)).toEqual(['delete Job/warm-loader-job', 'delete ConfigMap/warm-loader-data-load-script', 'status DataLoad/warm']);
    state.apply(p);
    expect(state.get('DataLoad', 'warm', NS)).toBeDefined();
    expect(status(state)).toMatchObject({ phase: 'Failed', conditions: [{ type: 'Failed', reason: 'TargetDatasetNotFound', message: 'spec.dataset: Dataset team-a/hbase was not found; the DataLoad was stopped' }] });
  });
});

describe('planOperation: bad input fails with the field named, once', () => {
  it.each([
    ['a Cron without schedule', { policy: 'Cron' }, 'ScheduleNotSpecified', 'spec.schedule: '],
    ['an option Alluxio does not take', { options: { threads: '4' } }, 'DataOperationNotValid', 'spec.options.threads: '],
    ['another namespace', { dataset: { name: 'hbase', namespace: 'other' } }, 'TargetDatasetNamespaceNotSame', 'spec.dataset.namespace: '],
    ['a schema error', { target: [{ replicas: 2 }] }, 'DataOperationNotValid', 'spec.target[0].path: '],
  ])('%s', (_what, spec, reason, field) => {
    const state = new PlanState([dataset(), runtime, dataLoad('bad', spec)]);
    const p = plan(state, 'bad');
    expect(p.writes.every((w: Write) => w.op === 'status')).toBe(true);
    state.apply(p);
    expect(status(state, 'bad')).toMatchObject({ phase: 'Failed', conditions: [{ type: 'Failed', reason }] });
    expect(status(state, 'bad').conditions[0].message).toContain(field);
    expect(p.events).toEqual([expect.objectContaining({ type: 'Warning', reason })]);
    expect(plan(state, 'bad').writes).toEqual([]);
  });

  it('an operation the engine does not run: DataMigrate on Alluxio', () => {
    const migrate: ObservedObject = {
      apiVersion: 'data.fluid.io/v1alpha1', kind: 'DataMigrate',
      metadata: { name: 'mv', namespace: NS, uid: 'mv', finalizers: ['fluid-datamigrate-controller-finalizer'] },
      spec: { from: { dataset: { name: 'hbase', namespace: NS } }, to: { externalStorage: { uri: 's3://bucket/x' } } },
    };
    const state = new PlanState([dataset(), runtime, migrate]);
    const p = plan(state, 'mv', 'DataMigrate');
    expect(p.events).toEqual([expect.objectContaining({ reason: 'DataOperationNotSupport', note: expect.stringContaining('AlluxioRuntime does not run DataMigrate') })]);
  });
});

describe('the Dataset status has two writers', () => {
  it('the runtime plan neither writes nor compares operationRef, so a stale read cannot drop a running operation', () => {
    const running = dataset({ ...boundStatus, operationRef: { DataLoad: 'warm' } });
    expect(datasetStatusWrite(running, { ...boundStatus })).toBeUndefined();
    const changed = datasetStatusWrite(running, { ...boundStatus, phase: 'Failed', operationRef: { DataLoad: 'stale' } });
    expect(changed).toEqual({ op: 'status', key: expect.objectContaining({ name: 'hbase' }), status: { ...boundStatus, phase: 'Failed' } });
  });
});

describe('planOperation: data-flow affinity', () => {
  const node = (name: string): ObservedObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': 'z1' } } });
  const dataProcess = (name: string, runAfter: object): ObservedObject => ({
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'DataProcess',
    metadata: { name, namespace: NS, uid: `${name}-uid`, finalizers: ['fluid-dataprocess-controller-finalizer'] },
    spec: { dataset: { name: 'hbase', namespace: NS, mountPath: '/data' }, processor: { script: { image: 'busybox', source: 'ls /data' } }, runAfter },
  });
  /** The first DataLoad runs; its Job completes with its pod Succeeded on node-2. */
  function loadRanOn(state: PlanState, nodeName: string): void {
    state.apply(plan(state, 'first'));
    const job = state.get('Job', 'first-loader-job', NS)!;
    const selector = { 'batch.kubernetes.io/controller-uid': 'first-job-uid' };
    state.put({ ...job, spec: { ...job.spec, selector: { matchLabels: selector } } });
    state.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'first-loader-job-abcde', namespace: NS, labels: selector }, spec: { nodeName }, status: { phase: 'Succeeded' } });
    finishJob(state, 'first-loader-job', 'Complete');
    state.apply(plan(state, 'first'));
  }
  const processJob = (state: PlanState) => state.view().list('Job', NS).find((j) => j.metadata.ownerReferences?.some((o) => o.name === 'next'));

  it('the finished DataLoad records its node; a Require follower\'s Job must run there', () => {
    const state = new PlanState([dataset(), runtime, node('node-1'), node('node-2'), dataLoad('first'), dataProcess('next', { kind: 'DataLoad', name: 'first', affinityStrategy: { policy: 'Require' } })]);
    loadRanOn(state, 'node-2');
    expect(status(state, 'first')).toMatchObject({
      phase: 'Complete',
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [
        { key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] },
        { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['z1'] },
      ] }] } },
    });
    state.apply(plan(state, 'next', 'DataProcess'));
    expect(processJob(state)!.spec.template.spec.affinity).toEqual({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] }] }] } },
    });
  });

  it('a Prefer follower with named labels prefers them; without a strategy the pod is unconstrained', () => {
    const state = new PlanState([dataset(), runtime, node('node-2'), dataLoad('first'),
      dataProcess('next', { kind: 'DataLoad', name: 'first', affinityStrategy: { policy: 'Prefer', prefers: [{ name: 'topology.kubernetes.io/zone', weight: 30 }] } }),
      dataLoad('plain', { runAfter: { kind: 'DataLoad', name: 'first' } })]);
    loadRanOn(state, 'node-2');
    state.apply(plan(state, 'next', 'DataProcess'));
    expect(processJob(state)!.spec.template.spec.affinity).toEqual({
      nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 30, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['z1'] }] } }] },
    });
    state.apply(plan(state, 'plain'));
    expect(state.get('Job', 'plain-loader-job', NS)!.spec.template.spec.affinity).toBeUndefined();
  });

  it('a Job seen Complete before its pod is seen Succeeded waits for the pod, then records its node', () => {
    const state = new PlanState([dataset(), runtime, node('node-2'), dataLoad('first')]);
    state.apply(plan(state, 'first'));
    const job = state.get('Job', 'first-loader-job', NS)!;
    const selector = { 'batch.kubernetes.io/controller-uid': 'first-job-uid' };
    state.put({ ...job, spec: { ...job.spec, selector: { matchLabels: selector } } });
    const pod: ObservedObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'first-loader-job-abcde', namespace: NS, labels: selector }, spec: { nodeName: 'node-2' }, status: { phase: 'Running' } };
    state.put(pod);
    finishJob(state, 'first-loader-job', 'Complete');
    const early = plan(state, 'first');
    expect(ops(early)).toEqual([]);
    expect(early.outcome).toEqual({ kind: 'requeueAfter', ms: 20_000 });
    state.put({ ...pod, status: { phase: 'Succeeded' } });
    state.apply(plan(state, 'first'));
    expect(status(state, 'first')).toMatchObject({ phase: 'Complete', nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expect.objectContaining({ values: ['node-2'] }), expect.anything()] }] } } });
  });

  it('waits for the dependOn operation too, naming the field', () => {
    const state = new PlanState([dataset(), runtime, node('node-2'), dataLoad('first'), dataLoad('other'),
      dataProcess('next', { kind: 'DataLoad', name: 'first', affinityStrategy: { policy: 'Require', dependOn: { kind: 'DataLoad', name: 'other' } } })]);
    loadRanOn(state, 'node-2');
    const p = plan(state, 'next', 'DataProcess');
    expect(p.events).toEqual([expect.objectContaining({ reason: 'DataOperationWaiting', note: 'spec.runAfter.affinityStrategy.dependOn: waiting for DataLoad team-a/other to complete (now not started)' })]);
    expect(ops(p)).toEqual(['status DataProcess/next']);
  });

  it('an unknown policy fails the operation, naming the field', () => {
    const state = new PlanState([dataset(), runtime, dataLoad('first'), dataProcess('next', { kind: 'DataLoad', name: 'first', affinityStrategy: { policy: 'Always' } })]);
    const p = plan(state, 'next', 'DataProcess');
    expect(p.events).toEqual([expect.objectContaining({ type: 'Warning', reason: 'DataOperationNotValid', note: expect.stringContaining('spec.runAfter.affinityStrategy.policy: expected Require, Prefer or "" (none), got "Always"') })]);
  });
});
