// What affinity an operation's pod gets from the node the preceding operation recorded, per strategy.
import { flowAffinity } from '../../../../constructs/operations/flow-affinity';
import type { NodeAffinity } from '../../../../crds/schema/k8s/core.generated';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const recorded: NodeAffinity = {
  requiredDuringSchedulingIgnoredDuringExecution: {
    nodeSelectorTerms: [{ matchExpressions: [
      { key: HOST, operator: 'In', values: ['node-3'] },
      { key: ZONE, operator: 'In', values: ['zone-b'] },
      { key: 'rack', operator: 'In', values: ['r7'] },
    ] }],
  },
};
const hostIn = { key: HOST, operator: 'In', values: ['node-3'] };
const zoneIn = { key: ZONE, operator: 'In', values: ['zone-b'] };

describe('flowAffinity', () => {
  it('Require with no labels named: the pod must run on the same host', () => {
    expect(flowAffinity({ policy: 'Require' }, recorded, undefined)).toEqual({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [hostIn] }] } },
    });
  });

  it('Require with named labels adds them, in that order, to every term the pod already has', () => {
    const current = {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }] } },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] },
    };
    const got = flowAffinity({ policy: 'Require', requires: [{ name: ZONE }, { name: 'rack' }, { name: 'not-recorded' }] }, recorded, current);
    expect(got).toEqual({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
        { matchExpressions: [{ key: 'gpu', operator: 'Exists' }, zoneIn, { key: 'rack', operator: 'In', values: ['r7'] }] },
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }], matchExpressions: [zoneIn, { key: 'rack', operator: 'In', values: ['r7'] }] },
      ] } },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] },
    });
    // The caller's affinity is not changed in place.
    expect(current.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toHaveLength(1);
  });

  it('Prefer with no labels named: the same host, weight 100, after the preferences the pod has', () => {
    const existing = { weight: 5, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } };
    expect(flowAffinity({ policy: 'Prefer' }, recorded, { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [existing] } })).toEqual({
      nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [existing, { weight: 100, preference: { matchExpressions: [hostIn] } }] },
    });
  });

  it('Prefer with named labels: one weighted term per label the node had; no required affinity', () => {
    const got = flowAffinity({ policy: 'Prefer', prefers: [{ name: ZONE, weight: 20 }, { name: 'absent', weight: 90 }, { name: HOST, weight: 50 }] }, recorded, undefined);
    expect(got).toEqual({
      nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, preference: { matchExpressions: [zoneIn] } }, { weight: 50, preference: { matchExpressions: [hostIn] } }] },
    });
  });

  it('changes nothing for the default policy, without a recorded affinity, or when no named label was recorded', () => {
    const current = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } };
    expect(flowAffinity({ policy: '' }, recorded, current)).toBe(current);
    expect(flowAffinity(undefined, recorded, undefined)).toBeUndefined();
    expect(flowAffinity({ policy: 'Require' }, undefined, current)).toBe(current);
    expect(flowAffinity({ policy: 'Require', requires: [{ name: 'absent' }] }, recorded, undefined)).toBeUndefined();
  });
});
