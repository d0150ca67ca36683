// How JuiceFS DataLoad and DataMigrate read spec.options (pkg/ddc/juicefs/data_load.go, data_migrate.go): `timeout`
// bounds the `juicefs warmup`/`sync` run, every other option is a flag of that command.
import type { OperationFieldError } from '../../operations/operation-contract';

/** Fluid's default bound of one warmup or sync. */
const DEFAULT_TIMEOUT = '30m';

/** One element of a Go duration (time.ParseDuration): a decimal number and a unit. */
const GO_DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;

const SECONDS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds of a non-negative Go duration such as 30m or 1h30m; undefined when Go would refuse it. */
function goDurationSeconds(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  let total = 0;
  for (let at = 0; at < text.length; at = GO_DURATION_PART.lastIndex) {
    GO_DURATION_PART.lastIndex = at;
    const match = GO_DURATION_PART.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * SECONDS[match[2]];
  }
  return total;
}

/**
 * TIMEOUT for coreutils `timeout`, which the scripts run: the user's text when `timeout` reads it as Fluid passes it
 * (one number with s, m or h), else the same length in seconds, since `timeout` refuses 1h30m or 500ms.
 */
export function timeoutOf(options: Readonly<Record<string, string>> | undefined): string {
  const text = options?.timeout || DEFAULT_TIMEOUT;
  if (text === '0' || /^(\d+(\.\d*)?|\.\d+)[smh]$/.test(text)) return text;
  const seconds = goDurationSeconds(text);
  return seconds === undefined ? text : `${Number(seconds.toFixed(3))}s`;
}

/** OPTION: every option but timeout as `--k=v`, or `--k` when empty, sorted so the rendering is stable. */
export function commandFlags(options: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(options ?? {})
    .filter((key) => key !== 'timeout')
    .sort()
    .map((key) => (options![key] === '' ? `--${key}` : `--${key}=${options![key]}`))
    .join(' ');
}

/** The timeout option must be a Go duration, as Fluid's documentation describes it. */
export function timeoutErrors(options: Readonly<Record<string, string>> | undefined): OperationFieldError[] {
  const text = options?.timeout;
  if (text === undefined || text === '' || goDurationSeconds(text) !== undefined) return [];
  return [{ path: 'spec.options.timeout', message: `expected a duration such as 30m or 1h30m, got "${text}"` }];
}
