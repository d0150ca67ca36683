// Unwrapping a parser's Parsed<T> in tests: the value, or the failure a test expects.
import type { CacheReportError, Parsed } from '../../constructs/runtimes/cache-figures';

/** The parsed value; a failure is thrown, so the test shows the parser's own message. */
export function value<T>(r: Parsed<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

/** The failure; a value is an error naming what was parsed instead. */
export function failure<T>(r: Parsed<T>): CacheReportError {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  return r.error;
}
