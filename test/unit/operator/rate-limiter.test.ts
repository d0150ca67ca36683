import {
  controllerRateLimiter, ExponentialBackoffLimiter, FLUID_RATE_LIMITS, MaxOfLimiter, RateLimiter, TokenBucketLimiter,
} from '../../../operator/rate-limiter';
import { FakeClock } from '../../support/fake-clock';

const noJitter = { jitter: 0 };

describe('ExponentialBackoffLimiter', () => {
  test('defaults are Fluid controller defaults: 5 ms doubling up to 1000 s', () => {
    const limiter = new ExponentialBackoffLimiter({ ...noJitter });
    const delays = Array.from({ length: 5 }, () => limiter.when('a'));
    expect(delays).toEqual([5, 10, 20, 40, 80]);
    for (let i = 0; i < 30; i++) limiter.when('a');
    expect(limiter.when('a')).toBe(FLUID_RATE_LIMITS.maxDelayMs);
    expect(limiter.numRequeues('a')).toBe(36);
  });

  test('keys back off independently and forget starts a key over', () => {
    const limiter = new ExponentialBackoffLimiter({ ...noJitter, baseDelayMs: 100 });
    limiter.when('a');
    limiter.when('a');
    expect(limiter.when('b')).toBe(100);
    limiter.forget('a');
    expect(limiter.numRequeues('a')).toBe(0);
    expect(limiter.when('a')).toBe(100);
    expect(limiter.numRequeues('b')).toBe(1);
  });

  test('jitter adds up to its fraction of the delay, from the injected source', () => {
    const limiter = new ExponentialBackoffLimiter({ baseDelayMs: 100, jitter: 0.5, random: () => 0.5 });
    expect(limiter.when('a')).toBe(125);
    expect(limiter.when('a')).toBe(250);
    expect(new ExponentialBackoffLimiter({ baseDelayMs: 100, random: () => 0.999 }).when('a')).toBeCloseTo(109.99);
  });

  test('the cap holds with jitter too', () => {
    const limiter = new ExponentialBackoffLimiter({ baseDelayMs: 600, maxDelayMs: 1000, jitter: 1, random: () => 0.9 });
    expect(limiter.when('a')).toBe(1000);
  });
});

describe('TokenBucketLimiter', () => {
  test('a full bucket lets `burst` retries through at once, then spaces them at 1/qps', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucketLimiter({ qps: 10, burst: 3, clock });
    expect([bucket.when('a'), bucket.when('b'), bucket.when('c')]).toEqual([0, 0, 0]);
    expect(bucket.when('d')).toBeCloseTo(100);
    expect(bucket.when('e')).toBeCloseTo(200);
  });

  test('tokens come back with time, up to the burst', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucketLimiter({ qps: 10, burst: 2, clock });
    bucket.when('a');
    bucket.when('a');
    await clock.advance(100);
    expect(bucket.when('a')).toBe(0);
    await clock.advance(60_000);
    expect([bucket.when('a'), bucket.when('a'), bucket.when('a')].map(Math.round)).toEqual([0, 0, 100]);
  });

  test('defaults are 10 qps and burst 100', () => {
    const bucket = new TokenBucketLimiter({ clock: new FakeClock() });
    for (let i = 0; i < 100; i++) expect(bucket.when(`k${i}`)).toBe(0);
    expect(bucket.when('one-more')).toBeCloseTo(100);
  });
});

describe('MaxOfLimiter', () => {
  test('waits the longest and forwards forget and counts to every limiter', () => {
    const fixed = (ms: number): RateLimiter & { forgotten: string[] } => {
      const forgotten: string[] = [];
      return { forgotten, when: () => ms, forget: (k) => void forgotten.push(k), numRequeues: () => ms };
    };
    const a = fixed(5);
    const b = fixed(50);
    const limiter = new MaxOfLimiter(a, b);
    expect(limiter.when('k')).toBe(50);
    expect(limiter.numRequeues('k')).toBe(50);
    limiter.forget('k');
    expect([a.forgotten, b.forgotten]).toEqual([['k'], ['k']]);
  });

  test("Fluid's controller limiter: per-key backoff until the shared bucket runs dry", () => {
    const limiter = controllerRateLimiter({ clock: new FakeClock(), jitter: 0, burst: 2 });
    expect(limiter.when('a')).toBe(5);
    expect(limiter.when('a')).toBe(10);
    expect(limiter.when('b')).toBeCloseTo(100);
  });
});
