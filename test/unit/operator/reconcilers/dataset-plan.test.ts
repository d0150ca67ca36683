import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { DATASET_FINALIZER, planDataset } from '../../../../operator/reconcilers/dataset-plan';
import { PlanState } from '../../../support/plan-state';

const dataset = (meta: object = {}): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'hbase', namespace: 'team-a', ...meta },
  spec: {},
});
const pvc: ObservedObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'hbase', namespace: 'team-a', annotations: { CreatedBy: 'fluid' } } };
const pod = (name: string, phase: string): ObservedObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'team-a' }, spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'hbase' } }] }, status: { phase },
});

describe('dataset plan', () => {
  it('adds the finalizer with the dataset-id label in one patch, then sets NotBound, then has nothing to do', () => {
    const state = new PlanState([dataset()]);
    const first = planDataset(state.get('Dataset', 'hbase')!, state.view());
    expect(first.writes).toEqual([expect.objectContaining({ op: 'metadata', patch: { finalizers: [DATASET_FINALIZER], labels: { 'fluid.io/dataset-id': 'team-a-hbase' } } })]);
    state.apply(first);
    const second = planDataset(state.get('Dataset', 'hbase')!, state.view());
    expect(second.writes).toEqual([expect.objectContaining({ op: 'status', status: { phase: 'NotBound', conditions: [], cacheStates: {} } })]);
    state.apply(second);
    expect(planDataset(state.get('Dataset', 'hbase')!, state.view()).writes).toEqual([]);
  });

  it('holds deletion while a running pod uses the PVC, naming it, then lets go', () => {
    const deleting = dataset({ finalizers: [DATASET_FINALIZER], deletionTimestamp: '2026-11-23T11:00:00Z' });
    const state = new PlanState([deleting, pvc, pod('reader', 'Running'), pod('done', 'Succeeded')]);
    const held = planDataset(state.get('Dataset', 'hbase')!, state.view());
    expect(held.writes).toEqual([]);
    expect(held.events).toEqual([expect.objectContaining({ type: 'Warning', reason: 'ErrorDeleteDataset', note: 'Dataset team-a/hbase is still in use by pod(s) reader; it is deleted once they finish' })]);
    expect(held.outcome).toEqual({ kind: 'requeueAfter', ms: 10000 });
    state.remove('Pod', 'reader', 'team-a');
    const freed = planDataset(state.get('Dataset', 'hbase')!, state.view());
    expect(freed.writes).toEqual([expect.objectContaining({ op: 'metadata', patch: { finalizers: [] } })]);
  });
});
