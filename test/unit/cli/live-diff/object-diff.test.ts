import { comparable, objectDiff, objectTitle } from '../../../../cli/live-diff/object-diff';
import { APPLIED_HASH } from '../../../../operator/reconcilers/desired-objects';

const live = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: {
    name: 'demo-worker', namespace: 'default', uid: 'u-1', resourceVersion: '42', generation: 3, creationTimestamp: '2026-01-01T00:00:00Z',
    managedFields: [{ manager: 'fluid-cdk8s' }], annotations: { [APPLIED_HASH]: 'aaaa', 'fluid-cdk8s.io/owner': 'AlluxioRuntime/default/demo' },
    ownerReferences: [{ apiVersion: 'data.fluid.io/v1alpha1', kind: 'AlluxioRuntime', name: 'demo', uid: 'r-1', controller: true }],
  },
  spec: { replicas: 2, serviceName: 'demo-worker' },
  status: { replicas: 2, readyReplicas: 2 },
};

describe('comparable', () => {
  test('drops server-set metadata, managedFields, status and our applied hash; keeps owner references and our owner annotation', () => {
    const c = comparable(live) as any;
    expect(Object.keys(c.metadata).sort()).toEqual(['annotations', 'name', 'namespace', 'ownerReferences']);
    expect(c.metadata.annotations).toEqual({ 'fluid-cdk8s.io/owner': 'AlluxioRuntime/default/demo' });
    expect(c.status).toBeUndefined();
  });

  test('drops the annotations map when the hash was its only entry', () => {
    const c = comparable({ ...live, metadata: { ...live.metadata, annotations: { [APPLIED_HASH]: 'x' } } }) as any;
    expect(c.metadata.annotations).toBeUndefined();
  });
});

describe('objectDiff', () => {
  test('the same object after a write (new resourceVersion, generation, hash, status) is no difference', () => {
    const next = { ...live, metadata: { ...live.metadata, resourceVersion: '43', generation: 4, annotations: { ...live.metadata.annotations, [APPLIED_HASH]: 'bbbb' } }, status: { replicas: 0 } };
    expect(objectDiff(live, next)).toBe('');
  });

  test('a changed replicas count is exactly that line, under the object title', () => {
    const next = { ...live, spec: { ...live.spec, replicas: 3 }, metadata: { ...live.metadata, annotations: { ...live.metadata.annotations, [APPLIED_HASH]: 'bbbb' } } };
    const out = objectDiff(live, next);
    expect(out.split('\n')[0]).toBe('StatefulSet default/demo-worker');
    expect(out.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l))).toEqual(['-  replicas: 2', '+  replicas: 3']);
  });

  test('an object that does not exist yet is shown whole, as added lines', () => {
    const out = objectDiff(undefined, live);
    expect(out).toContain('@@ -0,0 +1,');
    expect(out.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---'))).toEqual([]);
  });

  test('titles name cluster-scoped objects without a namespace', () => {
    expect(objectTitle({ kind: 'ThinRuntimeProfile', metadata: { name: 'nfs' } })).toBe('ThinRuntimeProfile nfs');
  });
});
