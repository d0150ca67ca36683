// The fuse label comes off every node when the runtime is deleted (fuse-label-cleanup.ts), whatever the CSI plugin
// left: a ThinRuntime with an OnRuntimeDeleted fuse, on two of three nodes, one of which also has other labels.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../../../constructs/render-documents';
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { fuseLabelRemovals } from '../../../../operator/reconcilers/fuse-label-cleanup';
import { planRuntime } from '../../../../operator/reconcilers/runtime-plan';
import { runtimeSnapshot } from '../../../../operator/reconcilers/runtime-snapshot';
import { PlanState } from '../../../support/plan-state';

const FUSE_LABEL = 'fluid.io/f-team-a-data';
const node = (name: string, labels: Record<string, string>): ObservedObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels } });

test('only nodes with the dataset\'s fuse label get a removal, of that label alone', () => {
  const nodes = [node('a', { [FUSE_LABEL]: 'true', zone: 'z1' }), node('b', { 'fluid.io/f-team-a-other': 'true' }), node('c', { [FUSE_LABEL]: 'true' })];
  expect(fuseLabelRemovals(nodes, { namespace: 'team-a', name: 'data' })).toEqual(new Map([['a', { [FUSE_LABEL]: null }], ['c', { [FUSE_LABEL]: null }]]));
});

test('the runtime\'s deletion plan takes the fuse label off, and leaves the other labels', () => {
  const deleting = {
    apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntime',
    metadata: { name: 'data', namespace: 'team-a', uid: 'rt-uid', deletionTimestamp: '2026-11-23T11:00:00Z', finalizers: ['thin-runtime-controller-finalizer'] },
    spec: { profileName: 'p', fuse: { cleanPolicy: 'OnRuntimeDeleted' } },
  };
  const state = new PlanState([
    { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'data', namespace: 'team-a', uid: 'ds-uid' }, spec: { mounts: [{ mountPoint: 's3://b', name: 'b' }] } },
    deleting, node('a', { [FUSE_LABEL]: 'true', zone: 'z1' }), node('b', {}),
  ]);
  const plan = planRuntime(runtimeSnapshot(state.view(), builtinEngines(), { kind: 'ThinRuntime', namespace: 'team-a', name: 'data' }, DEFAULT_SETTINGS, new Date('2026-11-23T11:00:01Z'))!);
  expect(plan.writes.filter((w) => w.op === 'node-labels')).toEqual([{ op: 'node-labels', node: 'a', labels: { [FUSE_LABEL]: null } }]);
  state.apply(plan);
  expect(state.get('Node', 'a')!.metadata.labels).toEqual({ zone: 'z1' });
});
