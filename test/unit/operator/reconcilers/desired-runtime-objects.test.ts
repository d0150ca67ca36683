// desiredRuntimeObjects: what `diff` dry-runs is what the operator's plan applies, with what the cluster recorded
// (host ports, owner UID) and refusals the plan would make.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../../../constructs/render-documents';
import { StaticClusterView, ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { APPLIED_HASH } from '../../../../operator/reconcilers/desired-objects';
import { HOST_PORTS_ANNOTATION } from '../../../../operator/reconcilers/host-ports';
import { planDataset } from '../../../../operator/reconcilers/dataset-plan';
import { desiredRuntimeObjects, planRuntime } from '../../../../operator/reconcilers/runtime-plan';
import { runtimeSnapshot } from '../../../../operator/reconcilers/runtime-snapshot';
import { PlanState } from '../../../support/plan-state';

const registry = builtinEngines();
const NOW = new Date('2026-12-03T10:00:00Z');
const range = { min: 20000, max: 20100 };
const dataset: ObservedObject = {
  apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'a', namespace: 'ns', uid: 'ds-a' },
  spec: { mounts: [{ mountPoint: 'https://example.org/data/', name: 'data' }] },
};
const runtime: ObservedObject = {
  apiVersion: 'data.fluid.io/v1alpha1', kind: 'AlluxioRuntime',
  metadata: { name: 'a', namespace: 'ns', uid: 'rt-a', annotations: { [HOST_PORTS_ANNOTATION]: JSON.stringify({ 'master-rpc': 20500, 'master-web': 20501, 'worker-rpc': 20502, 'worker-web': 20503, 'fuse-web': 20504, 'job-master-rpc': 20505, 'job-master-web': 20506, 'job-worker-rpc': 20507, 'job-worker-web': 20508, 'job-worker-data': 20509 }) } },
  spec: { replicas: 2, tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '1Gi' }] } },
};

const snapshot = (objects: ObservedObject[]) => runtimeSnapshot(new StaticClusterView(objects, registry), registry, { kind: 'AlluxioRuntime', namespace: 'ns', name: 'a' }, DEFAULT_SETTINGS, NOW, { range, reserved: new Set() })!;

test('every rendered object, owned by the runtime by its UID, with the owner annotation and the applied hash', () => {
  const result = desiredRuntimeObjects(snapshot([dataset, runtime]));
  if ('reason' in result) throw new Error(result.message);
  const kinds = result.objects.map((o) => o.kind);
  expect(kinds).toEqual(expect.arrayContaining(['StatefulSet', 'DaemonSet', 'ConfigMap', 'PersistentVolume', 'PersistentVolumeClaim']));
  for (const o of result.objects as ObservedObject[]) {
    expect(o.metadata.annotations).toMatchObject({ 'fluid-cdk8s.io/owner': 'AlluxioRuntime/ns/a', [APPLIED_HASH]: expect.any(String) });
    if (o.kind !== 'PersistentVolume') expect(o.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'AlluxioRuntime', uid: 'rt-a', controller: true })]);
  }
  expect(result.objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'a-worker')).toMatchObject({ spec: { replicas: 2 } });
});

test('the host ports recorded on the runtime are the ones rendered', () => {
  const result = desiredRuntimeObjects(snapshot([dataset, runtime]));
  if ('reason' in result) throw new Error(result.message);
  const config = result.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'a-config') as unknown as { data: Record<string, string> };
  expect(config.data.ALLUXIO_JAVA_OPTS).toContain('-Dalluxio.master.rpc.port=20500');
});

test('the objects are the ones the plan applies, byte for byte', () => {
  const key = { kind: 'AlluxioRuntime', namespace: 'ns', name: 'a' };
  const state = new PlanState([dataset, { ...runtime, metadata: { ...runtime.metadata, annotations: {} } }]);
  const snapshotOf = (view: StaticClusterView | ReturnType<PlanState['view']>) => runtimeSnapshot(view, registry, key, DEFAULT_SETTINGS, NOW, { range, reserved: new Set() })!;
  // The first plans record the Dataset's finalizer, and the finalizer and host ports on the runtime; then it renders.
  for (let i = 0; i < 3; i++) {
    state.apply(planDataset(state.get('Dataset', 'a', 'ns')!, state.view(), NOW));
    state.apply(planRuntime(snapshotOf(state.view())));
  }
  const stored = new StaticClusterView([state.get('Dataset', 'a', 'ns')!, state.get('AlluxioRuntime', 'a', 'ns')!], registry);
  const planned = planRuntime(snapshotOf(stored)).writes.flatMap((w) => (w.op === 'create' || w.op === 'apply' ? [w.object] : []));
  const result = desiredRuntimeObjects(snapshotOf(stored));
  if ('reason' in result) throw new Error(result.message);
  expect(planned.length).toBeGreaterThan(0);
  for (const obj of planned) expect(result.objects).toContainEqual(obj);
});

test('what stops the plan stops it here: no Dataset, a Dataset bound to another runtime', () => {
  expect(desiredRuntimeObjects(snapshot([runtime]))).toEqual({ reason: 'ErrorProcessRuntime', message: expect.stringContaining('no Dataset ns/a found') });
  const boundElsewhere = { ...dataset, status: { runtimes: [{ name: 'other', namespace: 'ns', type: 'alluxio', category: 'Accelerate' }] } };
  expect(desiredRuntimeObjects(snapshot([boundElsewhere, runtime]))).toEqual({ reason: 'ErrorProcessRuntime', message: expect.stringContaining('already bound') });
});
