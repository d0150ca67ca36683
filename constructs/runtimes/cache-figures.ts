// The cache figures Fluid's engines write: runtime.status.cacheStates (copied as is to Dataset.status.cacheStates by
// UpdateCacheOfDataset in pkg/ddc/*/dataset.go), Dataset.status.ufsTotal and fileNum, and the dataset_ufs_* gauges.
// Engines parse their own command output (alluxio/, jindo/, juicefs/ cache-report.ts); this file holds the result
// types and the two text formats all of them share: sizes like "2.00GiB" (pkg/utils/byte_size.go BytesSize) and
// percentages like "12.5%" (the "%.1f%%" format in pkg/ddc/{alluxio,jindocache,juicefs}/cache.go).
// Everything here is pure: no exec, no clock.

/** Keys of cacheStates (pkg/common/types.go); Fluid also declares lowWaterMark, highWaterMark, nonCacheable, unused. */
export const CACHE_STATE_NAMES = [
  'cached',
  'cacheCapacity',
  'cachedPercentage',
  'cacheHitRatio',
  'localHitRatio',
  'remoteHitRatio',
  'cacheThroughputRatio',
  'localThroughputRatio',
  'remoteThroughputRatio',
] as const;
export type CacheStateName = (typeof CACHE_STATE_NAMES)[number];
export type CacheStates = { readonly [K in CacheStateName]?: string };

/** Dataset.status.ufsTotal and fileNum while a metadata sync runs (metadataSyncNotDoneMsg in each engine's const.go). */
export const METADATA_SYNC_NOT_DONE = '[Calculating]';

/** The pod and container Fluid execs a query in. */
export interface ExecTarget {
  readonly pod: string;
  readonly container: string;
}

/** Output of an engine command that does not say what we expected; `source` names the command. */
export class CacheReportError extends Error {
  override readonly name = 'CacheReportError';
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`${source}: ${reason}`);
  }
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CacheReportError };

export function parsedValue<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function parseFailure(source: string, reason: string): { readonly ok: false; readonly error: CacheReportError } {
  return { ok: false, error: new CacheReportError(source, reason) };
}

/** A line for error messages: long output is cut, so an error never carries a whole report. */
export function excerpt(text: string, max = 120): string {
  const oneLine = JSON.stringify(text);
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 4)}..."`;
}

/**
 * What one cache query yields. `states` holds exactly the keys the engine writes, with '' where Fluid writes ''
 * (Fluid always sets its keys, even when it could not compute them); `missing` says why each '' is empty.
 */
export interface CacheFigures {
  readonly cachedBytes?: bigint;
  readonly cacheCapacityBytes?: bigint;
  readonly states: CacheStates;
  readonly missing: { readonly [K in CacheStateName]?: string };
}

/** What a finished metadata sync yields; undefined means Fluid does not write that field. */
export interface UfsFigures {
  readonly ufsTotalBytes?: bigint;
  readonly fileNum?: bigint;
}

/** Dataset.status fields a finished metadata sync writes (metadata.go syncMetadataInternal of each engine). */
export function ufsStatusOf(figures: UfsFigures): { ufsTotal?: string; fileNum?: string } {
  return {
    ...(figures.ufsTotalBytes === undefined ? {} : { ufsTotal: formatBytes(figures.ufsTotalBytes) }),
    ...(figures.fileNum === undefined ? {} : { fileNum: figures.fileNum.toString() }),
  };
}

/**
 * dataset_ufs_total_size and dataset_ufs_file_num as Fluid sets them (pkg/ddc/base/metadata_sync.go
 * RecordDatasetMetrics): read back from the status strings, so the size gauge carries the rounding of "x.xxGiB".
 * A field that is empty or unreadable sets no gauge, as in Fluid.
 */
export function datasetGaugeValues(status: { readonly ufsTotal?: string; readonly fileNum?: string }): { ufsTotalSize?: number; fileNum?: number } {
  const size = status.ufsTotal ? parseHumanSize(status.ufsTotal) : undefined;
  const files = status.fileNum && /^\d+$/.test(status.fileNum) ? Number(status.fileNum) : undefined;
  return { ...(size?.ok ? { ufsTotalSize: Number(size.value) } : {}), ...(files === undefined ? {} : { fileNum: files }) };
}

const float64 = new DataView(new ArrayBuffer(8));

/** A finite double as mantissa * 2^exponent, exactly. */
function exactBinary(value: number): { negative: boolean; mantissa: bigint; exponent: number } {
  float64.setFloat64(0, value);
  const high = float64.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(float64.getUint32(4));
  if (biased !== 0) mantissa |= 1n << 52n;
  return { negative: high >>> 31 === 1, mantissa, exponent: (biased === 0 ? 1 : biased) - 1075 };
}

/**
 * Go's fmt "%.<digits>f": the double's exact value rounded half to even (strconv/ftoa.go bigFtoa, decimal.go
 * shouldRoundUp). Number.prototype.toFixed rounds exact halves up instead, so 0.125 would give "0.13" where Go, and
 * therefore Fluid, writes "0.12".
 */
export function formatGoFixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`formatGoFixed: ${value} is not a finite number`);
  if (!Number.isInteger(digits) || digits < 0 || digits > 100) throw new RangeError(`formatGoFixed: ${digits} digits is not between 0 and 100`);
  const { negative, mantissa, exponent } = exactBinary(value);
  const scaled = mantissa * 10n ** BigInt(digits);
  let units: bigint;
  if (exponent >= 0) {
    units = scaled << BigInt(exponent);
  } else {
    const shift = BigInt(-exponent);
    units = scaled >> shift;
    const remainder = scaled - (units << shift);
    const half = 1n << (shift - 1n);
    if (remainder > half || (remainder === half && (units & 1n) === 1n)) units += 1n;
  }
  const text = units.toString().padStart(digits + 1, '0');
  const body = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative ? `-${body}` : body;
}

/** Fluid's own unit list, up to YiB (pkg/utils/byte_size.go binaryAbbrs). */
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] as const;

/**
 * utils.BytesSize: divide by 1024 while the value is at least 1024, then "%.2f" and the unit, e.g. "19.07MiB",
 * "0.00B", "1024.00YiB" (go-units CustomSize). Used for cached, cacheCapacity and ufsTotal. A bigint is converted to
 * the nearest double first, as Go's float64(int64) does.
 */
export function formatBytes(bytes: bigint | number): string {
  let size = typeof bytes === 'bigint' ? Number(bytes) : bytes;
  if (!Number.isFinite(size)) throw new RangeError(`formatBytes: ${size} is not a finite number of bytes`);
  let unit = 0;
  while (size >= 1024 && unit < BINARY_UNITS.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${formatGoFixed(size, 2)}${BINARY_UNITS[unit]}`;
}

/** "%.1f%%" of a value already in percent, e.g. 38.66 -> "38.7%": cachedPercentage and every ratio. */
export function formatPercentage(percent: number): string {
  return `${formatGoFixed(percent, 1)}%`;
}

/** part * 100 / whole in doubles, in the order Fluid computes hit ratios (float64(a)*100.0/float64(b)). */
export function percentOf(part: bigint, whole: bigint): number {
  return (Number(part) * 100) / Number(whole);
}

/** A ratio as Fluid writes it: "0.0%" when nothing was read at all (pkg/ddc/alluxio/report.go, juicefs/cache.go). */
export function ratioOrZero(part: bigint, whole: bigint): string {
  return whole === 0n ? formatPercentage(0) : formatPercentage(percentOf(part, whole));
}

/**
 * Dataset.status.ufsTotal as bytes for cachedPercentage. Alluxio and Jindo compute no percentage while it is empty
 * or "[Calculating]" (pkg/ddc/alluxio/cache.go patchDatasetStatus, pkg/ddc/jindocache/cache.go queryCacheStatus).
 */
export function ufsTotalBytesOf(ufsTotal: string | undefined): { readonly bytes: bigint } | { readonly missing: string } {
  if (!ufsTotal) return { missing: 'Dataset.status.ufsTotal is not known yet' };
  if (ufsTotal === METADATA_SYNC_NOT_DONE) return { missing: 'the metadata sync that sets Dataset.status.ufsTotal is still running' };
  const total = parseHumanSize(ufsTotal, 'Dataset.status.ufsTotal');
  return total.ok ? { bytes: total.value } : { missing: total.error.message };
}

/**
 * The cached bytes Fluid divides by ufsTotal: it parses its own "9.69MiB" back (cache.go), so the percentage carries
 * the rounding of the written size. Copied so that our percentages match Fluid's to the last digit.
 */
export function writtenBytes(bytes: bigint): Parsed<bigint> {
  // FromHumanSize knows no E, Z or Y prefix, so a cache of 1EiB or more cannot be read back, in Fluid either.
  return parseHumanSize(formatBytes(bytes), 'cached size as written');
}

/** utils.FromHumanSize's grammar: a number, an optional space, one of k m g t p (any case), optional i, optional b. */
const HUMAN_SIZE = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/;
const POWERS: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5 };

/**
 * utils.FromHumanSize (pkg/utils/byte_size.go): every unit is binary, so Alluxio's and Jindo's "19.07MB" and Fluid's
 * own "19.07MiB" both mean 19.07 * 2^20 bytes, truncated to whole bytes. Fluid ignores its error and uses -1; here an
 * unreadable size is a failure.
 */
export function parseHumanSize(text: string, source = 'size'): Parsed<bigint> {
  const match = HUMAN_SIZE.exec(text);
  const number = match ? Number(match[1]) : NaN;
  if (!match || !Number.isFinite(number)) {
    return parseFailure(source, `expected a size such as "19.07MB" or "2.00GiB", got ${excerpt(text)}`);
  }
  const power = match[2] ? POWERS[match[2].toLowerCase()] : 0;
  const bytes = Math.trunc(number * 1024 ** power);
  // Go's int64 conversion turns these into nonsense; 8EiB is far beyond any cache or dataset Fluid reports.
  if (bytes >= 2 ** 63) return parseFailure(source, `${excerpt(text)} is 8EiB or more, beyond what Fluid can hold`);
  return parsedValue(BigInt(bytes));
}
