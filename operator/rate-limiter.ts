// How long a key waits before it is retried: client-go's three-method limiter (util/workqueue/
// default_rate_limiters.go) and the two limiters Fluid combines in NewFluidControllerRateLimiter
// (pkg/controllers/manager.go): per-key exponential backoff, and a global token bucket.
import { Clock, systemClock } from './clock';

export interface RateLimiter<K = string> {
  /** Milliseconds to wait before `key` is retried; each call counts as one more failure. */
  when(key: K): number;
  /** Ends the key's backoff, whether it succeeded or was given up. */
  forget(key: K): void;
  /** Failures counted for the key since it was last forgotten. */
  numRequeues(key: K): number;
}

/**
 * Fluid's controller defaults: `--workqueue-default-sync-backoff=5ms`, `--workqueue-max-sync-backoff=1000s`
 * (cmd/<engine>/app/<engine>.go) and `workQueueQPS: 10`, `workQueueBurst: 100` (charts/fluid/fluid/values.yaml).
 * They equal client-go's DefaultControllerRateLimiter.
 */
export const FLUID_RATE_LIMITS = { baseDelayMs: 5, maxDelayMs: 1_000_000, qps: 10, burst: 100 } as const;

/**
 * The share of a backoff added at random, so keys that failed together do not all retry together.
 * client-go adds none; a tenth keeps the schedule close to the documented 5 ms, 10 ms, 20 ms ...
 */
export const DEFAULT_JITTER = 0.1;

export interface ExponentialBackoffOptions {
  /** Delay after the first failure. @default 5 (FLUID_RATE_LIMITS.baseDelayMs) */
  readonly baseDelayMs?: number;
  /** No delay exceeds this, jitter included. @default 1000000 (FLUID_RATE_LIMITS.maxDelayMs) */
  readonly maxDelayMs?: number;
  /** Up to this fraction of the delay is added at random. @default 0.1 (DEFAULT_JITTER) */
  readonly jitter?: number;
  /** Source of randomness in [0, 1); tests pass a constant. @default Math.random */
  readonly random?: () => number;
}

/** Per-key exponential backoff: base × 2^(failures − 1), plus jitter, capped. */
export class ExponentialBackoffLimiter<K = string> implements RateLimiter<K> {
  private readonly failures = new Map<K, number>();
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(options: ExponentialBackoffOptions = {}) {
    this.baseDelayMs = options.baseDelayMs ?? FLUID_RATE_LIMITS.baseDelayMs;
    this.maxDelayMs = options.maxDelayMs ?? FLUID_RATE_LIMITS.maxDelayMs;
    this.jitter = options.jitter ?? DEFAULT_JITTER;
    this.random = options.random ?? Math.random;
  }

  when(key: K): number {
    const exponent = this.failures.get(key) ?? 0;
    this.failures.set(key, exponent + 1);
    // Past 2^64 the product is Infinity, which the cap absorbs; no overflow to guard as in Go.
    const delay = this.baseDelayMs * 2 ** exponent;
    return Math.min(this.maxDelayMs, delay * (1 + this.jitter * this.random()));
  }

  forget(key: K): void {
    this.failures.delete(key);
  }

  numRequeues(key: K): number {
    return this.failures.get(key) ?? 0;
  }
}

export interface TokenBucketOptions {
  /** Tokens added per second. @default 10 (FLUID_RATE_LIMITS.qps) */
  readonly qps?: number;
  /** Bucket size: retries allowed at once before the rate applies. @default 100 (FLUID_RATE_LIMITS.burst) */
  readonly burst?: number;
  /** @default systemClock */
  readonly clock?: Clock;
}

/**
 * One bucket for all keys, limiting the overall retry rate. Like golang.org/x/time/rate's Reserve(), every call
 * takes a token even when none is left, so the bucket goes negative and later callers queue behind earlier ones.
 */
export class TokenBucketLimiter<K = string> implements RateLimiter<K> {
  private readonly qps: number;
  private readonly burst: number;
  private readonly clock: Clock;
  private tokens: number;
  private lastRefillMs: number;

  constructor(options: TokenBucketOptions = {}) {
    this.qps = options.qps ?? FLUID_RATE_LIMITS.qps;
    this.burst = options.burst ?? FLUID_RATE_LIMITS.burst;
    this.clock = options.clock ?? systemClock;
    this.tokens = this.burst;
    this.lastRefillMs = this.clock.now();
  }

  when(_key: K): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastRefillMs) / 1000) * this.qps);
    this.lastRefillMs = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.qps) * 1000;
  }

  forget(_key: K): void {
    // The bucket is shared: one key's success returns no tokens.
  }

  numRequeues(_key: K): number {
    return 0;
  }
}

/** The longest wait any of the limiters asks for; forget reaches all of them. */
export class MaxOfLimiter<K = string> implements RateLimiter<K> {
  private readonly limiters: readonly RateLimiter<K>[];

  constructor(...limiters: RateLimiter<K>[]) {
    this.limiters = limiters;
  }

  when(key: K): number {
    // Every limiter must count the failure, so no short-circuit.
    return this.limiters.map((l) => l.when(key)).reduce((a, b) => Math.max(a, b), 0);
  }

  forget(key: K): void {
    for (const limiter of this.limiters) limiter.forget(key);
  }

  numRequeues(key: K): number {
    return this.limiters.map((l) => l.numRequeues(key)).reduce((a, b) => Math.max(a, b), 0);
  }
}

export interface ControllerRateLimiterOptions extends ExponentialBackoffOptions, TokenBucketOptions {}

/** Fluid's controller rate limiter: max of per-key backoff (5 ms → 1000 s) and a 10 qps / 100 burst bucket. */
export function controllerRateLimiter<K = string>(options: ControllerRateLimiterOptions = {}): RateLimiter<K> {
  return new MaxOfLimiter<K>(new ExponentialBackoffLimiter<K>(options), new TokenBucketLimiter<K>(options));
}
