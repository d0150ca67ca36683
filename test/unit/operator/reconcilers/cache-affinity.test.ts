// status.cacheAffinity from a worker pod template, as Fluid's kubeclient.MergeNodeSelectorAndNodeAffinity builds it
// (pkg/utils/kubeclient/pod.go).
import { mergeNodeSelectorAndNodeAffinity } from '../../../../operator/reconcilers/cache-affinity';

const term = (key: string, values: string[]) => ({ matchExpressions: [{ key, operator: 'In', values }] });

describe('mergeNodeSelectorAndNodeAffinity', () => {
  it('neither: a required block with no terms (the field Fluid cannot omit)', () => {
    expect(mergeNodeSelectorAndNodeAffinity({})).toEqual({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } });
    expect(mergeNodeSelectorAndNodeAffinity(undefined)).toEqual({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } });
  });

  it('a nodeSelector alone: one term of In expressions, in key order', () => {
    expect(mergeNodeSelectorAndNodeAffinity({ nodeSelector: { zone: 'a', disk: 'ssd' } })).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }, { key: 'zone', operator: 'In', values: ['a'] }] }],
      },
    });
  });

  it('required terms and a nodeSelector: the selector ANDed into every term', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term('rack', ['1']), term('rack', ['2'])] } } };
    expect(mergeNodeSelectorAndNodeAffinity({ nodeSelector: { zone: 'a' }, affinity }).requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'rack', operator: 'In', values: ['1'] }, { key: 'zone', operator: 'In', values: ['a'] }] },
      { matchExpressions: [{ key: 'rack', operator: 'In', values: ['2'] }, { key: 'zone', operator: 'In', values: ['a'] }] },
    ]);
  });

  it('preferred terms only: kept, with an empty required block beside them', () => {
    const preferred = [{ weight: 100, preference: term('fluid.io/s-default-hbase', ['true']) }];
    expect(mergeNodeSelectorAndNodeAffinity({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred } } })).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] },
      preferredDuringSchedulingIgnoredDuringExecution: preferred,
    });
  });

  it('leaves the template it reads unchanged', () => {
    const terms = [term('rack', ['1'])];
    mergeNodeSelectorAndNodeAffinity({ nodeSelector: { zone: 'a' }, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
    expect(terms).toEqual([term('rack', ['1'])]);
  });
});
