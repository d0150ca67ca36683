// Whether the API server answers, told once per change. While it is down every informer, the lease and every
// reconcile fail for the same reason, again and again with backoff; a line for each failure would bury the one fact
// (hundreds of lines a minute). So the first failure that shows the server unreachable is logged with its cause
// (ECONNREFUSED ...), the others at debug, and the first answer after it says the server is back and for how long
// it was gone.
import * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { Clock, systemClock } from '../clock';
import { KubeApiError } from './kube-request';

/** Socket errors that mean no answer came (Node's net/http, and undici's under fetch). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ERR_STREAM_PREMATURE_CLOSE',
]);
/** Answers of an apiserver that runs but does not serve yet (429 "storage is (re)initializing" while starting). */
const UNAVAILABLE_STATUS = new Set([429, 503]);

/**
 * The cause when `err` says the API server could not be reached or is not serving, e.g.
 * `connect ECONNREFUSED 127.0.0.1:6443`; undefined for any other failure (a 409, a 422 ...). fetch wraps the socket
 * error in `cause`, sometimes twice, so the chain is followed.
 */
export function unreachableCause(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return typeof e.message === 'string' && e.message.includes(e.code) ? e.message : `${e.code} ${String(e.message ?? '')}`.trim();
    const status = current instanceof k8s.ApiException ? current.code : current instanceof KubeApiError ? current.status : undefined;
    if (status !== undefined) return UNAVAILABLE_STATUS.has(status) ? `HTTP ${status}` : undefined;
    current = e.cause;
  }
  return undefined;
}

export class ApiReachability {
  private readonly log: Logger;
  private readonly clock: Clock;
  private downSinceMs?: number;
  private failures = 0;

  constructor(logger: Logger, clock: Clock = systemClock) {
    this.log = logger;
    this.clock = clock;
  }

  get reachable(): boolean {
    return this.downSinceMs === undefined;
  }

  /**
   * Notes a failed call by `source` (a path, "lease"). True when the failure is the server being unreachable, which
   * is now reported: the caller then logs its own line at debug. False for any other failure, the caller's to report.
   */
  failed(err: unknown, source: string): boolean {
    const cause = unreachableCause(err);
    if (cause === undefined) return false;
    this.failures++;
    if (this.downSinceMs === undefined) {
      this.downSinceMs = this.clock.now();
      this.failures = 1;
      this.log.warn({ cause, source }, 'Lost connection to the API server; retrying with backoff');
    }
    return true;
  }

  /** A call got a proper answer: after an outage, says so once. */
  answered(source: string): void {
    if (this.downSinceMs === undefined) return;
    const downMs = this.clock.now() - this.downSinceMs;
    this.downSinceMs = undefined;
    this.log.info({ source, downMs, failedCalls: this.failures }, 'Reconnected to the API server');
  }
}
