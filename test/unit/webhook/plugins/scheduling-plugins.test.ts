// PreferNodesWithoutCache, RequireNodeWithFuse and NodeAffinityWithCache against Fluid's documented behaviour
// (their Go tests in pkg/webhook/plugins/*): the terms they add, when they add none, and how they stop the list.
import { nodeAffinityWithCache, DEFAULT_TIERED_LOCALITY } from '../../../../webhook/plugins/node-affinity-with-cache';
import { preferNodesWithoutCache } from '../../../../webhook/plugins/prefer-nodes-without-cache';
import { requireNodeWithFuse } from '../../../../webhook/plugins/require-node-with-fuse';
import { appPod, use } from '../fixtures';

describe('PreferNodesWithoutCache', () => {
  it('prefers nodes without fluid.io/dataset-num, weight 100, and stops the list', () => {
    const result = preferNodesWithoutCache.mutate(appPod(), [], {});
    expect(result.stop).toBe(true);
    expect(result.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 100, preference: { matchExpressions: [{ key: 'fluid.io/dataset-num', operator: 'DoesNotExist' }] } },
    ]);
  });

  it('leaves a pod with Datasets alone, and still stops', () => {
    const pod = appPod();
    const result = preferNodesWithoutCache.mutate(pod, [use()], {});
    expect(result).toEqual({ pod, stop: true });
  });

  it('appends to the pod\'s own preferred terms and never changes its input', () => {
    const pod = appPod();
    pod.spec.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] } }] } };
    const before = structuredClone(pod);
    const terms = preferNodesWithoutCache.mutate(pod, [], {}).pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    expect(terms?.map((t) => t.preference.matchExpressions?.[0].key)).toEqual(['gpu', 'fluid.io/dataset-num']);
    expect(pod).toEqual(before);
  });
});

describe('RequireNodeWithFuse', () => {
  it('requires the runtime\'s fuse node selector, one term per Dataset', () => {
    const uses = [use('b', { fuseNodeSelector: { zone: 'z1', disk: 'ssd' } }), use('a', { fuseNodeSelector: { pool: 'fuse' } })];
    const required = requireNodeWithFuse.mutate(appPod(), uses, {}).pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    expect(required?.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'pool', operator: 'In', values: ['fuse'] }] },
      { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }, { key: 'zone', operator: 'In', values: ['z1'] }] },
    ]);
  });

  it('adds nothing when no runtime limits its fuse', () => {
    const pod = appPod();
    expect(requireNodeWithFuse.mutate(pod, [use()], {}).pod).toBe(pod);
  });

  it('ANDs with the pod\'s own required terms instead of loosening them', () => {
    const pod = appPod();
    pod.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'arch', operator: 'In', values: ['amd64'] }] }] } } };
    const terms = requireNodeWithFuse.mutate(pod, [use('a', { fuseNodeSelector: { pool: 'fuse' } })], {}).pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    expect(terms).toEqual([{ matchExpressions: [{ key: 'arch', operator: 'In', values: ['amd64'] }, { key: 'pool', operator: 'In', values: ['fuse'] }] }]);
  });
});

describe('NodeAffinityWithCache (chart default locality)', () => {
  const plugin = nodeAffinityWithCache(DEFAULT_TIERED_LOCALITY);
  const zoned = use('demo', {
    cacheAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['z1'] }, { key: 'other', operator: 'In', values: ['x'] }] }] } },
  });

  it('prefers the cache nodes (weight 100) and the cache\'s zone (weight 50)', () => {
    const preferred = plugin.mutate(appPod(), [zoned], {}).pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    expect(preferred).toEqual([
      { weight: 100, preference: { matchExpressions: [{ key: 'fluid.io/s-default-demo', operator: 'In', values: ['true'] }] } },
      { weight: 50, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['z1'] }] } },
    ]);
  });

  it('requires the cache nodes for a pod labelled fluid.io/dataset.<pvc>.sched: required', () => {
    const pod = appPod({ labels: { 'fuse.serverful.fluid.io/inject': 'true', 'fluid.io/dataset.demo.sched': 'required' } });
    const affinity = plugin.mutate(pod, [zoned], {}).pod.spec.affinity?.nodeAffinity;
    expect(affinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'fluid.io/s-default-demo', operator: 'In', values: ['true'] }] },
    ]);
    expect(affinity?.preferredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
  });

  it('adds nothing to a pod that places itself by a locality label', () => {
    const pod = appPod();
    pod.spec.nodeSelector = { 'topology.kubernetes.io/zone': 'z2' };
    expect(plugin.mutate(pod, [zoned], {}).pod.spec.affinity).toBeUndefined();
  });

  it('honours the fluid.io/fuse built-in when the profile names it', () => {
    const fused = nodeAffinityWithCache({ preferred: [{ name: 'fluid.io/fuse', weight: 70 }], required: [] });
    const preferred = fused.mutate(appPod(), [use()], {}).pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    expect(preferred).toEqual([{ weight: 70, preference: { matchExpressions: [{ key: 'fluid.io/f-default-demo', operator: 'In', values: ['true'] }] } }]);
  });
});
