// Lease-based leader election after client-go's tools/leaderelection: only the replica holding the Lease runs
// controllers. The decision is a pure function of the observed lease and the time; the elector around it
// reads, decides, writes, and repeats on a timer.
import type { Logger } from 'pino';
import { Clock, systemClock } from './clock';
import { apiErrorFields } from './kube/api-calls';
import type { ApiReachability } from './kube/api-reachability';
import type { LeaseRecord, LeaseStore } from './kube/lease';
import { objectField } from './process-logger';

/**
 * client-go's and controller-runtime's lease duration (15 s). Renewing every 5 s leaves two failed renewals of
 * room before the deadline; candidates retry every 2 s (client-go's RetryPeriod), so a released lease is taken
 * over within about 2 s.
 */
export const LEADER_ELECTION_DEFAULTS = { leaseDurationMs: 15_000, renewIntervalMs: 5_000, retryIntervalMs: 2_000, renewDeadlineMs: 10_000 } as const;

/** The lease as a candidate sees it: who holds it, for how long, and when this replica saw it last change. */
export interface ObservedLease {
  /** Empty or absent: released. */
  readonly holderIdentity?: string;
  readonly leaseDurationSeconds?: number;
  /** Local time at which the current record (resourceVersion) was first read. */
  readonly observedAtMs: number;
}

export type LeaseDecision =
  | { readonly action: 'create' }
  | { readonly action: 'acquire'; readonly reason: 'released' | 'expired' }
  | { readonly action: 'renew' }
  | { readonly action: 'wait'; readonly holder: string; readonly expiresInMs: number };

/**
 * Expiry counts from when this replica observed the record change, not from the renewTime written in it
 * (client-go's observedTime): replicas' clocks may disagree, but each measures its own elapsed time well.
 */
export function decide(lease: ObservedLease | undefined, identity: string, now: number, defaultDurationMs: number = LEADER_ELECTION_DEFAULTS.leaseDurationMs): LeaseDecision {
  if (lease === undefined) return { action: 'create' };
  const holder = lease.holderIdentity ?? '';
  if (holder === identity) return { action: 'renew' };
  if (holder === '') return { action: 'acquire', reason: 'released' };
  const durationMs = lease.leaseDurationSeconds !== undefined ? lease.leaseDurationSeconds * 1000 : defaultDurationMs;
  const expiresInMs = lease.observedAtMs + durationMs - now;
  return expiresInMs <= 0 ? { action: 'acquire', reason: 'expired' } : { action: 'wait', holder, expiresInMs };
}

export interface LeaderCallbacks {
  /** This replica now holds the lease: start (or resume) controllers. */
  onStartedLeading(): void;
  /**
   * It holds it no longer (lost, or stop() released it): pause controllers. Called no later than renewDeadlineMs after
   * the last successful renewal, while others must still wait for the lease to expire, so two leaders never act at
   * once. Competing goes on: onStartedLeading may follow, when the lease is held again.
   */
  onStoppedLeading(): void;
  /** Leader election cannot go on (the Lease's namespace is missing): it has stopped; the process should exit. */
  onFatal?(error: Error): void;
}

/** An error of the lease store that retrying cannot fix. */
function isFatal(err: unknown): err is Error & { fatal: true } {
  return err instanceof Error && (err as { fatal?: unknown }).fatal === true;
}

export interface LeaderElectorOptions {
  readonly store: LeaseStore;
  /** Unique per replica, e.g. the pod name; written as holderIdentity. */
  readonly identity: string;
  readonly logger: Logger;
  /** @default systemClock */
  readonly clock?: Clock;
  /** How long a lease holds without renewal. @default 15000 */
  readonly leaseDurationMs?: number;
  /** How often the leader renews. @default 5000 */
  readonly renewIntervalMs?: number;
  /** How often a candidate tries to acquire, and a leader retries a failed renewal. @default 2000 */
  readonly retryIntervalMs?: number;
  /** A leader that has not renewed for this long gives up, before others may take over. @default 10000 */
  readonly renewDeadlineMs?: number;
  /** Told of failed and answered lease calls, so an unreachable apiserver is logged once, not every retry. */
  readonly reachability?: ApiReachability;
}

export class LeaderElector {
  private readonly store: LeaseStore;
  private readonly identity: string;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly leaseDurationMs: number;
  private readonly renewIntervalMs: number;
  private readonly retryIntervalMs: number;
  private readonly renewDeadlineMs: number;
  private callbacks?: LeaderCallbacks;
  private leading = false;
  private stopped = false;
  private observed?: { readonly resourceVersion?: string; readonly atMs: number };
  private timer?: unknown;
  /** Fires renewDeadlineMs after the last renewal: the leader gives up even if a lease call hangs. */
  private deadlineTimer?: unknown;
  private ticking?: Promise<void>;
  private readonly reachability?: ApiReachability;

  constructor(options: LeaderElectorOptions) {
    this.store = options.store;
    this.identity = options.identity;
    this.log = options.logger.child({ ...objectField({ kind: 'Lease', namespace: options.store.namespace, name: options.store.name }), identity: options.identity });
    this.clock = options.clock ?? systemClock;
    this.leaseDurationMs = options.leaseDurationMs ?? LEADER_ELECTION_DEFAULTS.leaseDurationMs;
    this.renewIntervalMs = options.renewIntervalMs ?? LEADER_ELECTION_DEFAULTS.renewIntervalMs;
    this.retryIntervalMs = options.retryIntervalMs ?? LEADER_ELECTION_DEFAULTS.retryIntervalMs;
    this.renewDeadlineMs = options.renewDeadlineMs ?? LEADER_ELECTION_DEFAULTS.renewDeadlineMs;
    this.reachability = options.reachability;
    // The leader must give up before a candidate may take over, and must get to renew before giving up.
    if (!(this.renewIntervalMs < this.renewDeadlineMs && this.renewDeadlineMs < this.leaseDurationMs)) {
      throw new Error(`Leader election for ${this.store.namespace}/${this.store.name}: need renewIntervalMs < renewDeadlineMs < leaseDurationMs, got ${this.renewIntervalMs}, ${this.renewDeadlineMs}, ${this.leaseDurationMs}`);
    }
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Starts competing for the lease now and keeps going until stop(). */
  run(callbacks: LeaderCallbacks): void {
    if (this.callbacks !== undefined) throw new Error(`Leader election for ${this.store.namespace}/${this.store.name}: run() was already called`);
    this.callbacks = callbacks;
    this.log.info('Started leader election');
    this.schedule(0);
  }

  /** Stops competing; a leader releases the lease so a successor need not wait for it to expire. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.disarmDeadline();
    await this.ticking;
    if (this.leading) {
      await this.release();
      this.lose('stopped', 'info');
    }
    this.log.info('Stopped leader election');
  }

  private schedule(ms: number): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.ticking = this.tick().finally(() => (this.ticking = undefined));
    }, ms);
  }

  private async tick(): Promise<void> {
    let ok = true;
    try {
      await this.step();
    } catch (err) {
      ok = false;
      if (isFatal(err)) {
        this.stopped = true;
        this.log.error({ error: err.message }, 'Stopped leader election');
        this.callbacks?.onFatal?.(err);
        return;
      }
      const reported = this.reachability?.failed(err, 'lease') ?? false;
      this.log[reported ? 'debug' : 'warn'](apiErrorFields(err), 'Failed to read or write lease');
    }
    if (!this.stopped) this.schedule(this.leading && ok ? this.renewIntervalMs : this.retryIntervalMs);
  }

  /**
   * (Re)starts the countdown to renewDeadlineMs from `renewedAtMs`, the time read before the renewal was sent: others
   * count the lease from when they see it written, which is later still, so the leader always gives up first.
   */
  private armDeadline(renewedAtMs: number): void {
    this.disarmDeadline();
    this.deadlineTimer = this.clock.setTimeout(() => {
      this.deadlineTimer = undefined;
      if (this.leading) this.lose(`not renewed for ${this.renewDeadlineMs} ms`);
    }, renewedAtMs + this.renewDeadlineMs - this.clock.now());
  }

  private disarmDeadline(): void {
    if (this.deadlineTimer !== undefined) this.clock.clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
  }

  private async step(): Promise<void> {
    const record = await this.store.read();
    this.reachability?.answered('lease');
    const now = this.clock.now();
    const decision = decide(this.observe(record, now), this.identity, now, this.leaseDurationMs);
    if (decision.action === 'wait') {
      if (this.leading) this.lose(`lease now held by ${decision.holder}`);
      return;
    }
    const written = await this.write(decision, record, now);
    if (written === 'conflict') {
      // Someone else wrote between our read and our write.
      if (this.leading) this.lose('conflict on renewal');
      return;
    }
    this.observed = { resourceVersion: written.resourceVersion, atMs: now };
    if (this.stopped) return;
    // A write that took longer than the deadline: others may already count the lease as expired.
    if (this.clock.now() - now >= this.renewDeadlineMs) {
      if (this.leading) this.lose('renewal answered after the renew deadline');
      return;
    }
    this.armDeadline(now);
    if (!this.leading) this.gain(decision);
  }

  private write(decision: Exclude<LeaseDecision, { action: 'wait' }>, record: LeaseRecord | undefined, now: number): Promise<LeaseRecord | 'conflict'> {
    const durationSeconds = Math.ceil(this.leaseDurationMs / 1000);
    if (decision.action === 'create' || record === undefined) {
      return this.store.create({ holderIdentity: this.identity, leaseDurationSeconds: durationSeconds, acquireTimeMs: now, renewTimeMs: now, leaseTransitions: 0 });
    }
    if (decision.action === 'renew') return this.store.replace({ ...record, leaseDurationSeconds: durationSeconds, renewTimeMs: now });
    return this.store.replace({
      ...record, holderIdentity: this.identity, leaseDurationSeconds: durationSeconds, acquireTimeMs: now, renewTimeMs: now,
      leaseTransitions: (record.leaseTransitions ?? 0) + 1,
    });
  }

  /** Keeps the local time at which the current version of the record was first seen. */
  private observe(record: LeaseRecord | undefined, now: number): ObservedLease | undefined {
    if (record === undefined) {
      this.observed = undefined;
      return undefined;
    }
    if (this.observed?.resourceVersion !== record.resourceVersion) this.observed = { resourceVersion: record.resourceVersion, atMs: now };
    return { holderIdentity: record.holderIdentity, leaseDurationSeconds: record.leaseDurationSeconds, observedAtMs: this.observed!.atMs };
  }

  /** client-go's release: an empty holder and a 1 s duration, so candidates acquire at their next retry. */
  private async release(): Promise<void> {
    try {
      const record = await this.store.read();
      if (record?.holderIdentity !== this.identity) return;
      const now = this.clock.now();
      const result = await this.store.replace({ ...record, holderIdentity: '', leaseDurationSeconds: 1, acquireTimeMs: now, renewTimeMs: now });
      if (result === 'conflict') this.log.warn('Failed to release lease: it changed meanwhile');
      else this.log.info('Released lease');
    } catch (err) {
      this.log.warn(apiErrorFields(err), 'Failed to release lease; successors wait for it to expire');
    }
  }

  private gain(decision: LeaseDecision): void {
    this.leading = true;
    this.log.info({ how: decision.action === 'acquire' ? `acquire (${decision.reason})` : decision.action }, 'Acquired lease; started leading');
    this.notify('onStartedLeading');
  }

  private lose(reason: string, level: 'info' | 'warn' = 'warn'): void {
    this.leading = false;
    this.disarmDeadline();
    this.log[level]({ reason }, 'Stopped leading');
    this.notify('onStoppedLeading');
  }

  private notify(callback: 'onStartedLeading' | 'onStoppedLeading'): void {
    try {
      this.callbacks?.[callback]();
    } catch (err) {
      this.log.error({ err, callback }, 'Leader election callback failed');
    }
  }
}
