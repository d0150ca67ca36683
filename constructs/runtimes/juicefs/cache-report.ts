// What Fluid's JuiceFS engine reads from running JuiceFS mounts and how it turns the text into status figures. Fluid
// does not scrape the Prometheus port (9567); it execs into pods and reads the mount's virtual `.stats` file.
//   cacheStates   `cat <mount>/.stats` in every running pod holding the cache: the workers (<name>-worker,
//                 container juicefs-worker) for the enterprise edition, the fuses (<name>-fuse, container
//                 juicefs-fuse) for community (pkg/ddc/juicefs/cache.go queryCacheStatus, report.go parseMetric)
//   ufsTotal      `df --block-size=1` in the first running worker: the Used column of the mount (ufs_internal.go,
//                 operations/base.go GetUsedSpace), so it is the size of the JuiceFS volume, not of a subpath
//   fileNum       `ls -lR <mount> |grep ^- |wc -l` in the first running worker (operations/base.go GetFileCount)
// <mount> is <root>/juicefs/<ns>/<name>/juicefs-fuse in both pods (utils.go getMountPoint).
import { fuseMountPath, DatasetRef } from '../../object-names';
import { parseQuantity, quantityValue } from '../../quantity';
import {
  CacheFigures,
  CacheStateName,
  excerpt,
  formatBytes,
  Parsed,
  parsedValue,
  parseFailure,
  ratioOrZero,
  UfsFigures,
} from '../cache-figures';
import { FUSE_DIR, RUNTIME_TYPE } from './defaults';

export type JuiceFSEdition = 'community' | 'enterprise';

/**
 * The edition from the `edition` key of the values in ConfigMap <name>-juicefs-values (utils.go GetEdition).
 * Anything but "enterprise", a missing key included, is read as community (report.go, cache.go).
 */
export function juicefsEditionOf(valuesEdition: string | undefined): JuiceFSEdition {
  return valuesEdition === 'enterprise' ? 'enterprise' : 'community';
}

/** Where fuse and workers mount the volume; `mountRoot` is MOUNT_ROOT, '' when unset or invalid. */
export function juicefsMountPath(mountRoot: string, dataset: DatasetRef): string {
  return fuseMountPath(mountRoot, RUNTIME_TYPE, FUSE_DIR, dataset);
}

/** The pods whose `.stats` hold the cache figures, and the container to exec in. */
export function juicefsStatsSource(runtimeName: string, edition: JuiceFSEdition): { kind: 'StatefulSet' | 'DaemonSet'; name: string; container: string } {
  return edition === 'enterprise'
    ? { kind: 'StatefulSet', name: `${runtimeName}-worker`, container: 'juicefs-worker' }
    : { kind: 'DaemonSet', name: `${runtimeName}-fuse`, container: 'juicefs-fuse' };
}

/** ufsTotal and fileNum are read in the first running pod of this StatefulSet, in container juicefs-worker. */
export function juicefsVolumeSource(runtimeName: string): { kind: 'StatefulSet'; name: string; container: string } {
  return { kind: 'StatefulSet', name: `${runtimeName}-worker`, container: 'juicefs-worker' };
}

export function juicefsStatsCommand(mountPath: string): string[] {
  return ['cat', `${mountPath}/.stats`];
}

export const JUICEFS_DF_COMMAND: readonly string[] = ['df', '--block-size=1'];

/** Quotes the path for bash unless it is plain, which it is for Fluid's own mount paths. */
function bashWord(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Counts regular files: every line of `ls -lR` that starts with "-". */
export function juicefsFileCountCommand(mountPath: string): string[] {
  return ['bash', '-c', `ls -lR ${bashWord(mountPath)} |grep ^- |wc -l `];
}

/** The five `.stats` counters Fluid reads, named per edition (const.go). */
const STATS_KEYS = {
  enterprise: { cacheBytes: 'blockcache.bytes', hits: 'blockcache.hits', misses: 'blockcache.miss', hitBytes: 'blockcache.hitBytes', missBytes: 'blockcache.missBytes' },
  community: {
    cacheBytes: 'juicefs_blockcache_bytes',
    hits: 'juicefs_blockcache_hits',
    misses: 'juicefs_blockcache_miss',
    hitBytes: 'juicefs_blockcache_hit_bytes',
    missBytes: 'juicefs_blockcache_miss_bytes',
  },
} as const;
type Counter = keyof (typeof STATS_KEYS)['community'];

export interface JuiceFSCacheCounters {
  readonly cacheBytes: bigint;
  readonly hits: bigint;
  readonly misses: bigint;
  readonly hitBytes: bigint;
  readonly missBytes: bigint;
  /** Counters the file did not list; Fluid counts them as 0. */
  readonly absent: readonly string[];
}

/** Go's ParseFloat on the decimal forms JuiceFS prints ("9708", "973.98", "1e3"). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One pod's `.stats`: "blockcache.bytes: 40757435762" (enterprise) or "juicefs_blockcache_bytes 40757435762"
 * (community) per line. Values are read as floats and truncated, as report.go parseInt64Size does; Fluid reads an
 * unreadable value as 0, here it is a failure.
 */
export function parseJuiceFSStats(stdout: string, edition: JuiceFSEdition): Parsed<JuiceFSCacheCounters> {
  const keys = STATS_KEYS[edition];
  const wanted = new Map<string, Counter>(Object.entries(keys).map(([counter, key]) => [key, counter as Counter]));
  const values: Record<Counter, bigint> = { cacheBytes: 0n, hits: 0n, misses: 0n, hitBytes: 0n, missBytes: 0n };
  const seen = new Set<string>();
  for (const line of stdout.split('\n')) {
    const match = /^([^:\s]*):?\s?(.*)$/.exec(line.trim());
    const counter = match ? wanted.get(match[1]) : undefined;
    if (!match || !counter) continue;
    const text = match[2].trim();
    if (!DECIMAL.test(text)) return parseFailure(`${juicefsStatsCommand('<mount>').join(' ')}`, `${match[1]}: expected a number, got ${excerpt(text)}`);
    values[counter] = BigInt(Math.trunc(Number(text)));
    seen.add(match[1]);
  }
  return parsedValue({ ...values, absent: Object.values(keys).filter((k) => !seen.has(k)) });
}

/**
 * Used bytes of the volume: the third column of the `df --block-size=1` line mounted at `mountPath`. Fluid takes the
 * first line that merely contains the path; the mount column is compared whole here.
 */
export function parseJuiceFSDfUsed(stdout: string, mountPath: string): Parsed<bigint> {
  const fields = stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[f.length - 1] === mountPath);
  if (!fields) return parseFailure('df --block-size=1', `no line for ${mountPath} in ${excerpt(stdout)}`);
  if (fields.length !== 6 || !/^\d+$/.test(fields[2])) {
    return parseFailure('df --block-size=1', `expected "<fs> <size> <used> <avail> <use%> ${mountPath}", got ${excerpt(fields.join(' '))}`);
  }
  return parsedValue(BigInt(fields[2]));
}

/** The one number `ls -lR ... | wc -l` prints. */
export function parseJuiceFSFileCount(stdout: string): Parsed<bigint> {
  const text = stdout.trim();
  if (!/^\d+$/.test(text)) return parseFailure('ls -lR | grep ^- | wc -l', `expected one whole number, got ${excerpt(stdout)}`);
  return parsedValue(BigInt(text));
}

/** Dataset.status.ufsTotal and fileNum of a finished JuiceFS metadata sync (metadata.go syncMetadataInternal). */
export function juicefsUfsFigures(usedBytes: bigint, fileCount: bigint): UfsFigures {
  return { ufsTotalBytes: usedBytes, fileNum: fileCount };
}

/**
 * Cache size of one worker (cache.go): tieredstore.levels[0].quota, rounded up to whole bytes like Quantity.Value(),
 * overridden by worker option cache-size, a whole number of MiB. Undefined when neither is set or the size is 0,
 * where Fluid writes cacheCapacity ''. A cache-size with a unit ("100G") fails, as it fails Fluid's whole query.
 */
export function juicefsWorkerCacheBytes(quota: string | number | undefined, workerCacheSize: string | undefined): Parsed<bigint | undefined> {
  let bytes = 0n;
  if (quota !== undefined) {
    const parsed = parseQuantity(quota);
    if (!parsed) return parseFailure('tieredstore.levels[0].quota', `expected a quantity such as "100Gi", got ${excerpt(String(quota))}`);
    bytes = quantityValue(parsed);
  }
  if (workerCacheSize) {
    if (!/^\d+$/.test(workerCacheSize)) return parseFailure('worker.options.cache-size', `expected a whole number of MiB, got ${excerpt(workerCacheSize)}`);
    bytes = BigInt(workerCacheSize) * 1024n * 1024n;
  }
  return parsedValue(bytes === 0n ? undefined : bytes);
}

export interface JuiceFSCacheInput {
  readonly edition: JuiceFSEdition;
  /** From juicefsWorkerCacheBytes. */
  readonly workerCacheBytes: bigint | undefined;
  /** JuiceFSRuntime.status.workerNumberReady, for either edition. */
  readonly workersReady: number;
  /** Parsed `.stats` of every running pod of juicefsStatsSource; Fluid fails the whole query when one read fails. */
  readonly pods: readonly JuiceFSCacheCounters[];
  /** parseJuiceFSDfUsed of the first worker; undefined when that query failed. */
  readonly usedBytes: bigint | undefined;
}

/**
 * The five cacheStates JuiceFS writes (status.go). Enterprise workers form one cache group, so their caches add up;
 * community fuses each cache the same data, so cached is their average (the percentage uses the average truncated
 * to whole bytes, as Fluid does). cachedPercentage is that cache over the volume's used bytes, "0.0%" when those are
 * 0; the ratios are cumulative hits over hits plus misses, "0.0%" with no reads (cache.go).
 */
export function juicefsCacheFigures(input: JuiceFSCacheInput): CacheFigures {
  const capacity = input.workerCacheBytes === undefined ? undefined : input.workerCacheBytes * BigInt(input.workersReady);
  const cacheCapacity = capacity === undefined ? '' : formatBytes(capacity);
  const missing: { [K in CacheStateName]?: string } = {};
  if (capacity === undefined) missing.cacheCapacity = 'no cache size: tieredstore.levels[0].quota and worker option cache-size are unset or 0';
  if (input.pods.length === 0) {
    const reason = `no running ${juicefsStatsSource('<name>', input.edition).kind} pods to read .stats from`;
    for (const key of ['cached', 'cachedPercentage', 'cacheHitRatio', 'cacheThroughputRatio'] as const) missing[key] = reason;
    return { cacheCapacityBytes: capacity, states: { cacheCapacity, cachedPercentage: '', cached: '', cacheHitRatio: '', cacheThroughputRatio: '' }, missing };
  }
  const sum = (key: Counter): bigint => input.pods.reduce((total, pod) => total + pod[key], 0n);
  const { cachedBytes, cached } = cachedOf(input.edition, sum('cacheBytes'), input.pods.length);
  let cachedPercentage = '';
  if (input.usedBytes === undefined) missing.cachedPercentage = 'the used bytes of the volume (df) are not known';
  else cachedPercentage = ratioOrZero(cachedBytes, input.usedBytes);
  return {
    cachedBytes,
    cacheCapacityBytes: capacity,
    states: {
      cacheCapacity,
      cachedPercentage,
      cached,
      cacheHitRatio: ratioOrZero(sum('hits'), sum('hits') + sum('misses')),
      cacheThroughputRatio: ratioOrZero(sum('hitBytes'), sum('hitBytes') + sum('missBytes')),
    },
    missing,
  };
}

/** Enterprise caches add up; community ones are averaged, written from the exact average, counted truncated. */
function cachedOf(edition: JuiceFSEdition, total: bigint, pods: number): { cachedBytes: bigint; cached: string } {
  if (edition === 'enterprise') return { cachedBytes: total, cached: formatBytes(total) };
  return { cachedBytes: total / BigInt(pods), cached: formatBytes(Number(total) / pods) };
}
