import { crDeletionRank, fluidNodeLabels, installDeletionOrder, operatorActivity, ourFinalizers, remainingReport, withoutOurs } from '../../../../cli/uninstall/uninstall-plan';
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';

const registry = builtinEngines();

describe('finalizers', () => {
  const ours = ourFinalizers(registry, ['Dataset', 'AlluxioRuntime', 'DataLoad', 'ThinRuntimeProfile']);

  test("ours are the Dataset's, each engine's runtime finalizer and each data operation's, as Fluid names them", () => {
    for (const f of ['fluid-dataset-controller-finalizer', 'alluxio-runtime-controller-finalizer', 'thin-runtime-controller-finalizer', 'fluid-dataload-controller-finalizer']) expect(ours.has(f)).toBe(true);
  });

  test('withoutOurs keeps every other finalizer, and says when there is nothing to write', () => {
    expect(withoutOurs(['example.com/keep', 'fluid-dataset-controller-finalizer'], ours)).toEqual(['example.com/keep']);
    expect(withoutOurs(['example.com/keep'], ours)).toBeUndefined();
    expect(withoutOurs(undefined, ours)).toBeUndefined();
  });
});

test('CRs are deleted operations first, then runtimes, then Datasets, then what runtimes name', () => {
  const kinds = ['ThinRuntimeProfile', 'Dataset', 'JuiceFSRuntime', 'DataMigrate', 'CacheRuntimeClass', 'AlluxioRuntime', 'DataLoad'];
  expect([...kinds].sort((a, b) => crDeletionRank(a, registry) - crDeletionRank(b, registry))).toEqual([
    'DataMigrate', 'DataLoad', 'JuiceFSRuntime', 'AlluxioRuntime', 'Dataset', 'ThinRuntimeProfile', 'CacheRuntimeClass',
  ]);
});

test('install objects go webhook configurations first, then in reverse install order, the Namespace last', () => {
  const objects = ['Namespace', 'ServiceAccount', 'ClusterRole', 'Deployment', 'MutatingWebhookConfiguration', 'DaemonSet'].map((kind) => ({ kind }));
  expect(installDeletionOrder(objects).map((o) => o.kind)).toEqual(['MutatingWebhookConfiguration', 'DaemonSet', 'Deployment', 'ClusterRole', 'ServiceAccount', 'Namespace']);
});

describe('operatorActivity', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  const pod = (name: string, ready: string, deleting = false): ObservedObject => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'fluid-system', ...(deleting ? { deletionTimestamp: '2026-12-03T11:59:00Z' } : {}) },
    status: { conditions: [{ type: 'Ready', status: ready }] },
  });

  test('a Ready operator pod, or a Lease renewed within its duration, means the operator is there', () => {
    expect(operatorActivity([pod('op-1', 'True')], [], now)).toEqual(['pod fluid-system/op-1 is Ready']);
    expect(operatorActivity([], [{ name: 'fluid-system/fluid-cdk8s-operator', holder: 'op-1', renewTimeMs: now - 5_000, durationSeconds: 15 }], now))
      .toEqual(['Lease fluid-system/fluid-cdk8s-operator is held by op-1 (renewed 5 s ago)']);
  });

  test('no Ready pod (not ready, or being deleted), an expired or released Lease: gone', () => {
    const leases = [
      { name: 'expired', holder: 'op-1', renewTimeMs: now - 16_000, durationSeconds: 15 },
      { name: 'released', holder: '', renewTimeMs: now - 1_000, durationSeconds: 15 },
    ];
    expect(operatorActivity([pod('op-1', 'False'), pod('op-2', 'True', true)], leases, now)).toEqual([]);
  });
});

test('remainingReport names each object and the finalizers it waits on', () => {
  const objects: ObservedObject[] = [
    { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'demo', namespace: 'default', finalizers: ['fluid-dataset-controller-finalizer'] } },
    { apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntimeProfile', metadata: { name: 'nfs' } },
  ];
  expect(remainingReport(objects)).toEqual(['Dataset default/demo (finalizers: fluid-dataset-controller-finalizer)', 'ThinRuntimeProfile nfs']);
});

test("fluidNodeLabels picks Fluid's dataset labels on a node and leaves every other label", () => {
  const labels = {
    'kubernetes.io/hostname': 'n1', 'fluid.io/dataset-num': '1', fluid_exclusive: 'default_demo', 'fluid.io/s-default-demo': 'true',
    'fluid.io/s-alluxio-default-demo': 'true', 'fluid.io/s-h-alluxio-t-default-demo': '2GiB', 'fluid.io/f-default-demo': 'true', 'fluid.io/team': 'a',
    'fluid.io/efc-sessmgr': 'true',
  };
  expect(fluidNodeLabels(labels)).toEqual([
    'fluid.io/dataset-num', 'fluid_exclusive', 'fluid.io/s-default-demo', 'fluid.io/s-alluxio-default-demo', 'fluid.io/s-h-alluxio-t-default-demo', 'fluid.io/f-default-demo',
    'fluid.io/efc-sessmgr',
  ]);
  expect(fluidNodeLabels(undefined)).toEqual([]);
});
