// The pure half of the informer: where a kind is served, the phases a list-watch cycle goes through, and how
// long to wait before restarting one that failed. informer.ts does the I/O and follows these rules.
import { Clock } from '../clock';
import { ExponentialBackoffLimiter } from '../rate-limiter';
import type { ResourceRef } from './server-side-apply';

/** The collection URL of a kind: `/api/v1/...` for the core group, `/apis/<group>/<version>/...` otherwise. */
export function resourcePath(resource: Pick<ResourceRef, 'group' | 'version' | 'plural'>, namespace?: string): string {
  const root = resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  return namespace === undefined ? `${root}/${resource.plural}` : `${root}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}`;
}

/**
 * Where the informer is. client-node's ListWatch knows none of this: it reports `connect` before each cycle and
 * `error` when it has stopped for good, and informer.ts infers the rest.
 */
export enum InformerPhase {
  /** Not started, or started again after stop(). */
  IDLE = 'Idle',
  /** Listing (when there is no resourceVersion to resume from) and opening a watch. */
  CONNECTING = 'Connecting',
  /** A watch stream is open; the cache follows the server. */
  WATCHING = 'Watching',
  /** ListWatch stopped on an error; a restart is scheduled. */
  BACKING_OFF = 'BackingOff',
  STOPPED = 'Stopped',
}

/** What happened; each event is one log line. */
export enum InformerEvent {
  START = 'start',
  /** ListWatch began a cycle: after a start, a restart, or a watch that ended (timeout, server close, 410). */
  CONNECT = 'connect',
  WATCH_OPENED = 'watchOpened',
  ERROR = 'error',
  RESTART = 'restart',
  STOP = 'stop',
}

/** The phase after `event`; an event that makes no sense in `phase` leaves it unchanged. */
export function nextPhase(phase: InformerPhase, event: InformerEvent): InformerPhase {
  if (event === InformerEvent.STOP) return InformerPhase.STOPPED;
  if (event === InformerEvent.START) return phase === InformerPhase.IDLE || phase === InformerPhase.STOPPED ? InformerPhase.CONNECTING : phase;
  // After stop(), late callbacks from the aborted stream must not bring the informer back to life.
  if (phase === InformerPhase.IDLE || phase === InformerPhase.STOPPED) return phase;
  switch (event) {
    case InformerEvent.CONNECT:
      return phase === InformerPhase.BACKING_OFF ? phase : InformerPhase.CONNECTING;
    case InformerEvent.WATCH_OPENED:
      return phase === InformerPhase.CONNECTING ? InformerPhase.WATCHING : phase;
    case InformerEvent.ERROR:
      return InformerPhase.BACKING_OFF;
    case InformerEvent.RESTART:
      return phase === InformerPhase.BACKING_OFF ? InformerPhase.CONNECTING : phase;
  }
}

export function isRunning(phase: InformerPhase): boolean {
  return phase !== InformerPhase.IDLE && phase !== InformerPhase.STOPPED;
}

/**
 * After client-go's reflector backoff (tools/cache/reflector.go: 800 ms doubling to 30 s, with as much jitter again,
 * forgotten after 2 minutes without an error), but capped at 8 s, jitter included, with up to a quarter more: after an apiserver outage the
 * caches must follow again within seconds, not up to a minute later, and a restart is one list or watch request per
 * informer, which an apiserver that is back can take every few seconds.
 */
export const RESTART_BACKOFF = { baseDelayMs: 800, maxDelayMs: 8_000, jitter: 0.25, resetAfterMs: 120_000 } as const;

export interface RestartScheduleOptions {
  readonly clock: Clock;
  /** @default 800 */
  readonly baseDelayMs?: number;
  /** @default 8000 */
  readonly maxDelayMs?: number;
  /** @default 0.25 */
  readonly jitter?: number;
  /** A quiet stretch this long forgets earlier failures. @default 120000 */
  readonly resetAfterMs?: number;
  /** @default Math.random */
  readonly random?: () => number;
}

/** Delays between restarts of one informer. */
export class RestartSchedule {
  private readonly backoff: ExponentialBackoffLimiter<'restart'>;
  private readonly clock: Clock;
  private readonly resetAfterMs: number;
  private lastFailureMs?: number;

  constructor(options: RestartScheduleOptions) {
    this.clock = options.clock;
    this.resetAfterMs = options.resetAfterMs ?? RESTART_BACKOFF.resetAfterMs;
    this.backoff = new ExponentialBackoffLimiter({
      baseDelayMs: options.baseDelayMs ?? RESTART_BACKOFF.baseDelayMs,
      maxDelayMs: options.maxDelayMs ?? RESTART_BACKOFF.maxDelayMs,
      jitter: options.jitter ?? RESTART_BACKOFF.jitter,
      random: options.random,
    });
  }

  /**
   * Milliseconds until the next restart after a failure now. A failure long after the previous one starts the
   * schedule over: resetting on success instead would retry at the base delay forever when a watch opens and
   * then fails at once.
   */
  nextDelay(): number {
    const now = this.clock.now();
    if (this.lastFailureMs !== undefined && now - this.lastFailureMs >= this.resetAfterMs) this.backoff.forget('restart');
    this.lastFailureMs = now;
    return this.backoff.when('restart');
  }

  /** Failures counted since the schedule last started over. */
  failures(): number {
    return this.backoff.numRequeues('restart');
  }
}
