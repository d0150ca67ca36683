import { ExponentialBackoffLimiter } from '../../../operator/rate-limiter';
import { Outcome, OutcomeKind, WorkQueue, WorkQueueOptions } from '../../../operator/work-queue';
import { captureLogger, silentLogger } from '../../support/capture-logger';
import { FakeClock, settle } from '../../support/fake-clock';

const DONE: Outcome = { kind: 'done' };

/** A handler whose calls stay open until the test finishes them, so overlap is visible. */
class Gate {
  readonly calls: string[] = [];
  private readonly open = new Map<string, ((o: Outcome) => void)[]>();
  running = 0;
  maxRunning = 0;

  readonly handler = (key: string): Promise<Outcome> => {
    this.calls.push(key);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    return new Promise((resolve) => {
      this.open.set(key, [...(this.open.get(key) ?? []), resolve]);
    });
  };

  /** Ends the oldest open call for `key`. */
  async finish(key: string, outcome: Outcome = DONE): Promise<void> {
    const waiting = this.open.get(key) ?? [];
    const resolve = waiting.shift();
    if (resolve === undefined) throw new Error(`no open call for ${key}`);
    this.running--;
    resolve(outcome);
    await settle();
  }

  openKeys(): string[] {
    return [...this.open.entries()].flatMap(([k, v]) => v.map(() => k));
  }
}

function makeQueue(clock: FakeClock, options: Partial<WorkQueueOptions> = {}): WorkQueue {
  return new WorkQueue({
    name: 'test', logger: silentLogger, clock,
    rateLimiter: new ExponentialBackoffLimiter({ baseDelayMs: 100, maxDelayMs: 10_000, jitter: 0 }),
    ...options,
  });
}

describe('WorkQueue', () => {
  let clock: FakeClock;
  beforeEach(() => {
    clock = new FakeClock();
  });

  test('a key added many times while waiting runs once', async () => {
    const queue = makeQueue(clock);
    const gate = new Gate();
    for (let i = 0; i < 5; i++) queue.add('ns/a');
    queue.add('ns/b');
    expect(queue.depth()).toBe(2);
    queue.run(gate.handler);
    await settle();
    expect(gate.calls).toEqual(['ns/a', 'ns/b']);
    expect(queue.depth()).toBe(0);
  });

  test('a key never runs twice at once; added while running, it runs once more afterwards', async () => {
    const queue = makeQueue(clock);
    const gate = new Gate();
    queue.run(gate.handler);
    queue.add('a');
    await settle();
    queue.add('a');
    queue.add('a');
    await settle();
    expect(gate.calls).toEqual(['a']);
    expect(queue.depth()).toBe(0);
    await gate.finish('a');
    expect(gate.calls).toEqual(['a', 'a']);
    await gate.finish('a');
    expect(gate.calls).toEqual(['a', 'a']);
    expect(gate.maxRunning).toBe(1);
  });

  test('at most `workers` reconciles run together, each on a different key', async () => {
    const queue = makeQueue(clock, { workers: 2 });
    const gate = new Gate();
    ['a', 'b', 'c', 'd'].forEach((k) => queue.add(k));
    queue.run(gate.handler);
    await settle();
    expect(gate.openKeys()).toEqual(['a', 'b']);
    expect(queue.depth()).toBe(2);
    await gate.finish('b');
    expect(gate.openKeys()).toEqual(['a', 'c']);
    await gate.finish('a');
    await gate.finish('c');
    await gate.finish('d');
    expect(gate.maxRunning).toBe(2);
    expect(gate.calls).toEqual(['a', 'b', 'c', 'd']);
  });

  test('defaults to three workers', () => {
    expect(makeQueue(clock).workers).toBe(3);
  });

  test('retry backs off exponentially per key, and done resets the backoff', async () => {
    const queue = makeQueue(clock);
    const calls: number[] = [];
    let failures = 3;
    queue.run(async () => {
      calls.push(clock.now());
      return failures-- > 0 ? { kind: 'retry', error: new Error('not yet') } : DONE;
    });
    const start = clock.now();
    queue.add('a');
    await clock.advance(1_000);
    expect(calls.map((t) => t - start)).toEqual([0, 100, 300, 700]);
    expect(queue.numRequeues('a')).toBe(0);
    failures = 1;
    queue.add('a');
    await clock.advance(1_000);
    expect(calls.slice(4).map((t) => t - start)).toEqual([1_000, 1_100]);
  });

  test('a thrown error is a retry', async () => {
    const queue = makeQueue(clock);
    let calls = 0;
    queue.run(async () => {
      if (++calls === 1) throw new Error('boom');
      return DONE;
    });
    queue.add('a');
    await settle();
    expect(queue.numRequeues('a')).toBe(1);
    expect(clock.nextTimerInMs()).toBe(100);
    await clock.advance(100);
    expect(calls).toBe(2);
    expect(queue.numRequeues('a')).toBe(0);
  });

  test('requeueAfter forgets the backoff and runs the key again after the delay', async () => {
    const queue = makeQueue(clock);
    const outcomes: Outcome[] = [{ kind: 'retry', error: new Error('x') }, { kind: 'requeueAfter', ms: 5_000 }, DONE];
    const calls: number[] = [];
    queue.run(async () => {
      calls.push(clock.now());
      return outcomes.shift()!;
    });
    const start = clock.now();
    queue.add('a');
    await clock.advance(100);
    expect(queue.numRequeues('a')).toBe(0);
    await clock.advance(4_999);
    expect(calls.length).toBe(2);
    await clock.advance(1);
    expect(calls.map((t) => t - start)).toEqual([0, 100, 5_100]);
  });

  test('terminal forgets the key and does not requeue it', async () => {
    const { logger, lines } = captureLogger();
    const queue = makeQueue(clock, { logger, kind: 'Dataset' });
    let calls = 0;
    queue.run(async () => {
      calls++;
      return { kind: 'terminal', error: new Error('spec.mounts: required') };
    });
    queue.add('team-a/imagenet');
    await clock.advance(60_000);
    expect(calls).toBe(1);
    expect(queue.numRequeues('team-a/imagenet')).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
    expect(lines.find((l) => l.msg.startsWith('Reconcile failed terminally'))).toMatchObject({
      controller: 'test', object: { kind: 'Dataset', namespace: 'team-a', name: 'imagenet' }, error: 'spec.mounts: required',
    });
    expect(lines.find((l) => l.msg.startsWith('Reconcile failed terminally'))).not.toHaveProperty('err');
  });

  test('addAfter keeps the earliest time asked for a key', async () => {
    const queue = makeQueue(clock);
    const gate = new Gate();
    queue.run(gate.handler);
    queue.addAfter('a', 1_000);
    queue.addAfter('a', 5_000);
    queue.addAfter('a', 300);
    expect(clock.pendingTimers()).toBe(1);
    await clock.advance(299);
    expect(gate.calls).toEqual([]);
    await clock.advance(1);
    expect(gate.calls).toEqual(['a']);
  });

  test('shutdown waits for running reconciles, drops delayed adds and takes no more work', async () => {
    const queue = makeQueue(clock);
    const gate = new Gate();
    queue.run(gate.handler);
    queue.add('a');
    queue.addAfter('b', 1_000);
    await settle();
    let finished = false;
    const shutdown = queue.shutdown().then(() => {
      finished = true;
    });
    queue.add('c');
    await settle();
    expect(finished).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
    await gate.finish('a', { kind: 'requeueAfter', ms: 10 });
    await shutdown;
    expect(finished).toBe(true);
    await clock.advance(10_000);
    expect(gate.calls).toEqual(['a']);
  });

  test('reports depth and each reconcile to the metrics hooks', async () => {
    const depths: number[] = [];
    const results: OutcomeKind[] = [];
    const queue = makeQueue(clock, { workers: 1, metrics: { depth: (d) => void depths.push(d), reconciled: (r) => void results.push(r) } });
    const gate = new Gate();
    queue.add('a');
    queue.add('b');
    queue.run(gate.handler);
    await gate.finish('a');
    await gate.finish('b', { kind: 'terminal', error: new Error('bad') });
    expect(results).toEqual(['done', 'terminal']);
    expect(depths.at(-1)).toBe(0);
    expect(Math.max(...depths)).toBe(2);
  });

  test('pause lets running reconciles end, holds new keys, and resume runs each waiting key once', async () => {
    const queue = makeQueue(clock, { workers: 2 });
    const gate = new Gate();
    queue.run(gate.handler);
    queue.add('a');
    await settle();
    let paused = false;
    const pausing = queue.pause().then(() => (paused = true));
    queue.add('b');
    queue.add('b');
    queue.add('a');
    await settle();
    expect(gate.openKeys()).toEqual(['a']);
    expect(paused).toBe(false);
    await gate.finish('a');
    await pausing;
    expect(paused).toBe(true);
    expect(gate.calls).toEqual(['a']);
    queue.resume();
    await settle();
    expect(gate.openKeys().sort()).toEqual(['a', 'b']);
    await gate.finish('a');
    await gate.finish('b');
  });

  test('pause brings backed-off and delayed keys forward, and resume forgets their backoff', async () => {
    const queue = makeQueue(clock);
    const calls: string[] = [];
    let failing = true;
    queue.run(async (key) => {
      calls.push(`${key}@${clock.now() - start}`);
      return failing ? { kind: 'retry', error: new Error('apiserver down') } : DONE;
    });
    const start = clock.now();
    queue.add('a');
    queue.addAfter('later', 60_000);
    await clock.advance(1_000);
    expect(queue.numRequeues('a')).toBe(4);
    await queue.pause();
    await clock.advance(600_000);
    expect(calls.filter((c) => c.startsWith('later'))).toEqual([]);
    failing = false;
    queue.resume();
    await settle();
    expect(calls.slice(-2).sort()).toEqual(['a@601000', 'later@601000']);
    expect(queue.numRequeues('a')).toBe(0);
  });

  test('a retry whose error is reported elsewhere is logged at debug, others as a warning', async () => {
    const { logger, lines } = captureLogger();
    const queue = makeQueue(clock, { logger, reported: (e) => e.message.includes('ECONNREFUSED') });
    let error = new Error('connect ECONNREFUSED 127.0.0.1:6443');
    queue.run(async () => ({ kind: 'retry', error }));
    queue.add('a');
    await settle();
    error = new Error('admission webhook said no');
    await clock.advance(100);
    const retries = lines.filter((l) => l.msg === 'Reconcile failed; requeued with backoff').map((l) => l.level);
    expect(retries.slice(0, 2)).toEqual([20, 40]);
  });

  test('refuses a worker count that is not a positive integer', () => {
    expect(() => makeQueue(clock, { workers: 0 })).toThrow('WorkQueue test: workers must be a positive integer, got 0');
  });
});
