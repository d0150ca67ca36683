import { LeaseNamespaceMissing, LeaseRecord, LeaseStore } from '../../../operator/kube/lease';
import { decide, LeaderElector, LeaderElectorOptions } from '../../../operator/leader-election';
import { captureLogger, silentLogger } from '../../support/capture-logger';
import { FakeClock } from '../../support/fake-clock';

const NOW = 1_000_000;

describe('decide', () => {
  test('no lease: create it', () => {
    expect(decide(undefined, 'a', NOW)).toEqual({ action: 'create' });
  });

  test('held by us: renew, however old our observation', () => {
    expect(decide({ holderIdentity: 'a', leaseDurationSeconds: 15, observedAtMs: NOW - 60_000 }, 'a', NOW)).toEqual({ action: 'renew' });
  });

  test('released (empty or absent holder): acquire at once', () => {
    expect(decide({ holderIdentity: '', leaseDurationSeconds: 1, observedAtMs: NOW }, 'a', NOW)).toEqual({ action: 'acquire', reason: 'released' });
    expect(decide({ observedAtMs: NOW }, 'a', NOW)).toEqual({ action: 'acquire', reason: 'released' });
  });

  test("held by another: wait until the holder's duration has passed since we saw the record change", () => {
    const lease = { holderIdentity: 'b', leaseDurationSeconds: 15, observedAtMs: NOW };
    expect(decide(lease, 'a', NOW + 14_999)).toEqual({ action: 'wait', holder: 'b', expiresInMs: 1 });
    expect(decide(lease, 'a', NOW + 15_000)).toEqual({ action: 'acquire', reason: 'expired' });
  });

  test("without a duration in the record, our own applies", () => {
    expect(decide({ holderIdentity: 'b', observedAtMs: NOW }, 'a', NOW + 4_000, 5_000)).toMatchObject({ action: 'wait', expiresInMs: 1_000 });
  });
});

/** An in-memory Lease with the API server's optimistic concurrency, for driving electors on fake time. */
class MemoryLeaseStore implements LeaseStore {
  readonly namespace = 'fluid-system';
  readonly name = 'fluid-cdk8s';
  record?: LeaseRecord;
  failing = false;
  private version = 0;

  async read(): Promise<LeaseRecord | undefined> {
    this.check();
    return this.record;
  }

  async create(record: LeaseRecord): Promise<LeaseRecord | 'conflict'> {
    this.check();
    if (this.record !== undefined) return 'conflict';
    return this.store(record);
  }

  async replace(record: LeaseRecord): Promise<LeaseRecord | 'conflict'> {
    this.check();
    if (this.record?.resourceVersion !== record.resourceVersion) return 'conflict';
    return this.store(record);
  }

  private store(record: LeaseRecord): LeaseRecord {
    this.record = { ...record, resourceVersion: String(++this.version) };
    return this.record;
  }

  private check(): void {
    if (this.failing) throw new Error('connection refused');
  }
}

describe('LeaderElector on fake time', () => {
  let clock: FakeClock;
  let store: MemoryLeaseStore;
  const timing = { leaseDurationMs: 15_000, renewIntervalMs: 5_000, retryIntervalMs: 2_000, renewDeadlineMs: 10_000 };
  const elector = (identity: string, extra: Partial<LeaderElectorOptions> = {}): { elector: LeaderElector; log: string[] } => {
    const log: string[] = [];
    const e = new LeaderElector({ store, identity, clock, logger: silentLogger, ...timing, ...extra });
    e.run({ onStartedLeading: () => void log.push('started'), onStoppedLeading: () => void log.push('stopped') });
    return { elector: e, log };
  };

  beforeEach(() => {
    clock = new FakeClock(NOW);
    store = new MemoryLeaseStore();
  });

  test('of two candidates exactly one leads, and keeps the lease by renewing', async () => {
    const a = elector('a');
    const b = elector('b');
    await clock.advance(60_000);
    expect([a.elector.isLeader, b.elector.isLeader]).toEqual([true, false]);
    expect(b.log).toEqual([]);
    expect(store.record).toMatchObject({ holderIdentity: 'a', leaseTransitions: 0, renewTimeMs: NOW + 60_000 });
    await Promise.all([a.elector.stop(), b.elector.stop()]);
  });

  test('a missing Lease namespace stops the election at once and reports it, without retrying', async () => {
    const { logger, messages } = captureLogger();
    const fatal: Error[] = [];
    let creates = 0;
    store.create = async () => {
      creates++;
      throw new LeaseNamespaceMissing('fluid-system');
    };
    const e = new LeaderElector({ store, identity: 'a', clock, logger, ...timing });
    e.run({ onStartedLeading: () => undefined, onStoppedLeading: () => undefined, onFatal: (err) => void fatal.push(err) });
    await clock.advance(60_000);
    expect(creates).toBe(1);
    expect(fatal.map((f) => f.message)).toEqual([expect.stringContaining('kubectl create namespace fluid-system')]);
    expect(fatal[0].message).toContain('--lease-namespace');
    expect(messages()).toContain('Stopped leader election');
    expect(e.isLeader).toBe(false);
    await e.stop();
  });

  test('stop() releases the lease and the other candidate takes over at its next retry', async () => {
    const a = elector('a');
    await clock.advance(0);
    const b = elector('b');
    await clock.advance(1_000);
    await a.elector.stop();
    expect(a.log).toEqual(['started', 'stopped']);
    expect(store.record).toMatchObject({ holderIdentity: '', leaseDurationSeconds: 1 });
    await clock.advance(timing.retryIntervalMs);
    expect(b.elector.isLeader).toBe(true);
    expect(store.record).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    await b.elector.stop();
  });

  test('a holder that vanished without releasing is replaced once its lease has expired', async () => {
    store.record = { holderIdentity: 'gone', leaseDurationSeconds: 15, renewTimeMs: NOW, leaseTransitions: 3, resourceVersion: '0' };
    const a = elector('a');
    await clock.advance(14_000);
    expect(a.elector.isLeader).toBe(false);
    await clock.advance(2_000);
    expect(a.elector.isLeader).toBe(true);
    expect(store.record).toMatchObject({ holderIdentity: 'a', leaseTransitions: 4 });
    await a.elector.stop();
  });

  test('a leader that cannot renew gives up after the renew deadline, before the lease expires for others', async () => {
    const { logger, messages } = captureLogger();
    const a = elector('a', { logger });
    await clock.advance(0);
    expect(a.elector.isLeader).toBe(true);
    store.failing = true;
    await clock.advance(10_000);
    expect(a.elector.isLeader).toBe(true);
    await clock.advance(2_000);
    expect(a.elector.isLeader).toBe(false);
    expect(a.log).toEqual(['started', 'stopped']);
    expect(messages()).toContain('Failed to read or write lease');
    await a.elector.stop();
  });

  test('a leader whose lease was taken stops leading at its next renewal', async () => {
    const a = elector('a');
    await clock.advance(0);
    store.record = { ...store.record!, holderIdentity: 'usurper', resourceVersion: 'x' };
    await clock.advance(timing.renewIntervalMs);
    expect(a.elector.isLeader).toBe(false);
    expect(a.log).toEqual(['started', 'stopped']);
    await a.elector.stop();
    expect(store.record).toMatchObject({ holderIdentity: 'usurper' });
  });

  test('refuses timings under which two leaders could overlap', () => {
    expect(() => new LeaderElector({ store, identity: 'a', clock, logger: silentLogger, leaseDurationMs: 5_000, renewDeadlineMs: 10_000 }))
      .toThrow('Leader election for fluid-system/fluid-cdk8s: need renewIntervalMs < renewDeadlineMs < leaseDurationMs, got 5000, 10000, 5000');
  });
});
