// The lifecycle of a parallel DataMigrate as pure decisions: the launcher Job, the worker StatefulSet and Service
// start together; the Dataset is DataMigrating meanwhile; when the launcher ends (Complete or Failed) the workers
// are scaled to zero before the status says so, and stay there; deleting the DataMigrate removes all of it. A Cron
// one keeps its workers at zero between runs; each run starts suspended and is resumed once they are applied.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../../../constructs/render-documents';
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { planOperation } from '../../../../operator/reconcilers/operation-plan';
import type { Plan } from '../../../../operator/reconcilers/plan';
import { PlanState } from '../../../support/plan-state';

const T0 = new Date('2026-12-03T10:05:00Z');
const NS = 'team-j';
const registry = builtinEngines();

const secret: ObservedObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'jfs-secret', namespace: NS }, data: { metaurl: 'cmVkaXM6Ly9yZWRpcw==' } } as ObservedObject;
const dataset: ObservedObject = {
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'jfs', namespace: NS, uid: 'ds-uid' },
  spec: { mounts: [{ mountPoint: 'juicefs:///', name: 'jfs', options: { storage: 'minio', bucket: 'http://minio:9000/jfs' }, encryptOptions: [{ name: 'metaurl', valueFrom: { secretKeyRef: { name: 'jfs-secret', key: 'metaurl' } } }] }] },
  status: { phase: 'Bound', runtimes: [{ name: 'jfs', namespace: NS, category: 'Accelerate', type: 'juicefs', masterReplicas: 0 }], conditions: [] },
};
const runtime: ObservedObject = {
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'JuiceFSRuntime',
  metadata: { name: 'jfs', namespace: NS, uid: 'rt-uid' },
  spec: { replicas: 1, tieredstore: { levels: [{ mediumtype: 'SSD', path: '/var/jfsCache', quota: '20Gi' }] } },
};
const migrate = (spec: object = {}): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'DataMigrate',
  metadata: { name: 'mv', namespace: NS, uid: 'mv-uid', finalizers: ['fluid-datamigrate-controller-finalizer'] },
  spec: { from: { dataset: { name: 'jfs', namespace: NS } }, to: { externalStorage: { uri: 's3://bucket/out/' } }, parallelism: 3, parallelOptions: { sshSecretName: 'mv-ssh' }, ...spec },
});

const plan = (state: PlanState): Plan => {
  const view = state.view();
  return planOperation({ operation: view.parsed('DataMigrate', 'mv', NS)!, view, registry, settings: DEFAULT_SETTINGS, now: T0 });
};
const ops = (p: Plan) => p.writes.map((w) => (w.op === 'apply' || w.op === 'create' ? `apply ${w.object.kind}/${w.object.metadata.name}` : w.op === 'delete' ? `delete ${w.key.kind}/${w.key.name}` : `${w.op} ${'key' in w ? `${w.key.kind}/${w.key.name}` : ''}`));
const status = (state: PlanState) => state.get('DataMigrate', 'mv', NS)!.status;
const workers = (state: PlanState) => state.get('StatefulSet', 'mv-migrate-workers', NS);

function endLauncher(state: PlanState, type: 'Complete' | 'Failed'): void {
  const job = state.get('Job', 'mv-migrate-migrate', NS)!;
  const at = '2026-12-03T10:09:00Z';
  const condition = { type, status: 'True', lastTransitionTime: at, lastProbeTime: at, ...(type === 'Failed' ? { reason: 'BackoffLimitExceeded' } : {}) };
  state.put({ ...job, status: { conditions: [condition] } });
}

describe('planOperation: a parallel DataMigrate', () => {
  it('starts the launcher with its workers and their Service, lists itself on the Dataset (DataMigrating), then writes nothing while it runs', () => {
    const state = new PlanState([secret, dataset, runtime, migrate()]);
    const start = plan(state);
    expect(ops(start)).toEqual([
      'apply ConfigMap/mv-migrate-script',
      'apply Service/mv-migrate-workers',
      'apply StatefulSet/mv-migrate-workers',
      'apply Job/mv-migrate-migrate',
      'status-merge Dataset/jfs',
      'status DataMigrate/mv',
    ]);
    state.apply(start);
    expect(workers(state)!.spec.replicas).toBe(2);
    expect(workers(state)!.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'DataMigrate', name: 'mv', controller: true })]);
    expect(status(state).phase).toBe('Executing');
    expect(state.get('Dataset', 'jfs', NS)!.status).toMatchObject({ phase: 'DataMigrating', operationRef: { DataMigrate: 'mv' } });
    expect(plan(state).writes).toEqual([]);
  });

  it.each(['Complete', 'Failed'] as const)('launcher %s: the workers go to zero in the same plan, before the status; Bound again; then nothing more', (end) => {
    const state = new PlanState([secret, dataset, runtime, migrate()]);
    state.apply(plan(state));
    endLauncher(state, end);
    const ended = plan(state);
    expect(ops(ended)).toEqual(['apply StatefulSet/mv-migrate-workers', 'status-merge Dataset/jfs', 'status DataMigrate/mv']);
    state.apply(ended);
    expect(workers(state)!.spec.replicas).toBe(0);
    expect(status(state).phase).toBe(end);
    // A parallel run records no data-flow affinity (Fluid's op_job.go skips parallelism > 1).
    expect(status(state).nodeAffinity).toBeUndefined();
    expect(state.get('Dataset', 'jfs', NS)!.status.phase).toBe('Bound');
    expect(ops(plan(state))).toEqual([]);
    expect(state.get('Service', 'mv-migrate-workers', NS)).toBeDefined();
  });

  it('deleting it removes the launcher, the workers, their Service and the scripts, then lets go', () => {
    const state = new PlanState([secret, dataset, runtime, migrate()]);
    state.apply(plan(state));
    const op = state.get('DataMigrate', 'mv', NS)!;
    state.put({ ...op, metadata: { ...op.metadata, deletionTimestamp: '2026-12-03T10:07:00Z' } });
    expect(ops(plan(state))).toEqual([
      'delete Job/mv-migrate-migrate',
      'delete StatefulSet/mv-migrate-workers',
      'delete Service/mv-migrate-workers',
      'delete ConfigMap/mv-migrate-script',
      'status-merge Dataset/jfs',
      'metadata DataMigrate/mv',
    ]);
  });

  it('without the SSH Secret name it fails with TargetSSHSecretNameNotSet naming the field, and creates nothing', () => {
    const state = new PlanState([secret, dataset, runtime, migrate({ parallelOptions: {} })]);
    const p = plan(state);
    expect(ops(p)).toEqual(['status DataMigrate/mv']);
    state.apply(p);
    expect(status(state)).toMatchObject({ phase: 'Failed', conditions: [{ type: 'Failed', reason: 'TargetSSHSecretNameNotSet', message: expect.stringMatching(/^spec\.parallelOptions\.sshSecretName: /) }] });
  });

  it('a data-flow Require strategy places the workers on the preceding node too', () => {
    const nodeAffinity = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }] }] } };
    const load: ObservedObject = {
      apiVersion: 'data.fluid.io/v1alpha1',
      kind: 'DataLoad',
      metadata: { name: 'warm', namespace: NS, uid: 'warm-uid' },
      spec: { dataset: { name: 'jfs', namespace: NS } },
      status: { phase: 'Complete', nodeAffinity },
    };
    const state = new PlanState([secret, dataset, runtime, load, migrate({ runAfter: { kind: 'DataLoad', name: 'warm', affinityStrategy: { policy: 'Require' } } })]);
    state.apply(plan(state));
    const affinity = workers(state)!.spec.template.spec.affinity;
    expect(affinity.nodeAffinity).toEqual(nodeAffinity);
    expect(affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    expect(state.get('Job', 'mv-migrate-migrate', NS)!.spec.template.spec.affinity.nodeAffinity).toEqual(nodeAffinity);
  });
});

describe('planOperation: a parallel Cron DataMigrate', () => {
  const cronJobRun = (state: PlanState, name: string, suspended: boolean): ObservedObject => {
    const cron = state.get('CronJob', 'mv-migrate-migrate', NS)!;
    return state.put({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name, namespace: NS, creationTimestamp: '2026-12-04T01:00:00Z', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cron.metadata.name, uid: cron.metadata.uid! }] },
      spec: { ...cron.spec.jobTemplate.spec, suspend: suspended },
    });
  };

  it('workers at zero until a run starts; the suspended run is resumed after they are scaled up; zero again when it ends', () => {
    const state = new PlanState([secret, dataset, runtime, migrate({ policy: 'Cron', schedule: '0 1 * * *' })]);
    state.apply(plan(state));
    expect(state.get('CronJob', 'mv-migrate-migrate', NS)!.spec.jobTemplate.spec.suspend).toBe(true);
    expect(workers(state)!.spec.replicas).toBe(0);

    cronJobRun(state, 'mv-migrate-migrate-29400060', true);
    const start = plan(state);
    expect(ops(start).slice(0, 2)).toEqual(['apply StatefulSet/mv-migrate-workers', 'resume-job Job/mv-migrate-migrate-29400060']);
    state.apply(start);
    expect(workers(state)!.spec.replicas).toBe(2);
    expect(state.get('Job', 'mv-migrate-migrate-29400060', NS)!.spec.suspend).toBe(false);
    expect(status(state).phase).toBe('Executing');
    // Running: nothing to resume, nothing to scale.
    expect(ops(plan(state)).filter((o) => !o.startsWith('status'))).toEqual([]);

    const job = state.get('Job', 'mv-migrate-migrate-29400060', NS)!;
    state.put({ ...job, status: { conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-12-04T01:03:00Z' }] } });
    const ended = plan(state);
    expect(ops(ended)[0]).toBe('apply StatefulSet/mv-migrate-workers');
    state.apply(ended);
    expect(workers(state)!.spec.replicas).toBe(0);
    expect(status(state).phase).toBe('Complete');
    expect(ops(plan(state))).toEqual([]);
  });
});
