import { clusterWithFiles, fileOverLive } from '../../../../cli/live-diff/file-over-live';
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';

const stored: ObservedObject = {
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'AlluxioRuntime',
  metadata: {
    name: 'demo', namespace: 'default', uid: 'r-1', resourceVersion: '7', finalizers: ['alluxio-runtime-controller-finalizer'],
    labels: { 'fluid.io/dataset-id': 'default-demo' }, annotations: { 'fluid-cdk8s.io/host-ports': '{"master":20000}' },
    ownerReferences: [{ apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', name: 'demo', uid: 'd-1' }], managedFields: [{ manager: 'kubectl' }],
  },
  spec: { replicas: 2, fuse: { cleanPolicy: 'OnDemand' } },
  status: { masterPhase: 'Ready' },
};
const file: ObservedObject = { apiVersion: 'data.fluid.io/v1alpha1', kind: 'AlluxioRuntime', metadata: { name: 'demo', namespace: 'default', labels: { team: 'a' } }, spec: { replicas: 3 } };

describe('fileOverLive', () => {
  test("the file's spec replaces the stored one whole; what the cluster and the operator keep on the object stays", () => {
    const merged = fileOverLive(file, stored);
    expect(merged.spec).toEqual({ replicas: 3 });
    expect(merged.status).toEqual({ masterPhase: 'Ready' });
    expect(merged.metadata).toEqual({
      name: 'demo', namespace: 'default', uid: 'r-1', resourceVersion: '7', finalizers: ['alluxio-runtime-controller-finalizer'],
      labels: { 'fluid.io/dataset-id': 'default-demo', team: 'a' }, annotations: { 'fluid-cdk8s.io/host-ports': '{"master":20000}' },
      ownerReferences: stored.metadata.ownerReferences,
    });
  });

  test('a class keeps its top-level fields from the file, and loses stored ones the file dropped', () => {
    const storedClass = { apiVersion: 'data.fluid.io/v1alpha1', kind: 'CacheRuntimeClass', metadata: { name: 'c', uid: 'c-1' }, fileSystemType: 'a', topology: { old: true } } as ObservedObject;
    const fileClass = { apiVersion: 'data.fluid.io/v1alpha1', kind: 'CacheRuntimeClass', metadata: { name: 'c' }, fileSystemType: 'b' } as ObservedObject;
    expect(fileOverLive(fileClass, storedClass)).toEqual({ apiVersion: 'data.fluid.io/v1alpha1', kind: 'CacheRuntimeClass', metadata: { name: 'c', uid: 'c-1' }, fileSystemType: 'b' });
  });

  test('an object not in the cluster gets a placeholder UID', () => {
    expect(fileOverLive(file, undefined).metadata.uid).toBe('uid-of-alluxioruntime-default-demo');
  });
});

test('clusterWithFiles replaces the stored copies the files hold and adds the new ones', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } } as ObservedObject;
  const dataset = { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'demo', namespace: 'default' }, spec: {} } as ObservedObject;
  const result = clusterWithFiles([pod, stored], [file, dataset], (f) => (f.kind === 'AlluxioRuntime' ? stored : undefined));
  expect(result.map((o) => `${o.kind}/${o.metadata.name}/${o.metadata.uid ?? ''}`)).toEqual(['Pod/p/', 'AlluxioRuntime/demo/r-1', 'Dataset/demo/uid-of-dataset-default-demo']);
  expect(result[1].spec).toEqual({ replicas: 3 });
});
