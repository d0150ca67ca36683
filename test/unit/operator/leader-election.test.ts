import { LeaseNamespaceMissing, LeaseRecord, LeaseStore } from '../../../operator/kube/lease';
import { decide, LeaderElector, LeaderElectorOptions } from '../../../operator/leader-election';
import { ApiReachability } from '../../../operator/kube/api-reachability';
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
  /** Every call fails as when the apiserver is down. */
  failing = false;
  /** Every call waits forever (a connection that hangs). */
  hanging = false;
  /** Calls made by these identities fail: a replica cut off from the apiserver while others reach it. */
  readonly failFor = new Set<string>();
  private version = 0;

  /** The store as the replica `identity` reaches it. */
  as(identity: string): LeaseStore {
    const check = (): void => {
      if (this.failFor.has(identity)) throw refused();
    };
    return {
      namespace: this.namespace,
      name: this.name,
      read: async () => (check(), this.read()),
      create: async (r) => (check(), this.create(r)),
      replace: async (r) => (check(), this.replace(r)),
    };
  }

  async read(): Promise<LeaseRecord | undefined> {
    await this.check();
    return this.record;
  }

  async create(record: LeaseRecord): Promise<LeaseRecord | 'conflict'> {
    await this.check();
    if (this.record !== undefined) return 'conflict';
    return this.store(record);
  }

  async replace(record: LeaseRecord): Promise<LeaseRecord | 'conflict'> {
    await this.check();
    if (this.record?.resourceVersion !== record.resourceVersion) return 'conflict';
    return this.store(record);
  }

  private store(record: LeaseRecord): LeaseRecord {
    this.record = { ...record, resourceVersion: String(++this.version) };
    return this.record;
  }

  private async check(): Promise<void> {
    if (this.hanging) await new Promise(() => undefined);
    if (this.failing) throw refused();
  }
}

/** What a request to a stopped apiserver fails with. */
function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });
}

describe('LeaderElector on fake time', () => {
  let clock: FakeClock;
  let store: MemoryLeaseStore;
  const timing = { leaseDurationMs: 15_000, renewIntervalMs: 5_000, retryIntervalMs: 2_000, renewDeadlineMs: 10_000 };
  const elector = (identity: string, extra: Partial<LeaderElectorOptions> = {}): { elector: LeaderElector; log: string[] } => {
    const log: string[] = [];
    const e = new LeaderElector({ store: store.as(identity), identity, clock, logger: silentLogger, ...timing, ...extra });
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
    await clock.advance(9_999);
    expect(a.elector.isLeader).toBe(true);
    await clock.advance(1);
    expect(a.elector.isLeader).toBe(false);
    expect(a.log).toEqual(['started', 'stopped']);
    expect(messages()).toContain('Failed to read or write lease');
    await a.elector.stop();
  });

  test('gives up at the deadline even when a lease call never answers', async () => {
    const a = elector('a');
    await clock.advance(0);
    store.hanging = true;
    await clock.advance(9_999);
    expect(a.elector.isLeader).toBe(true);
    await clock.advance(1);
    expect(a.log).toEqual(['started', 'stopped']);
  });

  test('through an outage nobody else can lead: stops leading, keeps competing, and leads again when it can write', async () => {
    const { logger, lines } = captureLogger();
    const reachability = new ApiReachability(logger, clock);
    const a = elector('a', { logger, reachability });
    await clock.advance(0);
    store.failing = true;
    await clock.advance(120_000);
    expect(a.log).toEqual(['started', 'stopped']);
    store.failing = false;
    await clock.advance(timing.retryIntervalMs);
    expect(a.log).toEqual(['started', 'stopped', 'started']);
    expect(store.record).toMatchObject({ holderIdentity: 'a', leaseTransitions: 0 });
    // Sixty failed retries, and one line each for: lost connection, stopped leading, reconnected, acquired again.
    expect(lines.filter((l) => l.level >= 30).map((l) => l.msg)).toEqual([
      'Started leader election', 'Acquired lease; started leading', 'Lost connection to the API server; retrying with backoff',
      'Stopped leading', 'Reconnected to the API server', 'Acquired lease; started leading',
    ]);
    expect(lines.find((l) => l.msg === 'Lost connection to the API server; retrying with backoff')).toMatchObject({ cause: 'connect ECONNREFUSED 127.0.0.1:6443' });
    await a.elector.stop();
  });

  test('with two replicas, one cut off from the apiserver hands over, and never do both lead at once', async () => {
    const a = elector('a');
    await clock.advance(0);
    const b = elector('b');
    const both: number[] = [];
    store.failFor.add('a');
    for (let t = 0; t < 60_000; t += 100) {
      await clock.advance(100);
      if (a.elector.isLeader && b.elector.isLeader) both.push(t);
    }
    expect(both).toEqual([]);
    expect(a.log).toEqual(['started', 'stopped']);
    expect(b.log).toEqual(['started']);
    // Back in touch, a finds the lease held by b and stays a follower.
    store.failFor.clear();
    await clock.advance(30_000);
    expect([a.elector.isLeader, b.elector.isLeader]).toEqual([false, true]);
    await Promise.all([a.elector.stop(), b.elector.stop()]);
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
