// The Dataset phase DataMigrating: set with the DataMigrate's operationRef entry, kept by the runtime's status writes
// while the migration runs, and back to Bound when the last one ends; a Failed or NotBound Dataset keeps its phase.
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { boundDatasetStatus, isBoundPhase } from '../../../../operator/reconcilers/dataset-status';
import { operationRefWrite } from '../../../../operator/reconcilers/operation-dataset-ref';

const T0 = new Date('2026-12-03T10:00:00Z');
const runtime = { kind: 'JuiceFSRuntime', name: 'jfs', namespace: 'ns', runtimeType: 'juicefs', masterReplicas: 0 };
const dataset = (status: Record<string, unknown>): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'jfs', namespace: 'ns', uid: 'u', resourceVersion: '7' },
  spec: {},
  status,
});

describe('DataMigrating', () => {
  it('a DataMigrate starting on a Bound Dataset moves it to DataMigrating in the same patch as its entry', () => {
    const write = operationRefWrite(dataset({ phase: 'Bound', operationRef: { DataLoad: 'warm' } }), 'DataMigrate', 'mv', true);
    expect(write).toEqual({ op: 'status-merge', key: expect.anything(), resourceVersion: '7', status: { operationRef: { DataMigrate: 'mv' }, phase: 'DataMigrating' } });
  });

  it('the last DataMigrate ending puts Bound back; one of two ending leaves DataMigrating', () => {
    const one = operationRefWrite(dataset({ phase: 'DataMigrating', operationRef: { DataMigrate: 'mv' } }), 'DataMigrate', 'mv', false);
    expect(one?.op === 'status-merge' && one.status).toEqual({ operationRef: { DataMigrate: null }, phase: 'Bound' });
    const two = operationRefWrite(dataset({ phase: 'DataMigrating', operationRef: { DataMigrate: 'a,b' } }), 'DataMigrate', 'a', false);
    expect(two?.op === 'status-merge' && two.status).toEqual({ operationRef: { DataMigrate: 'b' } });
  });

  it('other operations leave the phase alone, and a Failed Dataset stays Failed', () => {
    const load = operationRefWrite(dataset({ phase: 'DataMigrating', operationRef: { DataMigrate: 'mv' } }), 'DataLoad', 'warm', true);
    expect(load?.op === 'status-merge' && load.status).toEqual({ operationRef: { DataLoad: 'warm' } });
    const failed = operationRefWrite(dataset({ phase: 'Failed' }), 'DataMigrate', 'mv', true);
    expect(failed?.op === 'status-merge' && failed.status).toEqual({ operationRef: { DataMigrate: 'mv' } });
  });

  it('the runtime\'s Dataset status keeps DataMigrating while a migration is listed, and reports Failed when unhealthy', () => {
    const migrating = { phase: 'DataMigrating', operationRef: { DataMigrate: 'mv' } };
    expect(boundDatasetStatus(migrating, {}, runtime, T0).phase).toBe('DataMigrating');
    expect(boundDatasetStatus({ phase: 'DataMigrating', operationRef: { DataMigrate: '' } }, {}, runtime, T0).phase).toBe('Bound');
    expect(boundDatasetStatus(migrating, {}, runtime, T0, false).phase).toBe('Failed');
  });

  it('data operations treat a DataMigrating Dataset as bound', () => {
    expect(['Bound', 'DataMigrating', 'NotBound', 'Failed', ''].map(isBoundPhase)).toEqual([true, true, false, false, false]);
  });
});
