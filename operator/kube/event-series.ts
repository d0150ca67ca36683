// Which Events are repeats, after client-go's event correlators (tools/record/events_cache.go keys repeats by
// source, object, type, reason and message; tools/events/event_broadcaster.go counts them in the Event's `series`).
// A reconcile that meets the same problem every few seconds (a Dataset held by a pod, a refused object) would
// otherwise leave one Event object per attempt. Pure bookkeeping on a clock; events.ts does the writing.

/** A series ends when nothing was observed for this long; the next occurrence starts a new Event (client-go: 6 min). */
export const SERIES_IDLE_MS = 6 * 60_000;
/** Series kept at most; the least recently observed goes first (client-go's LRU holds 4096). */
export const SERIES_CACHE_SIZE = 4096;

export interface SeriesEntry {
  /** The Event that stands for the series. */
  readonly name: string;
  readonly namespace: string;
  /** Occurrences so far, the first included. */
  count: number;
  lastObservedMs: number;
  /** The count the apiserver has; below `count` while an update is pending. */
  writtenCount: number;
  lastWrittenMs: number;
  /** A deferred update is scheduled. */
  flushPending: boolean;
}

export type Observation = { readonly kind: 'new' } | { readonly kind: 'repeat'; readonly entry: SeriesEntry };

export class EventSeriesCache {
  private readonly entries = new Map<string, SeriesEntry>();

  constructor(private readonly idleMs = SERIES_IDLE_MS, private readonly size = SERIES_CACHE_SIZE) {}

  /** Counts an occurrence of `key`: a repeat of a live series, or a new one for the caller to create and `start`. */
  observe(key: string, nowMs: number): Observation {
    const entry = this.entries.get(key);
    if (!entry || nowMs - entry.lastObservedMs >= this.idleMs) {
      this.entries.delete(key);
      return { kind: 'new' };
    }
    entry.count += 1;
    entry.lastObservedMs = nowMs;
    // Map order is insertion order: moving the key to the end keeps the least recently observed first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { kind: 'repeat', entry };
  }

  /** Records the Event created for a new series. */
  start(key: string, name: string, namespace: string, nowMs: number): SeriesEntry {
    const entry: SeriesEntry = { name, namespace, count: 1, lastObservedMs: nowMs, writtenCount: 1, lastWrittenMs: nowMs, flushPending: false };
    this.entries.set(key, entry);
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  /** The series' Event is gone (it could not be created, or it expired): the next occurrence creates one. */
  forget(key: string): void {
    this.entries.delete(key);
  }
}

/** The fields that make two Events the same occurrence (client-go's getEventKey, with the reporting instance). */
export function seriesKey(e: { regarding: { kind: string; namespace?: string; name: string; uid?: string }; type: string; reason: string; action: string; note: string }): string {
  return JSON.stringify([e.regarding.kind, e.regarding.namespace ?? '', e.regarding.name, e.regarding.uid ?? '', e.type, e.reason, e.action, e.note]);
}

/** Milliseconds until the pending count may be written: at most one series update per `intervalMs`. */
export function flushDelay(entry: SeriesEntry, nowMs: number, intervalMs: number): number {
  return Math.max(0, entry.lastWrittenMs + intervalMs - nowMs);
}
