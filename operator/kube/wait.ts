/**
 * Polling with a deadline: the one way this project waits for something to become true.
 * A timeout names what was awaited and the last thing the probe saw, so a failed wait explains itself.
 */

/** What a probe reports: `done` with a value, or not yet, with a note on what it saw this time. */
export type ProbeResult<T> = { done: true; value: T } | { done: false; observed: string };

export const done = <T>(value: T): ProbeResult<T> => ({ done: true, value });
export const notYet = (observed: string): ProbeResult<never> => ({ done: false, observed });

export class WaitTimeoutError extends Error {
  constructor(
    readonly description: string,
    readonly deadlineMs: number,
    readonly lastObserved: string,
  ) {
    super(`Timed out after ${deadlineMs} ms waiting for ${description}; last observed: ${lastObserved}`);
    this.name = 'WaitTimeoutError';
  }
}

/** Raised when `abortIf` says waiting longer is pointless (for example the process being probed has exited). */
export class WaitAbortedError extends Error {
  constructor(
    readonly description: string,
    readonly reason: string,
  ) {
    super(`Gave up waiting for ${description}: ${reason}`);
    this.name = 'WaitAbortedError';
  }
}

export interface WaitOptions {
  /** Pause between probes. @default 100 */
  readonly intervalMs?: number;
  /** Checked before every probe; a returned string aborts the wait with that reason. */
  readonly abortIf?: () => string | undefined;
}

/**
 * Calls `probe` until it reports done or `deadlineMs` has passed. A probe that throws counts as "not yet"
 * (its message becomes the last observation): servers refuse connections until they listen.
 */
export async function waitFor<T>(
  description: string,
  deadlineMs: number,
  probe: () => Promise<ProbeResult<T>>,
  options: WaitOptions = {},
): Promise<T> {
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + deadlineMs;
  let lastObserved = 'nothing (the probe never ran)';
  for (;;) {
    const abortReason = options.abortIf?.();
    if (abortReason !== undefined) throw new WaitAbortedError(description, abortReason);
    try {
      const result = await probe();
      if (result.done) return result.value;
      lastObserved = result.observed;
    } catch (err) {
      lastObserved = `probe failed: ${describeError(err)}`;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new WaitTimeoutError(description, deadlineMs, lastObserved);
    await pause(Math.min(intervalMs, remaining));
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Short text for an unknown thrown value; client errors often carry a `code` worth keeping. */
export function describeError(err: unknown): string {
  let text = String(err);
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    text = code !== undefined ? `${err.message} (${String(code)})` : err.message;
  }
  // client-node's ApiException embeds whole response headers and bodies; keep timeouts readable.
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text;
}

const MAX_ERROR_TEXT = 400;
