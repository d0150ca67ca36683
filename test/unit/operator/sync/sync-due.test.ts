// When a sync round mounts, asks for the HCFS endpoint and counts the UFS.
import type { CacheClient } from '../../../../constructs/runtimes/cache-client';
import { dueQueries, DueInput, mountsKey } from '../../../../operator/sync/sync-due';

const full: CacheClient = { cacheStates: async () => ({ figures: { states: {}, missing: {} } }), ufsTotals: async () => ({}), hcfs: async () => ({ endpoint: '', underlayerFileSystemVersion: '' }), syncMounts: async () => ({ changed: false, settled: true, commands: [] }) };
const KEY = mountsKey([{ mountPoint: 's3://bucket/a', name: 'a' }]);
const base: DueInput = { client: full, memory: { mountsSynced: KEY, mountsSettled: true, ufsCountedFor: KEY, ufsRunning: false }, mountsKey: KEY, remountDue: false, datasetStatus: { ufsTotal: '1.00GiB', hcfs: {} }, autoSync: true, hcfsKnown: true };

describe('dueQueries', () => {
  it('runs nothing but the figures when all is in place', () => {
    expect(dueQueries(base)).toEqual({ syncMounts: false, hcfs: false, ufsTotals: false });
  });

  it('mounts first after setup, on a mount change, while unsettled and when the master restarted; the count waits for it', () => {
    expect(dueQueries({ ...base, memory: { ...base.memory, mountsSynced: undefined } }).syncMounts).toBe(true);
    expect(dueQueries({ ...base, mountsKey: mountsKey([]) })).toEqual({ syncMounts: true, hcfs: false, ufsTotals: false });
    expect(dueQueries({ ...base, memory: { ...base.memory, mountsSettled: false } }).syncMounts).toBe(true);
    expect(dueQueries({ ...base, remountDue: true }).syncMounts).toBe(true);
    expect(dueQueries({ ...base, client: { cacheStates: full.cacheStates }, mountsKey: mountsKey([]) }).syncMounts).toBe(false);
  });

  it('counts the UFS when ufsTotal is unknown or [Calculating], and again for other mounts, unless autoSync is false', () => {
    const fresh = { ...base.memory, ufsCountedFor: undefined };
    expect(dueQueries({ ...base, memory: fresh, datasetStatus: {} }).ufsTotals).toBe(true);
    expect(dueQueries({ ...base, memory: fresh, datasetStatus: { ufsTotal: '[Calculating]' } }).ufsTotals).toBe(true);
    expect(dueQueries({ ...base, memory: fresh }).ufsTotals).toBe(false);
    const other = mountsKey([{ mountPoint: 's3://bucket/b', name: 'b' }]);
    expect(dueQueries({ ...base, mountsKey: other, memory: { ...base.memory, mountsSynced: other } }).ufsTotals).toBe(true);
    expect(dueQueries({ ...base, memory: fresh, datasetStatus: {}, autoSync: false }).ufsTotals).toBe(false);
    expect(dueQueries({ ...base, memory: { ...fresh, ufsRunning: true }, datasetStatus: {} }).ufsTotals).toBe(false);
  });

  it('asks for the HCFS endpoint until it is known, when the engine has one', () => {
    expect(dueQueries({ ...base, hcfsKnown: false }).hcfs).toBe(true);
    expect(dueQueries({ ...base, hcfsKnown: false, client: { cacheStates: full.cacheStates } }).hcfs).toBe(false);
  });
});
