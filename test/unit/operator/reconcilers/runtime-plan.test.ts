// The runtime lifecycle as pure decisions: Fluid's setup order, binding, idle convergence, scaling, errors, deletion.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { RuntimeStatus } from '../../../../crds/schema/common/runtime-status';
import { DEFAULT_SETTINGS } from '../../../../constructs/render-documents';
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { mergeNodeSelectorAndNodeAffinity } from '../../../../operator/reconcilers/cache-affinity';
import { DATASET_FINALIZER, planDataset } from '../../../../operator/reconcilers/dataset-plan';
import type { Plan, Write } from '../../../../operator/reconcilers/plan';
import { planRuntime } from '../../../../operator/reconcilers/runtime-plan';
import { runtimeSnapshot } from '../../../../operator/reconcilers/runtime-snapshot';
import { PlanState } from '../../../support/plan-state';

const NOW = new Date('2026-11-23T10:05:00Z');
const registry = builtinEngines();

const dataset = (): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'Dataset',
  // Claimed by the Dataset controller, whose first patch adds the finalizer (and the dataset-id label).
  metadata: { name: 'hbase', namespace: 'team-a', uid: 'ds-uid', finalizers: [DATASET_FINALIZER] },
  spec: { mounts: [{ mountPoint: 'https://example.org/hbase/', name: 'hbase' }] },
});
const runtime = (spec: object = { replicas: 2, tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '2Gi' }] } }): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'AlluxioRuntime',
  metadata: { name: 'hbase', namespace: 'team-a', uid: 'rt-uid' },
  spec,
});
const nodes = ['node-0', 'node-1', 'node-2'].map((name): ObservedObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: {} } }));

function plan(state: PlanState): Plan {
  return planRuntime(runtimeSnapshot(state.view(), registry, { kind: 'AlluxioRuntime', namespace: 'team-a', name: 'hbase' }, DEFAULT_SETTINGS, NOW)!);
}

const applied = (p: Plan) => p.writes.flatMap((w) => (w.op === 'apply' || w.op === 'create' ? [`${w.object.kind}/${w.object.metadata.name}`] : []));

/** Runs dataset and runtime plans, marking workloads ready, until nothing is left to write. */
function converge(state: PlanState, rounds = 10): void {
  for (let i = 0; i < rounds; i++) {
    const ds = planDataset(state.get('Dataset', 'hbase', 'team-a')!, state.view());
    state.apply(ds);
    const p = plan(state);
    state.apply(p);
    state.markWorkloadsReady();
    if (!ds.writes.length && !p.writes.length) return;
  }
  throw new Error('did not converge');
}

function workerPods(state: PlanState, count: number): void {
  for (let i = 0; i < 5; i++) state.remove('Pod', `hbase-worker-${i}`, 'team-a');
  for (let i = 0; i < count; i++) {
    state.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `hbase-worker-${i}`, namespace: 'team-a', labels: { 'fluid.io/dataset': 'team-a-hbase' } }, spec: { nodeName: `node-${i}` }, status: { phase: 'Running' } });
  }
}

describe('runtime setup in Fluid order', () => {
  it('claims the runtime and the dataset first: finalizer, owner reference, dataset-id labels', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    const p = plan(state);
    expect(p.writes).toEqual([
      {
        op: 'metadata',
        key: { apiVersion: 'data.fluid.io/v1alpha1', kind: 'AlluxioRuntime', name: 'hbase', namespace: 'team-a' },
        resourceVersion: expect.any(String),
        patch: {
          finalizers: ['alluxio-runtime-controller-finalizer'],
          ownerReferences: [{ apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', name: 'hbase', uid: 'ds-uid' }],
          labels: { 'fluid.io/dataset-id': 'team-a-hbase' },
        },
      },
      expect.objectContaining({ op: 'metadata', key: expect.objectContaining({ kind: 'Dataset' }), patch: { labels: { 'fluid.io/dataset-id': 'team-a-hbase' } } }),
    ]);
  });

  it('leaves the Dataset\'s finalizer and label to the Dataset controller, and waits for them', () => {
    const unclaimed = { ...dataset(), metadata: { ...dataset().metadata, finalizers: undefined } };
    const state = new PlanState([unclaimed, runtime(), ...nodes]);
    const first = plan(state);
    expect(first.writes.map((w) => w.op === 'metadata' && w.key.kind)).toEqual(['AlluxioRuntime']);
    state.apply(first);
    expect(plan(state).writes).toEqual([]);
    // One patch from the Dataset controller brings both; then the runtime sets up without a Dataset patch of its own.
    const ds = planDataset(state.get('Dataset', 'hbase', 'team-a')!, state.view());
    expect(ds.writes).toEqual([expect.objectContaining({ op: 'metadata', patch: { finalizers: [DATASET_FINALIZER], labels: { 'fluid.io/dataset-id': 'team-a-hbase' } } })]);
    state.apply(ds);
    expect(plan(state).writes.filter((w) => w.op === 'metadata')).toEqual([]);
    expect(applied(plan(state))).toContain('StatefulSet/hbase-master');
  });

  it('writes no status in the reconcile that creates a component, only in the one that sees it', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    state.apply(plan(state));
    const creating = plan(state);
    expect(creating.writes.some((w) => w.op === 'status')).toBe(false);
    state.apply(creating);
    expect(plan(state).writes).toEqual([expect.objectContaining({ op: 'status', status: expect.objectContaining({ masterPhase: 'NotReady' }) })]);
  });

  it('applies the master before the workers, the workers before the fuse, and the volume with the binding', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    state.apply(plan(state));
    const first = plan(state);
    expect(applied(first)).toEqual(expect.arrayContaining(['ConfigMap/hbase-config', 'StatefulSet/hbase-master', 'Service/hbase-master-0']));
    expect(applied(first)).not.toContain('StatefulSet/hbase-worker');
    expect(first.outcome).toEqual({ kind: 'requeueAfter', ms: 30000 });
    state.apply(first);
    expect(applied(plan(state))).toEqual([]);

    state.markWorkloadsReady();
    const second = plan(state);
    expect(applied(second)).toEqual(['StatefulSet/hbase-worker']);
    state.apply(second);
    state.markWorkloadsReady();
    const third = plan(state);
    expect(applied(third)).toEqual(['DaemonSet/hbase-fuse']);
    state.apply(third);
    state.markWorkloadsReady();

    const bind = plan(state);
    expect(applied(bind)).toEqual(['PersistentVolume/team-a-hbase', 'PersistentVolumeClaim/hbase']);
    // The volume first, then the binding: a Dataset is never Bound without its PVC. The runtime's status, with its
    // setupDuration, comes before the binding, as Fluid's CheckAndUpdateRuntimeStatus precedes BindToDataset.
    expect(bind.writes.slice(0, 4)).toMatchObject([
      { op: 'create', object: { kind: 'PersistentVolume' } },
      { op: 'create', object: { kind: 'PersistentVolumeClaim' } },
      { op: 'status', key: { kind: 'AlluxioRuntime' }, status: { setupDuration: '5m0s' } },
      { op: 'status', key: { kind: 'Dataset' }, status: { phase: 'Bound', runtimes: [{ name: 'hbase', namespace: 'team-a', category: 'Accelerate', type: 'alluxio', masterReplicas: 1 }] } },
    ]);
    // Fluid records no Event when a Dataset binds (the phase says it), so neither do we: one write less per pair.
    expect(bind.events).toEqual([]);
  });

  it('converges: once Bound and idle, a reconcile writes nothing and does not requeue', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    converge(state);
    const idle = plan(state);
    expect(idle.writes).toEqual([]);
    expect(idle.outcome).toEqual({ kind: 'done' });
    const status = state.get('AlluxioRuntime', 'hbase', 'team-a')!.status;
    expect(status).toMatchObject({ masterPhase: 'Ready', workerPhase: 'Ready', fusePhase: 'Ready', desiredWorkerNumberScheduled: 2, workerNumberReady: 2, setupDuration: '5m0s' });
    expect(status.conditions.map((c: { type: string }) => c.type)).toEqual(['MasterInitialized', 'MasterReady', 'WorkersInitialized', 'WorkersReady', 'FusesInitialized', 'FusesReady']);
    expect(state.get('Dataset', 'hbase', 'team-a')!.status).toMatchObject({ phase: 'Bound', conditions: [{ type: 'Ready', status: 'True', reason: 'DatasetReady' }] });
  });

  it('owns what it applies: controller reference to the runtime, none on the cluster-scoped PV', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    converge(state);
    expect(state.get('StatefulSet', 'hbase-worker', 'team-a')!.metadata.ownerReferences).toEqual([
      { apiVersion: 'data.fluid.io/v1alpha1', kind: 'AlluxioRuntime', name: 'hbase', uid: 'rt-uid', controller: true, blockOwnerDeletion: false },
    ]);
    expect(state.get('PersistentVolume', 'team-a-hbase')!.metadata.ownerReferences).toBeUndefined();
  });
});

describe('status fields as Fluid writes them', () => {
  it('setupDuration is written no later than the write that binds the Dataset', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    let bind: Plan | undefined;
    for (let i = 0; i < 10 && !bind; i++) {
      const p = plan(state);
      if (p.writes.some((w) => w.op === 'status' && w.key.kind === 'Dataset' && w.status.phase === 'Bound')) bind = p;
      state.apply(p);
      state.markWorkloadsReady();
    }
    const index = (pred: (w: Write) => boolean) => bind!.writes.findIndex(pred);
    const duration = index((w) => w.op === 'status' && w.key.kind === 'AlluxioRuntime' && typeof w.status.setupDuration === 'string');
    const bound = index((w) => w.op === 'status' && w.key.kind === 'Dataset');
    expect(duration).toBeGreaterThanOrEqual(0);
    expect(duration).toBeLessThan(bound);
  });

  it('cacheAffinity: the worker template\'s node affinity with its nodeSelector, once the workers exist', () => {
    const zoned = { ...dataset(), spec: { ...dataset().spec, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } } };
    const state = new PlanState([zoned, runtime({ ...runtime().spec, worker: { nodeSelector: { disk: 'ssd' } } }), ...nodes]);
    state.apply(plan(state));
    state.apply(plan(state));
    expect(state.get('AlluxioRuntime', 'hbase', 'team-a')!.status?.cacheAffinity).toBeUndefined();
    converge(state);
    const affinity = state.get('AlluxioRuntime', 'hbase', 'team-a')!.status.cacheAffinity;
    expect(affinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'disk', operator: 'In', values: ['ssd'] }] },
    ]);
    expect(affinity).toEqual(mergeNodeSelectorAndNodeAffinity(state.get('StatefulSet', 'hbase-worker', 'team-a')!.spec.template.spec));
    // Every field fits the CRD's status schema, so the apiserver keeps it and an idle reconcile finds nothing to write.
    expect(RuntimeStatus.safeParse(state.get('AlluxioRuntime', 'hbase', 'team-a')!.status).error).toBeUndefined();
  });

  it('the PVC records the fuse DaemonSet\'s generation when it is created, and keeps it afterwards', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    converge(state);
    const pvc = () => state.get('PersistentVolumeClaim', 'hbase', 'team-a')!;
    expect(pvc().metadata.labels?.['fuse.runtime.fluid.io/generation']).toBe(String(state.get('DaemonSet', 'hbase-fuse', 'team-a')!.metadata.generation));
    // A later change of the fuse DaemonSet does not rewrite it (Fluid writes it only in CreatePersistentVolumeClaimForRuntime).
    state.put(state.get('DaemonSet', 'hbase-fuse', 'team-a')!);
    expect(state.get('DaemonSet', 'hbase-fuse', 'team-a')!.metadata.generation).toBe(2);
    expect(plan(state).writes).toEqual([]);
    expect(pvc().metadata.labels?.['fuse.runtime.fluid.io/generation']).toBe('1');
  });
});

describe('health after setup', () => {
  it('a Bound dataset turns Failed while its masters are down, and Bound again when they are back', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    converge(state);
    const master = state.get('StatefulSet', 'hbase-master', 'team-a')!;
    state.put({ ...master, status: { ...master.status, readyReplicas: 0 } });
    state.apply(plan(state));
    expect(state.get('Dataset', 'hbase', 'team-a')!.status).toMatchObject({ phase: 'Failed', conditions: [{ type: 'Ready', status: 'False' }] });
    state.markWorkloadsReady();
    state.apply(plan(state));
    expect(state.get('Dataset', 'hbase', 'team-a')!.status).toMatchObject({ phase: 'Bound', conditions: [{ type: 'Ready', status: 'True' }] });
  });
});

describe('what the plan writes', () => {
  it('creates an object it has never seen (a create fails if the name is taken meanwhile), and applies what it owns', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    state.apply(plan(state));
    const first = plan(state).writes.filter((w) => w.op === 'create' || w.op === 'apply');
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((w) => w.op === 'create')).toBe(true);
    converge(state);
    state.put({ ...state.get('AlluxioRuntime', 'hbase', 'team-a')!, spec: { ...runtime().spec, replicas: 3 } });
    const again = plan(state).writes.flatMap((w) => (w.op === 'create' || w.op === 'apply' ? [`${w.op} ${w.object.kind}/${w.object.metadata.name}`] : []));
    expect(again).toEqual(['apply StatefulSet/hbase-worker']);
  });

  it('leaves an object of a rendered name that is not ours alone: a condition and a Warning, and a look again later', () => {
    const theirs: ObservedObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hbase-config', namespace: 'team-a' }, data: { mine: 'yes' } } as ObservedObject;
    const state = new PlanState([dataset(), runtime(), theirs, ...nodes]);
    state.apply(plan(state));
    const p = plan(state);
    expect(p.writes.filter((w) => w.op === 'create' || w.op === 'apply')).toEqual([]);
    expect(p.events[0]).toMatchObject({ type: 'Warning', reason: 'ErrorProcessRuntime', note: 'ConfigMap team-a/hbase-config already exists and was not created by fluid-cdk8s; it is left untouched, rename or remove it' });
    expect(p.outcome).toEqual({ kind: 'requeueAfter', ms: 60000 });
  });

  it('reports a missing Secret its pods would mount against the field naming it, and looks again later', () => {
    const withSecret = { ...dataset(), spec: { mounts: [{ mountPoint: 's3://bucket/hbase', name: 'hbase', encryptOptions: [{ name: 'aws.secretKey', valueFrom: { secretKeyRef: { name: 'keys', key: 'sk' } } }] }] } };
    const state = new PlanState([withSecret, runtime(), ...nodes]);
    const p = plan(state);
    expect(p.events[0].note).toBe('Dataset team-a/hbase: spec.mounts[0].encryptOptions[0].valueFrom.secretKeyRef.name: Secret "keys" not found in namespace team-a');
    expect(p.outcome).toEqual({ kind: 'requeueAfter', ms: 30000 });
    expect(applied(p)).toEqual([]);
    state.put({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'keys', namespace: 'team-a' } });
    expect(plan(state).events).toEqual([]);
  });
});

describe('level-based children', () => {
  it('`kubectl scale` of the worker StatefulSet is reverted to the runtime\'s replicas; an idle reconcile writes nothing', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    converge(state);
    expect(plan(state).writes).toEqual([]);
    state.editByHand('StatefulSet', 'hbase-worker', 'team-a', ['spec', 'replicas'], 7);
    const p = plan(state);
    const writes = p.writes.filter((w): w is Extract<Write, { op: 'apply' }> => w.op === 'apply');
    expect(writes.map((w) => `${w.object.kind}/${w.object.metadata.name}`)).toEqual(['StatefulSet/hbase-worker']);
    expect((writes[0].object.spec as { replicas: number }).replicas).toBe(2);
    state.apply(p);
    state.markWorkloadsReady();
    state.apply(plan(state));
    expect(plan(state).writes).toEqual([]);
  });

  it('a hand-edited ConfigMap value is put back; a field we never set (someone\'s own label) is left alone', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    converge(state);
    state.editByHand('ConfigMap', 'hbase-config', 'team-a', ['metadata', 'labels', 'team'], 'a');
    expect(plan(state).writes).toEqual([]);
    const key = Object.keys(state.get('ConfigMap', 'hbase-config', 'team-a')!.data as object)[0];
    state.editByHand('ConfigMap', 'hbase-config', 'team-a', ['data', key], 'edited');
    expect(applied(plan(state))).toEqual(['ConfigMap/hbase-config']);
  });
});

describe('updates in place', () => {
  it('scaling workers re-applies only the worker StatefulSet, records the scale and emits Succeed', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    converge(state);
    state.put({ ...state.get('AlluxioRuntime', 'hbase', 'team-a')!, spec: { ...runtime().spec, replicas: 3 } });
    const p = plan(state);
    expect(applied(p)).toEqual(['StatefulSet/hbase-worker']);
    state.apply(p);
    state.markWorkloadsReady();
    const after = plan(state);
    expect(after.events).toEqual([expect.objectContaining({ reason: 'Succeed', note: 'Workers scaled out from 2 to 3.' })]);
    state.apply(after);
    expect(state.get('AlluxioRuntime', 'hbase', 'team-a')!.status.conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'WorkersScaledOut', reason: 'Workers scaled out' })]),
    );
  });

  it('labels the nodes that run workers and takes the labels off on scale-in', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    converge(state);
    workerPods(state, 2);
    state.apply(plan(state));
    expect(state.get('Node', 'node-1')!.metadata.labels).toEqual({
      'fluid.io/s-team-a-hbase': 'true',
      'fluid.io/s-alluxio-team-a-hbase': 'true',
      'fluid.io/s-h-alluxio-m-team-a-hbase': '2GiB',
      'fluid.io/s-h-alluxio-t-team-a-hbase': '2GiB',
      fluid_exclusive: 'team-a_hbase',
      'fluid.io/dataset-num': '1',
    });
    workerPods(state, 1);
    state.apply(plan(state));
    expect(state.get('Node', 'node-1')!.metadata.labels).toEqual({});
    expect(Object.keys(state.get('Node', 'node-0')!.metadata.labels!)).toHaveLength(6);
    expect(plan(state).writes).toEqual([]);
  });
});

describe('bad input', () => {
  it('a spec error becomes a condition and a Warning once, and nothing else is written (not even our finalizer)', () => {
    const state = new PlanState([dataset(), runtime({ replicas: 1, tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm' }] } }), ...nodes]);
    const p = plan(state);
    expect(p.writes).toHaveLength(1);
    expect(p.writes[0]).toMatchObject({ op: 'status', status: { conditions: [{ type: 'Validated', status: 'False', reason: 'InvalidSpec' }] } });
    expect(p.events).toEqual([expect.objectContaining({ type: 'Warning', reason: 'ErrorValidateSpecFields', note: expect.stringContaining('spec.tieredstore.levels[0]') })]);
    state.apply(p);
    expect(plan(state)).toEqual({ writes: [], events: [], outcome: { kind: 'done' } });
  });

  it('a runtime without its Dataset says so and creates nothing', () => {
    const state = new PlanState([runtime(), ...nodes]);
    const p = plan(state);
    expect(applied(p)).toEqual([]);
    expect(p.events[0]).toMatchObject({ reason: 'ErrorProcessRuntime', note: 'no Dataset team-a/hbase found; a runtime serves the Dataset of the same namespace and name' });
  });

  it('a second runtime for a bound dataset gets a condition and nothing else', () => {
    const ds = { ...dataset(), status: { phase: 'Bound', conditions: [], runtimes: [{ name: 'hbase', namespace: 'team-a', category: 'Accelerate', type: 'jindo' }] } };
    const state = new PlanState([ds, runtime(), ...nodes]);
    const p = plan(state);
    expect(applied(p)).toEqual([]);
    expect(p.events[0].note).toBe('Dataset team-a/hbase is already bound to a jindo runtime team-a/hbase; a dataset binds one runtime; the objects this runtime created are removed');
  });

  it('the loser of two runtimes removes what it created before losing, and nothing of the winner or the user', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    state.apply(plan(state));
    state.apply(plan(state));
    const created = state.view().list('ConfigMap', 'team-a').concat(state.view().list('StatefulSet', 'team-a')).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(created.length).toBeGreaterThan(1);
    state.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'users-own', namespace: 'team-a' } });
    state.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hbase-jindofs-config', namespace: 'team-a', annotations: { 'fluid-cdk8s.io/owner': 'JindoRuntime/team-a/hbase' } } });
    const ds = state.get('Dataset', 'hbase', 'team-a')!;
    state.put({ ...ds, status: { phase: 'Bound', conditions: [], runtimes: [{ name: 'hbase', namespace: 'team-a', category: 'Accelerate', type: 'jindo' }] } });
    const p = plan(state);
    const deleted = p.writes.flatMap((w) => (w.op === 'delete' ? [`${w.key.kind}/${w.key.name}`] : []));
    expect(deleted.sort()).toEqual(expect.arrayContaining(created));
    expect(deleted).not.toContain('ConfigMap/users-own');
    expect(deleted).not.toContain('ConfigMap/hbase-jindofs-config');
    state.apply(p);
    expect(plan(state).writes).toEqual([]);
  });
});

describe('deletion in Fluid order', () => {
  it('PVC, then PV, then node labels, children and the dataset binding, then the finalizer; the Dataset stays', () => {
    const state = new PlanState([dataset(), runtime(), ...nodes]);
    converge(state);
    workerPods(state, 2);
    state.apply(plan(state));
    const rt = state.get('AlluxioRuntime', 'hbase', 'team-a')!;
    state.put({ ...rt, metadata: { ...rt.metadata, deletionTimestamp: '2026-11-23T11:00:00Z' } });

    const first = plan(state);
    expect(first.writes).toEqual([{ op: 'delete', key: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'hbase', namespace: 'team-a' } }]);
    state.apply(first);
    expect(plan(state).writes).toEqual([{ op: 'delete', key: { apiVersion: 'v1', kind: 'PersistentVolume', name: 'team-a-hbase', namespace: undefined } }]);
    state.apply(plan(state));

    const last = plan(state);
    const ops = last.writes.map((w) => (w.op === 'delete' ? `delete ${w.key.kind}/${w.key.name}` : w.op === 'status' ? `status ${w.key.kind}` : w.op));
    expect(ops.filter((o) => o === 'node-labels')).toHaveLength(2);
    expect(ops).toEqual(expect.arrayContaining(['delete StatefulSet/hbase-master', 'delete StatefulSet/hbase-worker', 'delete DaemonSet/hbase-fuse', 'delete ConfigMap/hbase-config', 'status Dataset']));
    expect(ops[ops.length - 1]).toBe('metadata');
    state.apply(last);
    expect(state.get('Dataset', 'hbase', 'team-a')!.status).toMatchObject({ phase: 'NotBound', conditions: [] });
    expect(state.get('Node', 'node-0')!.metadata.labels).toEqual({});
    expect(state.get('AlluxioRuntime', 'hbase', 'team-a')!.metadata.finalizers).toEqual([]);
  });
});

describe('shared nodes', () => {
  it('does not take the exclusive label from another dataset on the same node', () => {
    const taken = nodes.map((n) => ({ ...n, metadata: { ...n.metadata, labels: { fluid_exclusive: 'other_ds' } } }));
    const state = new PlanState([dataset(), runtime(), ...taken]);
    converge(state);
    workerPods(state, 2);
    state.apply(plan(state));
    expect(state.get('Node', 'node-0')!.metadata.labels!.fluid_exclusive).toBe('other_ds');
    expect(plan(state).writes).toEqual([]);
  });
});
