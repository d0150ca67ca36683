// A keyed work queue after client-go's util/workqueue (queue.go, delaying_queue.go, rate_limiting_queue.go), with
// controller-runtime's reconcileHandler folded in: a handler returns an Outcome and the queue turns it into the
// next step for the key. Reconciling is level-based, so a key is all a handler needs: it reads current state.
import type { Logger } from 'pino';
import { Clock, systemClock } from './clock';
import { failureLog } from './kube/api-calls';
import { objectField, ObjectRef } from './process-logger';
import { controllerRateLimiter, RateLimiter } from './rate-limiter';

/**
 * What one reconcile asks for next. A union, so "an error and also a delay" cannot be said
 * (controller-runtime warns at run time when a Result and an error come together).
 */
export type Outcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'requeueAfter'; readonly ms: number }
  | { readonly kind: 'retry'; readonly error: Error }
  | { readonly kind: 'terminal'; readonly error: Error };

export type OutcomeKind = Outcome['kind'];

export type Handler = (key: string) => Promise<Outcome>;

/** Optional observers; operator/metrics.ts turns them into Prometheus series. */
export interface WorkQueueMetrics {
  /** Keys waiting to be handed to a worker (not the ones delayed or running). */
  depth(depth: number): void;
  /** One finished reconcile. A handler that threw counts as `retry`. */
  reconciled(result: OutcomeKind, durationMs: number): void;
  // client-go's queue metrics (util/workqueue/metrics.go): what happened to a key, told as it happens.
  /** The key became dirty (an add that was not a duplicate). */
  added?(key: string): void;
  /** A worker took the key. */
  started?(key: string): void;
  /** Its reconcile ended. */
  finished?(key: string): void;
  /** The key was added with a delay (backoff or requeueAfter). */
  delayed?(key: string): void;
}

export interface WorkQueueOptions {
  /** Names the queue in logs and metrics; usually the controller's name. */
  readonly name: string;
  /** Kind of the objects whose keys are queued, for log lines. */
  readonly kind?: string;
  readonly logger: Logger;
  /** Reconciles running at once, each on a different key. @default 3 (Fluid's `runtimeWorkers`) */
  readonly workers?: number;
  /** @default controllerRateLimiter() on the same clock: 5 ms → 1000 s per key, 10 qps / burst 100 overall */
  readonly rateLimiter?: RateLimiter;
  /** @default systemClock */
  readonly clock?: Clock;
  readonly metrics?: WorkQueueMetrics;
  /**
   * Failures already reported elsewhere (the API server unreachable: operator/kube/api-reachability.ts), whose retry
   * is logged at debug instead of one warning per key. @default none
   */
  readonly reported?: (error: Error) => boolean;
}

/** Fluid's `runtimeWorkers` default (charts/fluid/fluid/values.yaml). */
export const DEFAULT_WORKERS = 3;

export class WorkQueue {
  readonly name: string;
  readonly workers: number;
  private readonly log: Logger;
  private readonly kind?: string;
  private readonly clock: Clock;
  private readonly limiter: RateLimiter;
  private readonly metrics?: WorkQueueMetrics;

  // The invariant, as in client-go's queue.go: `dirty` holds every key that needs a reconcile. A dirty key
  // that is not processing sits in `ready` exactly once. A key added while it is processing stays only in
  // `dirty` and goes back into `ready` when its reconcile ends, so one key never runs twice at once and
  // N adds while it waits still make one reconcile.
  private readonly ready: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  /** Delayed adds: the earliest time asked for per key, as client-go's delaying queue keeps it. */
  private readonly waiting = new Map<string, { readonly at: number; readonly timer: unknown }>();
  private readonly inFlight = new Set<Promise<void>>();
  private handler?: Handler;
  private shuttingDown = false;
  private paused = false;
  private readonly reported: (error: Error) => boolean;
  private reconcileIds = 0;

  constructor(options: WorkQueueOptions) {
    this.name = options.name;
    this.workers = options.workers ?? DEFAULT_WORKERS;
    if (!Number.isInteger(this.workers) || this.workers < 1) throw new Error(`WorkQueue ${this.name}: workers must be a positive integer, got ${this.workers}`);
    this.log = options.logger.child({ controller: options.name });
    this.kind = options.kind;
    this.clock = options.clock ?? systemClock;
    this.limiter = options.rateLimiter ?? controllerRateLimiter({ clock: this.clock });
    this.metrics = options.metrics;
    this.reported = options.reported ?? (() => false);
  }

  /** Marks the key as needing a reconcile. Ignored once shutdown has begun. */
  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    this.metrics?.added?.(key);
    if (this.processing.has(key)) return;
    this.ready.push(key);
    this.dispatch();
  }

  /** Adds the key after `ms`; an earlier pending time for the same key wins. While paused, adds it now. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0 || this.paused) return this.add(key);
    this.metrics?.delayed?.(key);
    const at = this.clock.now() + ms;
    const pending = this.waiting.get(key);
    if (pending !== undefined && pending.at <= at) return;
    if (pending !== undefined) this.clock.clearTimeout(pending.timer);
    const timer = this.clock.setTimeout(() => {
      this.waiting.delete(key);
      this.add(key);
    }, ms);
    this.waiting.set(key, { at, timer });
  }

  /** Adds the key after the rate limiter's delay, which grows with each call until `forget`. */
  addRateLimited(key: string): void {
    this.addAfter(key, this.limiter.when(key));
  }

  /** Ends the key's backoff. */
  forget(key: string): void {
    this.limiter.forget(key);
  }

  numRequeues(key: string): number {
    return this.limiter.numRequeues(key);
  }

  /** Keys ready and waiting for a worker. */
  depth(): number {
    return this.ready.length;
  }

  /** Starts handing keys to `handler`, at most `workers` at a time. Keys added before `run` are kept. */
  run(handler: Handler): void {
    if (this.handler !== undefined) throw new Error(`WorkQueue ${this.name}: run() was already called`);
    this.handler = handler;
    this.log.info({ workers: this.workers }, 'Started work queue');
    this.dispatch();
  }

  /**
   * Stops handing keys to workers, without shutting down: keys keep being added and wait. Delayed and backed-off
   * keys are made ready at once and their backoff forgotten, so resume() reconciles every key that needs it promptly
   * rather than after a backoff grown while nothing could succeed (reconciles are level-based: an early one is only
   * one more look). Resolves once the reconciles already running have ended.
   */
  async pause(): Promise<void> {
    if (this.shuttingDown || this.paused) return this.drain();
    this.paused = true;
    for (const [key, { timer }] of this.waiting) {
      this.clock.clearTimeout(timer);
      this.add(key);
    }
    this.waiting.clear();
    this.log.info({ running: this.processing.size, ready: this.ready.length }, 'Paused work queue');
    await this.drain();
  }

  /** Hands keys to workers again after pause(). */
  resume(): void {
    if (!this.paused || this.shuttingDown) return;
    this.paused = false;
    for (const key of this.dirty) this.forget(key);
    this.log.info({ ready: this.ready.length }, 'Resumed work queue');
    this.dispatch();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /**
   * Stops taking work and drops delayed adds, then resolves once every running reconcile has ended. Outcomes
   * of those reconciles are not acted on: a requeue would have nobody to run it.
   */
  async shutdown(): Promise<void> {
    if (this.shuttingDown) return this.drain();
    this.shuttingDown = true;
    for (const { timer } of this.waiting.values()) this.clock.clearTimeout(timer);
    this.waiting.clear();
    this.log.info({ running: this.processing.size, ready: this.ready.length }, 'Stopped taking work; waiting for running reconciles');
    await this.drain();
    this.log.info('Shut down work queue');
  }

  private async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private dispatch(): void {
    while (this.handler !== undefined && !this.shuttingDown && !this.paused && this.processing.size < this.workers && this.ready.length > 0) {
      const key = this.ready.shift()!;
      this.dirty.delete(key);
      this.processing.add(key);
      this.metrics?.started?.(key);
      const running = this.process(this.handler, key).finally(() => this.inFlight.delete(running));
      this.inFlight.add(running);
    }
    this.metrics?.depth(this.ready.length);
  }

  private async process(handler: Handler, key: string): Promise<void> {
    const log = this.log.child({ ...objectField(keyRef(key, this.kind)), reconcileId: ++this.reconcileIds });
    const started = this.clock.now();
    const outcome = await runHandler(handler, key);
    this.metrics?.finished?.(key);
    this.metrics?.reconciled(outcome.kind, this.clock.now() - started);
    this.processing.delete(key);
    // A key added while it ran is still dirty and may run again now. This comes before `follow`, whose own
    // add then finds the key dirty and does not queue it a second time.
    if (this.dirty.has(key) && !this.shuttingDown) this.ready.push(key);
    if (!this.shuttingDown) this.follow(key, outcome, log);
    this.dispatch();
  }

  /** controller-runtime's reconcileHandler switch: which queue action each outcome implies. */
  private follow(key: string, outcome: Outcome, log: Logger): void {
    switch (outcome.kind) {
      case 'done':
        this.forget(key);
        log.debug('Reconciled');
        return;
      case 'requeueAfter':
        // A requested delay is not a failure: the backoff starts over.
        this.forget(key);
        this.addAfter(key, outcome.ms);
        log.debug({ requeueAfterMs: outcome.ms }, 'Reconciled; requeued after delay');
        return;
      case 'retry': {
        this.addRateLimited(key);
        // An unreachable apiserver is reported once for all (ApiReachability); each key's retry is then only debug.
        const { level, fields } = failureLog(outcome.error);
        log[this.reported(outcome.error) ? 'debug' : level]({ ...fields, requeues: this.numRequeues(key) }, 'Reconcile failed; requeued with backoff');
        return;
      }
      case 'terminal':
        // Retrying cannot help: only the user can fix it (a spec error, an object in the way), and their next change
        // adds the key again. A warning, not an error: it is news about their input, not an operator fault.
        this.forget(key);
        // Its message names the object and the field; a stack would only say where we noticed.
        log.warn({ error: outcome.error.message }, 'Reconcile failed terminally; not requeued');
        return;
    }
  }
}

/** A handler that throws or rejects is a retry: an unexpected error is assumed to be transient. */
async function runHandler(handler: Handler, key: string): Promise<Outcome> {
  try {
    return await handler(key);
  } catch (err) {
    return { kind: 'retry', error: err instanceof Error ? err : new Error(String(err)) };
  }
}

/** `Kind/namespace/name` (queues holding several kinds), `namespace/name` or `name`, with the queue's kind if it has one. */
function keyRef(key: string, kind: string | undefined): ObjectRef {
  const parts = key.split('/');
  if (parts.length >= 3) return { kind: parts[0], namespace: parts[1], name: parts.slice(2).join('/') };
  return parts.length === 2 ? { kind, namespace: parts[0], name: parts[1] } : { kind, name: key };
}
