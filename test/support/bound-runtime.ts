// A bound Alluxio runtime as the plans leave it (finalizers, children, Dataset Bound), for tests of what happens
// after setup: the cache sync and the status it feeds. Built by replaying the real plans, not written by hand.
import { builtinEngines } from '../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../constructs/render-documents';
import type { ObservedObject } from '../../operator/reconcilers/cluster-view';
import { planDataset } from '../../operator/reconcilers/dataset-plan';
import type { Plan } from '../../operator/reconcilers/plan';
import { planRuntime } from '../../operator/reconcilers/runtime-plan';
import { runtimeSnapshot } from '../../operator/reconcilers/runtime-snapshot';
import type { CacheObservation } from '../../operator/sync/cache-observation';
import { PlanState } from './plan-state';

export const BOUND_NAMESPACE = 'team-a';
export const BOUND_NAME = 'hbase';
export const BOUND_NOW = new Date('2026-12-03T10:05:00Z');
const registry = builtinEngines();

export function boundDataset(mounts: readonly object[] = [{ mountPoint: 'https://example.org/hbase/', name: 'hbase' }]): ObservedObject {
  return { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: BOUND_NAME, namespace: BOUND_NAMESPACE, uid: 'ds-uid' }, spec: { mounts } };
}

export function boundAlluxioRuntime(): ObservedObject {
  return {
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'AlluxioRuntime',
    metadata: { name: BOUND_NAME, namespace: BOUND_NAMESPACE, uid: 'rt-uid' },
    spec: { replicas: 1, tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '2Gi' }] } },
  };
}

/** The runtime plan of the bound runtime, given what the cache sync observed. */
export function planBound(state: PlanState, observed?: CacheObservation): Plan {
  return planRuntime(runtimeSnapshot(state.view(), registry, { kind: 'AlluxioRuntime', namespace: BOUND_NAMESPACE, name: BOUND_NAME }, DEFAULT_SETTINGS, BOUND_NOW, undefined, observed)!);
}

/** Dataset and runtime plans replayed, with workloads marked ready, until the Dataset is Bound and nothing is left. */
export function boundAlluxio(dataset = boundDataset()): PlanState {
  const state = new PlanState([dataset, boundAlluxioRuntime()], registry);
  for (let i = 0; i < 10; i++) {
    const ds = planDataset(state.get('Dataset', BOUND_NAME, BOUND_NAMESPACE)!, state.view());
    state.apply(ds);
    const p = planBound(state);
    state.apply(p);
    state.markWorkloadsReady();
    if (!ds.writes.length && !p.writes.length) return state;
  }
  throw new Error('the runtime did not converge');
}
