// Kubernetes Events (events.k8s.io/v1) about the objects we manage. Recording an event is a side note to a
// reconcile, never a reason for one to fail, so record() logs failures instead of throwing them. A repeat of a
// recent Event raises its series count instead of adding an object (event-series.ts).
import * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { Clock, systemClock } from '../clock';
import { apiErrorFields, CountApiWrite } from './api-calls';
import { EventSeriesCache, flushDelay, SeriesEntry, seriesKey } from './event-series';
import { KubeApiError, kubeRequest } from './kube-request';
import { objectField } from '../process-logger';

/** reportingController on every Event, as Fluid's controllers set their component name. */
export const REPORTING_CONTROLLER = 'fluid-cdk8s';
/** The API server refuses a longer note (NoteLengthLimit in k8s.io/kubernetes pkg/apis/core/validation/events.go). */
export const NOTE_LIMIT_BYTES = 1024;
/** Object names are DNS subdomains of at most 253 characters. */
const NAME_LIMIT = 253;
/** Cluster-scoped objects get their Events in `default`, as client-go's recorder does. */
const CLUSTER_EVENTS_NAMESPACE = 'default';

export interface EventRegarding {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Absent for cluster-scoped objects. */
  readonly namespace?: string;
  readonly uid?: string;
}

export interface EventSpec {
  readonly type: 'Normal' | 'Warning';
  /** UpperCamelCase, why the action was taken: `MasterReady`, `SpecInvalid`. */
  readonly reason: string;
  /** Human-readable; cut to 1 kB (NOTE_LIMIT_BYTES). */
  readonly note: string;
  /** What was done or failed: `Apply`, `Bind`, `Validate`. */
  readonly action: string;
}

export interface EventRecorderOptions {
  readonly kubeConfig: k8s.KubeConfig;
  /** reportingInstance: this operator process, e.g. the pod name. */
  readonly identity: string;
  readonly logger: Logger;
  /** @default systemClock */
  readonly clock?: Clock;
  readonly countWrite?: CountApiWrite;
  /** Between two writes of one series' count after its first repeat. @default 30 s */
  readonly seriesUpdateIntervalMs?: number;
}

/** client-go refreshes an ongoing series less often (30 min); a count that lags by at most this stays useful. */
export const SERIES_UPDATE_INTERVAL_MS = 30_000;

/** A MicroTime as the apiserver takes it: six fractional digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export class EventRecorder {
  private readonly identity: string;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly countWrite?: CountApiWrite;
  private lastNanos = 0n;
  private readonly kubeConfig: k8s.KubeConfig;
  private readonly series = new EventSeriesCache();
  private readonly seriesUpdateIntervalMs: number;

  constructor(options: EventRecorderOptions) {
    this.kubeConfig = options.kubeConfig;
    this.seriesUpdateIntervalMs = options.seriesUpdateIntervalMs ?? SERIES_UPDATE_INTERVAL_MS;
    this.identity = options.identity;
    this.log = options.logger;
    this.clock = options.clock ?? systemClock;
    this.countWrite = options.countWrite;
  }

  /**
   * Creates the Event, or counts a repeat of one recorded moments ago in its `series` (event-series.ts); resolves to
   * the Event's name, or to undefined when it could not be created (already logged).
   */
  async record(regarding: EventRegarding, event: EventSpec): Promise<string | undefined> {
    const nowMs = this.clock.now();
    const key = seriesKey({ regarding, ...event });
    const seen = this.series.observe(key, nowMs);
    if (seen.kind === 'repeat') {
      this.scheduleSeriesUpdate(key, seen.entry);
      return seen.entry.name;
    }
    const body = eventBody(regarding, event, { name: eventName(regarding.name, this.nextNanos(nowMs)), eventTimeMs: nowMs, reportingInstance: this.identity });
    const fields = { ...objectField(regarding), reason: event.reason };
    // Started before the create is sent, so a repeat recorded meanwhile counts in this series.
    this.series.start(key, body.metadata!.name!, body.metadata!.namespace!, nowMs);
    try {
      this.countWrite?.('create', 'events');
      // kubeRequest, not client-node's EventsV1Api: that opens a TLS connection per call (a handshake per Event).
      await kubeRequest(this.kubeConfig, 'POST', `/apis/events.k8s.io/v1/namespaces/${body.metadata!.namespace!}/events`, body);
      this.log.debug({ ...fields, event: body.metadata!.name }, 'Recorded event');
      return body.metadata!.name;
    } catch (err) {
      this.series.forget(key);
      this.log.warn({ ...fields, ...apiErrorFields(err) }, 'Failed to record event');
      return undefined;
    }
  }

  /**
   * Writes a series' count: the first repeat at once, as client-go does, later ones at most once per
   * seriesUpdateIntervalMs, so a problem met every few seconds costs one patch per interval and no new objects.
   */
  private scheduleSeriesUpdate(key: string, entry: SeriesEntry): void {
    if (entry.flushPending) return;
    entry.flushPending = true;
    const delay = entry.writtenCount === 1 ? 0 : flushDelay(entry, this.clock.now(), this.seriesUpdateIntervalMs);
    if (delay === 0) void this.writeSeries(key, entry);
    else this.clock.setTimeout(() => void this.writeSeries(key, entry), delay);
  }

  private async writeSeries(key: string, entry: SeriesEntry): Promise<void> {
    entry.flushPending = false;
    entry.writtenCount = entry.count;
    entry.lastWrittenMs = this.clock.now();
    const body = { series: { count: entry.count, lastObservedTime: microTime(entry.lastObservedMs) } };
    try {
      this.countWrite?.('patch', 'events');
      await kubeRequest(this.kubeConfig, 'PATCH', `/apis/events.k8s.io/v1/namespaces/${entry.namespace}/events/${entry.name}`, body, 'application/merge-patch+json');
    } catch (err) {
      // Gone (the apiserver keeps Events for an hour): the next occurrence starts a new one.
      this.series.forget(key);
      if (!(err instanceof KubeApiError && err.status === 404)) this.log.warn({ event: entry.name, namespace: entry.namespace, error: err instanceof Error ? err.message : String(err) }, 'Failed to update event series');
    }
  }

  /**
   * client-go names an Event `<name>.<UnixNano in hex>`. We only have milliseconds, so two Events in one
   * millisecond would collide (409); the nanoseconds are made strictly increasing instead.
   */
  private nextNanos(nowMs: number): bigint {
    const nanos = BigInt(nowMs) * 1_000_000n;
    this.lastNanos = nanos > this.lastNanos ? nanos : this.lastNanos + 1n;
    return this.lastNanos;
  }
}

export function eventName(regardingName: string, nanos: bigint): string {
  const suffix = `.${nanos.toString(16)}`;
  return regardingName.slice(0, NAME_LIMIT - suffix.length) + suffix;
}

export interface EventBodyFields {
  readonly name: string;
  readonly eventTimeMs: number;
  readonly reportingInstance: string;
}

export function eventBody(regarding: EventRegarding, event: EventSpec, fields: EventBodyFields): k8s.EventsV1Event {
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: fields.name, namespace: regarding.namespace ?? CLUSTER_EVENTS_NAMESPACE },
    // MicroTime: the API server refuses a plain Date's 3 fractional digits (kubernetes/kubernetes#141204).
    eventTime: new k8s.V1MicroTime(fields.eventTimeMs),
    regarding: { apiVersion: regarding.apiVersion, kind: regarding.kind, name: regarding.name, namespace: regarding.namespace, uid: regarding.uid },
    type: event.type,
    reason: event.reason,
    note: truncateNote(event.note),
    action: event.action,
    reportingController: REPORTING_CONTROLLER,
    reportingInstance: fields.reportingInstance,
  };
}

const ELLIPSIS = '…';

/** Cuts `note` to `limitBytes` of UTF-8, ending in an ellipsis when cut, never inside a character. */
export function truncateNote(note: string, limitBytes = NOTE_LIMIT_BYTES): string {
  if (Buffer.byteLength(note) <= limitBytes) return note;
  const budget = limitBytes - Buffer.byteLength(ELLIPSIS);
  let used = 0;
  let end = 0;
  for (const char of note) {
    const size = Buffer.byteLength(char);
    if (used + size > budget) break;
    used += size;
    end += char.length;
  }
  return note.slice(0, end) + ELLIPSIS;
}
