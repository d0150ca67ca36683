// A Clock that moves only when a test says so. Timers fire in due order; between two timers the promise
// queue is drained, so async code woken by one timer (a reconcile, a requeue) settles before the next fires.
import { Clock } from '../../operator/clock';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly fn: () => void;
}

export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Timers not yet fired. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /** Due time of the earliest timer, relative to now; undefined when none is pending. */
  nextTimerInMs(): number | undefined {
    const next = this.earliest();
    return next === undefined ? undefined : next.at - this.current;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way (also ones set meanwhile). */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    await settle();
    for (let next = this.earliest(); next !== undefined && next.at <= end; next = this.earliest()) {
      this.timers = this.timers.filter((t) => t !== next);
      this.current = next.at;
      next.fn();
      await settle();
    }
    this.current = end;
  }

  private earliest(): Timer | undefined {
    // Ties fire in the order they were set, as Node's timers do.
    return this.timers.reduce<Timer | undefined>((a, t) => (a === undefined || t.at < a.at || (t.at === a.at && t.id < a.id) ? t : a), undefined);
  }
}

/** Lets every pending promise continuation run: setImmediate fires only after the microtask queue is empty. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
