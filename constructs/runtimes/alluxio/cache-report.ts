// What Fluid's Alluxio engine reads from a running Alluxio and how it turns the text into status figures. Every
// command runs in container alluxio-master of pod <name>-master-0 (pkg/ddc/alluxio/utils.go getMasterPodInfo), with
// stdout trimmed of surrounding whitespace (pkg/utils/kubeclient/exec.go ExecWithOptions).
//   cacheStates        `alluxio fsadmin report summary` + `alluxio fsadmin report metrics` (report.go, cache.go)
//   ufsTotal           `alluxio fs count /`, third column (ufs_internal.go totalStorageBytesInternal)
//   fileNum            Master.FilesCompleted of the metrics report (operations/base.go GetFileCount)
//   hcfs version       `alluxio getConf alluxio.underfs.version` (hcfs.go)
//   UFS mounts         `alluxio fs mount` table, `fs mount` / `fs unmount` (ufs_internal.go)
import { restartedSinceMount } from '../cache-client';
import {
  CacheFigures,
  CacheStateName,
  excerpt,
  ExecTarget,
  formatBytes,
  formatPercentage,
  Parsed,
  parsedValue,
  parseFailure,
  parseHumanSize,
  ratioOrZero,
  ufsTotalBytesOf,
  UfsFigures,
  writtenBytes,
} from '../cache-figures';

export function alluxioMasterTarget(runtimeName: string): ExecTarget {
  return { pod: `${runtimeName}-master-0`, container: 'alluxio-master' };
}

/** Fixed commands (pkg/ddc/alluxio/operations/base.go, conf.go). */
export const ALLUXIO_COMMANDS = {
  /** Readiness check before any mount (Ready); only its exit status counts. */
  report: ['alluxio', 'fsadmin', 'report'],
  summary: ['alluxio', 'fsadmin', 'report', 'summary'],
  metrics: ['alluxio', 'fsadmin', 'report', 'metrics'],
  /** Fluid greps the metrics report in bash; parseAlluxioFilesCompleted reads plain `metrics` output as well. */
  fileCount: ['bash', '-c', 'alluxio fsadmin report metrics | grep Master.FilesCompleted'],
  underFsVersion: ['alluxio', 'getConf', 'alluxio.underfs.version'],
  mountTable: ['alluxio', 'fs', 'mount'],
  /** Mounts the lines of ConfigMap <name>-mount-config, the default mount mode (master/statefulset.yaml). */
  mountScript: ['/etc/fluid/scripts/mount.sh'],
} as const satisfies Record<string, readonly string[]>;

/** `alluxio fs count <path>`: ufsTotal is the byte column of `/`. */
export function alluxioCountCommand(path = '/'): string[] {
  return ['alluxio', 'fs', 'count', path];
}

/** Loads the whole namespace's metadata: run once per metadata sync, without a deadline (metadata.go). */
export function alluxioLoadMetadataCommand(path = '/'): string[] {
  return ['alluxio', 'fs', 'loadMetadata', '-R', path];
}

/** Run before loadMetadata for each local:// or pvc:// mount, at its folder under /underFSStorage (local.go SyncLocalDir). */
export function alluxioLocalDirSyncCommand(localPath: string): string[] {
  return ['du', '-sh', localPath];
}

/**
 * `alluxio fs mount [--readonly] [--shared] [--option k=v]... <alluxioPath> <ufs>` (operations/base.go Mount).
 * Fluid ranges over a Go map, so its option order varies; ours is sorted so the command is stable.
 */
export function alluxioMountCommand(alluxioPath: string, ufs: string, options: Readonly<Record<string, string>>, flags: { readOnly?: boolean; shared?: boolean } = {}): string[] {
  const command = ['alluxio', 'fs', 'mount'];
  if (flags.readOnly) command.push('--readonly');
  if (flags.shared) command.push('--shared');
  for (const key of Object.keys(options).sort()) command.push('--option', `${key}=${options[key]}`);
  return [...command, alluxioPath, ufs];
}

export function alluxioUnmountCommand(alluxioPath: string): string[] {
  return ['alluxio', 'fs', 'unmount', alluxioPath];
}

const SUMMARY = 'alluxio fsadmin report summary';

/** Capacity figures of the summary, in bytes; tiers by medium (MEM, SSD, HDD) as listed under each total. */
export interface AlluxioCapacity {
  readonly totalBytes: bigint;
  readonly usedBytes: bigint;
  readonly tiers: { readonly total: Readonly<Record<string, bigint>>; readonly used: Readonly<Record<string, bigint>> };
}

const CAPACITY_LINE = /^(\w+) Capacity: (.*)$/;
const TIER_LINE = /^Tier: (\S+)\s+Size: (.*)$/;

/**
 * Reads "Total Capacity: 19.07MB" and "Used Capacity: 9.69MB" and the "Tier: MEM  Size: ..." lines under them;
 * Free Capacity is not read, as in Fluid. Alluxio's KB/MB/GB are powers of 1024 (report.go parseReportSummary reads
 * them with FromHumanSize). Fluid leaves a figure empty when its line is missing; here that is a failure.
 */
export function parseAlluxioSummary(stdout: string): Parsed<AlluxioCapacity> {
  const totals: Record<string, bigint> = {};
  const tiers: Record<string, Record<string, bigint>> = { Total: {}, Used: {} };
  let section = '';
  for (const line of stdout.split('\n').map((l) => l.trim())) {
    const capacity = CAPACITY_LINE.exec(line);
    if (capacity) section = capacity[1];
    const tier = capacity ? null : TIER_LINE.exec(line);
    if ((section !== 'Total' && section !== 'Used') || (!capacity && !tier)) continue;
    const label = capacity ? `${section} Capacity` : `${section} Capacity, tier ${tier![1]}`;
    const size = parseHumanSize((capacity ?? tier)![2].trim(), `${SUMMARY}: ${label}`);
    if (!size.ok) return size;
    if (capacity) totals[section] = size.value;
    else tiers[section][tier![1]] = size.value;
  }
  const absent = ['Total', 'Used'].filter((k) => totals[k] === undefined);
  if (absent.length) return parseFailure(SUMMARY, `no ${absent.map((k) => `"${k} Capacity:"`).join(' or ')} line in ${excerpt(stdout)}`);
  return parsedValue({ totalBytes: totals.Total, usedBytes: totals.Used, tiers: { total: tiers.Total, used: tiers.Used } });
}

const METRICS = 'alluxio fsadmin report metrics';

export interface AlluxioReadMetrics {
  /** Cluster.BytesReadLocal, BytesReadRemote and BytesReadUfsAll: bytes read since the master started. */
  readonly bytesRead: { readonly local: bigint; readonly remote: bigint; readonly ufs: bigint };
  /** Cluster.BytesRead{Local,Remote,Ufs}Throughput: bytes per minute. */
  readonly bytesPerMinute: { readonly local: bigint; readonly remote: bigint; readonly ufs: bigint };
  /** Metrics the report did not list; Fluid counts them as 0 (the sample in report_test.go has no BytesReadRemote). */
  readonly absent: readonly string[];
}

type Source = 'local' | 'remote' | 'ufs';
const READ_METRICS: readonly { name: string; kind: 'bytesRead' | 'bytesPerMinute'; source: Source }[] = [
  { name: 'Cluster.BytesReadLocal', kind: 'bytesRead', source: 'local' },
  { name: 'Cluster.BytesReadRemote', kind: 'bytesRead', source: 'remote' },
  { name: 'Cluster.BytesReadUfsAll', kind: 'bytesRead', source: 'ufs' },
  { name: 'Cluster.BytesReadLocalThroughput', kind: 'bytesPerMinute', source: 'local' },
  { name: 'Cluster.BytesReadRemoteThroughput', kind: 'bytesPerMinute', source: 'remote' },
  { name: 'Cluster.BytesReadUfsThroughput', kind: 'bytesPerMinute', source: 'ufs' },
];
/** "(Type: COUNTER, Value: 19.37MB)" and "(Type: GAUGE, Value: 495.97KB/MIN)" (report.go ParseReportMetric). */
const VALUE_OF = { bytesRead: /\(Type:\sCOUNTER,\sValue:\s(.*)\)/, bytesPerMinute: /\(Type:\sGAUGE,\sValue:\s(.*)\/MIN\)/ };

export function parseAlluxioReadMetrics(stdout: string): Parsed<AlluxioReadMetrics> {
  const values = { bytesRead: { local: 0n, remote: 0n, ufs: 0n }, bytesPerMinute: { local: 0n, remote: 0n, ufs: 0n } };
  const seen = new Set<string>();
  for (const line of stdout.split('\n').map((l) => l.trim())) {
    // The name is followed by blanks, so BytesReadLocal does not also match BytesReadLocalThroughput.
    const metric = READ_METRICS.find((m) => line.startsWith(`${m.name} `) || line.startsWith(`${m.name}\t`));
    if (!metric) continue;
    const value = VALUE_OF[metric.kind].exec(line);
    if (!value) return parseFailure(METRICS, `${metric.name}: expected "(Type: ${metric.kind === 'bytesRead' ? 'COUNTER' : 'GAUGE'}, Value: ...)", got ${excerpt(line)}`);
    const size = parseHumanSize(value[1], `${METRICS}: ${metric.name}`);
    if (!size.ok) return size;
    values[metric.kind][metric.source] = size.value;
    seen.add(metric.name);
  }
  return parsedValue({ ...values, absent: READ_METRICS.map((m) => m.name).filter((n) => !seen.has(n)) });
}

/** Fluid reads the metrics at most once a minute and keeps the last ratios in between (const.go cacheHitQueryIntervalMin). */
export const ALLUXIO_METRICS_INTERVAL_MS = 60_000;

export function alluxioMetricsSampleDue(lastSampleAtMs: number | undefined, nowMs: number): boolean {
  return lastSampleAtMs === undefined || nowMs - lastSampleAtMs >= ALLUXIO_METRICS_INTERVAL_MS;
}

type RatioName = Extract<CacheStateName, `${string}Ratio`>;
export interface AlluxioRatios {
  readonly states: { readonly [K in RatioName]: string };
  readonly missing: { readonly [K in RatioName]?: string };
}

const HIT_RATIOS = ['cacheHitRatio', 'localHitRatio', 'remoteHitRatio'] as const;
const THROUGHPUT_RATIOS = ['cacheThroughputRatio', 'localThroughputRatio', 'remoteThroughputRatio'] as const;

function shares(local: bigint, remote: bigint, ufs: bigint): [string, string, string] {
  const total = local + remote + ufs;
  return [ratioOrZero(local + remote, total), ratioOrZero(local, total), ratioOrZero(remote, total)];
}

function allMissing(reason: string): AlluxioRatios {
  const names = [...HIT_RATIOS, ...THROUGHPUT_RATIOS];
  return { states: Object.fromEntries(names.map((n) => [n, ''])) as AlluxioRatios['states'], missing: Object.fromEntries(names.map((n) => [n, reason])) };
}

/**
 * The six ratios of report.go ParseReportMetric. Hit ratios share the bytes read since the previous sample; the
 * throughput ratios share the current per-minute gauges; nothing read gives "0.0%". Fluid writes '' for all six
 * until it has a previous sample, throughput included, and so do we. Where Fluid would print a negative or
 * over-100% share after the counters restarted (master restart), the hit ratios are left out instead.
 */
export function alluxioRatios(current: AlluxioReadMetrics, previous: AlluxioReadMetrics | undefined): AlluxioRatios {
  if (!previous) return allMissing('Fluid reports ratios from the second metrics sample on; this is the first');
  const [throughputCache, throughputLocal, throughputRemote] = shares(current.bytesPerMinute.local, current.bytesPerMinute.remote, current.bytesPerMinute.ufs);
  const throughput = { cacheThroughputRatio: throughputCache, localThroughputRatio: throughputLocal, remoteThroughputRatio: throughputRemote };
  const delta = (s: Source): bigint => current.bytesRead[s] - previous.bytesRead[s];
  if (delta('local') < 0n || delta('remote') < 0n || delta('ufs') < 0n) {
    const reason = 'bytes-read counters went down since the previous sample (Alluxio master restarted?)';
    return { states: { ...allMissing(reason).states, ...throughput }, missing: Object.fromEntries(HIT_RATIOS.map((n) => [n, reason])) };
  }
  const [hitCache, hitLocal, hitRemote] = shares(delta('local'), delta('remote'), delta('ufs'));
  return { states: { cacheHitRatio: hitCache, localHitRatio: hitLocal, remoteHitRatio: hitRemote, ...throughput }, missing: {} };
}

export interface AlluxioCacheInput {
  readonly capacity: AlluxioCapacity;
  /** Dataset.status.ufsTotal as it stands. */
  readonly ufsTotal: string | undefined;
  /** The latest ratios; undefined while no metrics report was ever read (Fluid then writes '' for all six). */
  readonly ratios?: AlluxioRatios;
}

/**
 * All nine cacheStates of AlluxioRuntime (status.go CheckAndUpdateRuntimeStatus). cachedPercentage is cached over
 * ufsTotal, divided before multiplying by 100 as cache.go patchDatasetStatus does; with a ufsTotal of 0 Fluid
 * would write "NaN%" or "+Inf%", here it is left out.
 */
export function alluxioCacheFigures(input: AlluxioCacheInput): CacheFigures {
  const { capacity } = input;
  const ratios = input.ratios ?? allMissing('no metrics report has been read yet');
  const missing: { [K in CacheStateName]?: string } = { ...ratios.missing };
  let cachedPercentage = '';
  const total = ufsTotalBytesOf(input.ufsTotal);
  const cached = writtenBytes(capacity.usedBytes);
  if ('missing' in total) missing.cachedPercentage = total.missing;
  else if (!cached.ok) missing.cachedPercentage = cached.error.message;
  else if (total.bytes === 0n) missing.cachedPercentage = 'Dataset.status.ufsTotal is 0, so no share of it is cached';
  else cachedPercentage = formatPercentage((Number(cached.value) / Number(total.bytes)) * 100);
  return {
    cachedBytes: capacity.usedBytes,
    cacheCapacityBytes: capacity.totalBytes,
    states: { cacheCapacity: formatBytes(capacity.totalBytes), cached: formatBytes(capacity.usedBytes), cachedPercentage, ...ratios.states },
    missing,
  };
}

const COUNT = 'alluxio fs count';

export interface AlluxioCount {
  readonly files: bigint;
  readonly folders: bigint;
  readonly bytes: bigint;
}

/**
 * A header line ("File Count  Folder Count  Folder Size") and one line of three whole numbers (operations/base.go
 * Count, which also refuses negatives).
 */
export function parseAlluxioCount(stdout: string): Parsed<AlluxioCount> {
  const lines = stdout.trim().split('\n');
  if (lines.length !== 2) return parseFailure(COUNT, `expected a header line and a line of counts, got ${excerpt(stdout)}`);
  const fields = lines[1].trim().split(/\s+/);
  if (fields.length !== 3 || !fields.every((f) => /^\d+$/.test(f))) {
    return parseFailure(COUNT, `expected three non-negative whole numbers (files, folders, bytes), got ${excerpt(lines[1])}`);
  }
  const [files, folders, bytes] = fields.map((f) => BigInt(f));
  return parsedValue({ files, folders, bytes });
}

const FILES_COMPLETED = 'Master.FilesCompleted';

/** fileNum: "Master.FilesCompleted  (Type: COUNTER, Value: 6,367,897)" with the thousands commas dropped. */
export function parseAlluxioFilesCompleted(stdout: string): Parsed<bigint> {
  const line = stdout.split('\n').find((l) => l.trim().startsWith(FILES_COMPLETED));
  if (!line) return parseFailure(FILES_COMPLETED, `no ${FILES_COMPLETED} line in ${excerpt(stdout)}`);
  const value = /Value:\s*([\d,]+)\)/.exec(line);
  if (!value || !/^\d{1,3}(,\d{3})*$|^\d+$/.test(value[1])) return parseFailure(FILES_COMPLETED, `expected "(Type: COUNTER, Value: 1,234)", got ${excerpt(line.trim())}`);
  return parsedValue(BigInt(value[1].replace(/,/g, '')));
}

/** Dataset.status.ufsTotal and fileNum of a finished Alluxio metadata sync (metadata.go syncMetadataInternal). */
export function alluxioUfsFigures(count: AlluxioCount, filesCompleted: bigint): UfsFigures {
  return { ufsTotalBytes: count.bytes, fileNum: filesCompleted };
}

/** A property value from `alluxio getConf <key>`; Fluid writes it to Dataset.status.hcfs as printed. */
export function parseAlluxioConfValue(stdout: string, key: string): Parsed<string> {
  const value = stdout.trim();
  if (!value) return parseFailure(`alluxio getConf ${key}`, 'printed nothing');
  if (value.includes('\n')) return parseFailure(`alluxio getConf ${key}`, `expected one line, got ${excerpt(value)}`);
  return parsedValue(value);
}

export interface AlluxioMountEntry {
  readonly ufs: string;
  readonly alluxioPath: string;
}

/** `alluxio fs mount` lists "<ufs>  on  <alluxio path>  (<type>, capacity=..., ...)" per mount. */
export function parseAlluxioMountTable(stdout: string): Parsed<AlluxioMountEntry[]> {
  const entries: AlluxioMountEntry[] = [];
  for (const line of stdout.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === '') continue;
    // Fluid reads the third field of every line and panics on shorter ones (operations/base.go IsMounted).
    if (fields.length < 3 || fields[1] !== 'on') return parseFailure('alluxio fs mount', `expected "<ufs> on <path> (...)", got ${excerpt(line.trim())}`);
    entries.push({ ufs: fields[0], alluxioPath: fields[2] });
  }
  return parsedValue(entries);
}

/** Wanted Alluxio paths the mount table lacks (FindUnmountedAlluxioPaths). */
export function unmountedAlluxioPaths(wanted: readonly string[], table: readonly AlluxioMountEntry[]): string[] {
  const mounted = new Set(table.map((e) => e.alluxioPath));
  return wanted.filter((p) => !mounted.has(p));
}

/**
 * Remount check of ufs.go checkIfRemountRequired: the master container started after status.mountTime, so mounts
 * made by command are gone. Without a mountTime Alluxio never remounts (Jindo does: see jindoRemountDue).
 */
export function alluxioRemountDue(mountTime: Date | undefined, masterStartedAt: Date | undefined): boolean {
  return restartedSinceMount(mountTime, masterStartedAt);
}
