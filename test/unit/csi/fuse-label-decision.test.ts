import { decideFuseLabel } from '../../../csi/fuse-label-decision';
import { fuseGenerationOf, fuseMetadataLabelsFile } from '../../../csi/fuse-generation';
import { fuseCleanPolicyOf, runtimeKindOf, RUNTIME_KINDS } from '../../../csi/runtime-clean-policy';
import { podsUsingClaim, publicationsOnFuse } from '../../../csi/volume-users';
import { Publication } from '../../../csi/publication';

const labelKey = 'fluid.io/f-ns-data';

describe('decideFuseLabel', () => {
  it('OnRuntimeDeleted keeps the label, whoever uses the fuse', () => {
    expect(decideFuseLabel({ labelKey, policy: 'OnRuntimeDeleted', users: [] })).toEqual({ remove: false, reason: 'clean policy OnRuntimeDeleted keeps fluid.io/f-ns-data until the runtime is deleted' });
  });

  it('OnDemand removes it once nothing on the node uses the fuse', () => {
    expect(decideFuseLabel({ labelKey, policy: 'OnDemand', users: [] })).toEqual({ remove: true, reason: 'clean policy OnDemand, and no pod on this node uses the fuse any more' });
    expect(decideFuseLabel({ labelKey, policy: 'OnDemand', users: ['pod ns/a', 'pod ns/b', 'target /t1', 'target /t2'] })).toEqual({
      remove: false, reason: 'fluid.io/f-ns-data stays: the fuse is still used by pod ns/a, pod ns/b, target /t1 and 1 more',
    });
  });

  it('OnFuseChanged removes it only when the running fuse is of an older generation than the PVC records', () => {
    expect(decideFuseLabel({ labelKey, policy: 'OnFuseChanged', users: [], pvcFuseGeneration: '3', runningFuseGeneration: '2' }).remove).toBe(true);
    expect(decideFuseLabel({ labelKey, policy: 'OnFuseChanged', users: [], pvcFuseGeneration: '3', runningFuseGeneration: '3' }).remove).toBe(false);
    expect(decideFuseLabel({ labelKey, policy: 'OnFuseChanged', users: [], pvcFuseGeneration: '3' })).toEqual({
      remove: false, reason: 'clean policy OnFuseChanged, and the fuse generation is unknown (PVC 3, running unknown)',
    });
    expect(decideFuseLabel({ labelKey, policy: 'OnFuseChanged', users: ['pod ns/a'], pvcFuseGeneration: '3', runningFuseGeneration: '2' }).remove).toBe(false);
  });
});

describe('the runtime and its clean policy', () => {
  const ref = { namespace: 'ns', name: 'data' };

  it('the Dataset\'s status.runtimes gives the kind; CacheRuntime keeps the policy under client', () => {
    expect(runtimeKindOf({ status: { runtimes: [{ name: 'data', namespace: 'ns', type: 'thin' }] } }, ref)).toBe(RUNTIME_KINDS.thin);
    expect(runtimeKindOf({ status: { runtimes: [{ name: 'data', type: 'cache' }] } }, ref)?.fuseField).toBe('client');
    expect(runtimeKindOf({ status: {} }, ref)).toBeUndefined();
    expect(() => runtimeKindOf({ status: { runtimes: [{ name: 'data', type: 'goosefs' }] } }, ref)).toThrow(
      'Dataset ns/data: status.runtimes[].type: expected one of alluxio, jindo, juicefs, thin, efc, vineyard, cache, got "goosefs"');
  });

  it('an unset policy is OnRuntimeDeleted; an unknown one is refused naming the field', () => {
    expect(fuseCleanPolicyOf(RUNTIME_KINDS.thin, { spec: {} })).toBe('OnRuntimeDeleted');
    expect(fuseCleanPolicyOf(RUNTIME_KINDS.thin, { spec: { fuse: { cleanPolicy: 'OnDemand' } } })).toBe('OnDemand');
    expect(fuseCleanPolicyOf(RUNTIME_KINDS.cache, { spec: { client: { cleanPolicy: 'OnDemand' } } })).toBe('OnDemand');
    expect(() => fuseCleanPolicyOf(RUNTIME_KINDS.alluxio, { metadata: { namespace: 'ns', name: 'data' }, spec: { fuse: { cleanPolicy: 'Sometimes' } } })).toThrow(
      'AlluxioRuntime ns/data: spec.fuse.cleanPolicy: expected one of OnDemand, OnRuntimeDeleted, OnFuseChanged, got "Sometimes"');
  });

  it('the running fuse generation, from the downward-API labels file Fluid\'s fuse pods write', () => {
    expect(fuseMetadataLabelsFile('/runtime-mnt/', 'alluxio', ref)).toBe('/runtime-mnt/alluxio/ns/data/.meta/fuse/labels');
    expect(fuseGenerationOf('app="alluxio"\nfuse.runtime.fluid.io/generation="4"\nrole="alluxio-fuse"\n')).toBe('4');
    expect(fuseGenerationOf('app="alluxio"\n')).toBeUndefined();
  });
});

describe('who still uses the fuse', () => {
  const pod = (name: string, extra: object = {}) => ({
    metadata: { namespace: 'ns', name }, spec: { volumes: [{ persistentVolumeClaim: { claimName: 'data' } }] }, status: { phase: 'Running' }, ...extra,
  });

  it('pods that mount the claim and are neither finished nor being deleted', () => {
    const pods = [
      pod('running'),
      pod('pending', { status: { phase: 'Pending' } }),
      pod('done', { status: { phase: 'Succeeded' } }),
      { ...pod('leaving'), metadata: { namespace: 'ns', name: 'leaving', deletionTimestamp: '2026-01-01T00:00:00Z' } },
      { ...pod('other-claim'), spec: { volumes: [{ persistentVolumeClaim: { claimName: 'other' } }] } },
      { ...pod('other-ns'), metadata: { namespace: 'elsewhere', name: 'other-ns' } },
    ];
    expect(podsUsingClaim(pods, { namespace: 'ns', name: 'data' })).toEqual(['pod ns/running', 'pod ns/pending']);
  });

  it('publications on the same fuse: by label key, or by fluid_path', () => {
    const base: Publication = { volumeId: 'ns-data', targetPath: '/t1', method: 'bind', fluidPath: '/f', mountType: '', subPath: '', readOnly: false, fuseLabelKey: labelKey };
    const records = [base, { ...base, targetPath: '/t2', fuseLabelKey: undefined }, { ...base, targetPath: '/t3', fluidPath: '/g', fuseLabelKey: 'fluid.io/f-other' }];
    expect(publicationsOnFuse(records, { labelKey, fluidPath: '/f' })).toEqual(['target /t1', 'target /t2']);
  });
});
