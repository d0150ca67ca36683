// Time as a dependency: the work queue, rate limiters, informer restarts and leader election read `now` and
// set timers only through a Clock, so unit tests drive time by hand (controller-runtime's priority queue keeps
// `now` and `tick` as swappable fields for the same reason).

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once after `ms`; the handle is opaque and only good for `clearTimeout` on the same clock. */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Wall-clock time. Timers are unref'd: a pending requeue or restart must not keep a process alive once its
 * servers and watches have closed (jest waits for exactly that).
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
