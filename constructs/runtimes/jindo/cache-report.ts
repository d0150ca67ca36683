// What Fluid's Jindo engines read from a running JindoCache (default engine jindocache; jindofsx on request,
// pkg/utils/jindo/jindo.go) and how they turn it into status figures. Every command runs in container jindofs-master
// of pod <name>-jindofs-master-0 (pkg/ddc/jindocache/utils.go getMasterPodInfo; jindofsx/utils.go the same).
//   cacheStates    `jindocache -report` (jindocache/operations/base.go ReportSummary, cache.go queryCacheStatus)
//   ufsTotal       `jindo fs -count jindo://<path>` per mount, summed, only with controller env QUERY_UFS_TOTAL=true
//                  (chart runtime.jindo.queryUfsTotal, default true; utils.go, metadata.go); fileNum is never set
//   UFS mounts     `jindocache -mount` table / `jindocache -mount <path> <ufs>`, then the cacheset check
//                  `-listCacheSet` / `-refreshCacheSet` (ufs_internal.go, ufs.go)
import { restartedSinceMount } from '../cache-client';
import { unifiedNamespacePath } from '../ufs-namespace';
import type { Mount } from '../../../crds/schema/common/mount';
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
  ufsTotalBytesOf,
  UfsFigures,
  writtenBytes,
} from '../cache-figures';
import { localStoragePath } from './mounts';

export type JindoEngineImpl = 'jindocache' | 'jindofsx';

export function jindoMasterTarget(runtimeName: string): ExecTarget {
  return { pod: `${runtimeName}-jindofs-master-0`, container: 'jindofs-master' };
}

/** Fixed commands of each engine (jindocache/operations/base.go, cached.go; jindofsx/operations/base.go). */
export const JINDO_COMMANDS = {
  jindocache: {
    /** Also the readiness check before mounting (Ready). */
    report: ['jindocache', '-report'],
    mountTable: ['jindocache', '-mount'],
    listCacheSet: ['jindocache', '-listCacheSet'],
    /** Loads /cacheset.xml, rendered from the mounts' cacheStrategy options, into the master. */
    refreshCacheSet: ['jindocache', '-refreshCacheSet', '-path', '/cacheset.xml'],
    formatCache: ['jindocache', '-formatCache'],
  },
  jindofsx: {
    report: ['jindo', 'fs', '-report'],
    mountTable: ['jindo', 'admin', '-mount'],
  },
} as const satisfies Record<JindoEngineImpl, Record<string, readonly string[]>>;

/** Where a mount appears in Jindo's namespace. */
export const jindoNamespacePath = unifiedNamespacePath;

/**
 * `jindocache -mount <path> <ufs>` (`jindo admin -mount` for jindofsx). A pvc:// mount is handed over as
 * local://<where the claim is mounted in the master> (ufs_internal.go mountUFS).
 */
export function jindoMountCommand(mount: Mount, engine: JindoEngineImpl = 'jindocache'): string[] {
  const source = mount.mountPoint.startsWith('pvc://') ? `local://${localStoragePath(mount)}` : mount.mountPoint;
  return [...JINDO_COMMANDS[engine].mountTable, jindoNamespacePath(mount), source];
}

/** Byte count of one mount: `jindo fs -count jindo://<path>` (`hadoop fs -count` for jindofsx; utils.go TotalJindoStorageBytes). */
export function jindoCountCommand(mount: Mount, engine: JindoEngineImpl = 'jindocache'): string[] {
  return [engine === 'jindocache' ? 'jindo' : 'hadoop', 'fs', '-count', `jindo://${jindoNamespacePath(mount)}`];
}

/** jindocache treats a failed mount whose output says this as done (operations/base.go Mount); jindofsx does not. */
export function jindoMountAlreadyExists(stdout: string): boolean {
  return stdout.includes('Mount point already exists');
}

/** The cacheset is loaded once `-listCacheSet` prints a cacheStrategy (operations/base.go IsRefreshed). */
export function jindoCacheSetLoaded(stdout: string): boolean {
  return stdout.split('\n').some((line) => line.includes('cacheStrategy'));
}

/** Paths of the mount table: the third field of each line; lines with fewer fields are skipped, as in IsMounted. */
export function parseJindoMountTable(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length > 2)
    .map((fields) => fields[2]);
}

export interface JindoRemountInput {
  readonly masterDisabled: boolean;
  /** Status of container jindofs-master in pod <name>-jindofs-master-0; undefined when the pod lists none. */
  readonly masterContainer?: { readonly startedAt?: Date };
  /** JindoRuntime.status.mountTime. */
  readonly mountTime?: Date;
}

/**
 * ufs.go ShouldSyncDatasetMounts: remount every Dataset mount, reload the cacheset and stamp status.mountTime
 * when no mountTime was ever written or the master container started after it. A master container that is listed
 * but not running (no startedAt) is checked again on a later sync. jindofsx never remounts.
 */
export function jindoRemountDue(input: JindoRemountInput): boolean {
  if (input.masterDisabled) return false;
  if (input.masterContainer && input.masterContainer.startedAt === undefined) return false;
  if (input.mountTime === undefined) return true;
  return restartedSinceMount(input.mountTime, input.masterContainer?.startedAt);
}

const REPORT = 'jindocache -report';

export interface JindoCapacity {
  readonly totalBytes: bigint;
  readonly usedBytes: bigint;
}

/**
 * Capacity and use of the first tier's medium: "Total MEM Capacity:" / "Used MEM Capacity:" when
 * tieredstore.levels[0].mediumtype is MEM, else "Total Disk Capacity:" / "Used Disk Capacity:" (cache.go, const.go).
 * Sizes like "250.38GB" are powers of 1024. Fluid keeps the last of repeated lines and leaves a missing one empty;
 * here a missing line is a failure.
 */
export function parseJindoReport(stdout: string, memoryTier: boolean): Parsed<JindoCapacity> {
  const medium = memoryTier ? 'MEM' : 'Disk';
  const labels = { total: `Total ${medium} Capacity: `, used: `Used ${medium} Capacity: ` };
  const found: { total?: bigint; used?: bigint } = {};
  for (const line of stdout.split('\n').map((l) => l.trim())) {
    for (const key of ['total', 'used'] as const) {
      if (!line.startsWith(labels[key])) continue;
      const size = parseHumanSize(line.slice(labels[key].length).trim(), `${REPORT}: ${labels[key].trim()}`);
      if (!size.ok) return size;
      found[key] = size.value;
    }
  }
  if (found.total === undefined || found.used === undefined) {
    const absent = (['total', 'used'] as const).filter((k) => found[k] === undefined).map((k) => `"${labels[k].trim()}"`);
    return parseFailure(REPORT, `no ${absent.join(' or ')} line in ${excerpt(stdout)}`);
  }
  return parsedValue({ totalBytes: found.total, usedBytes: found.used });
}

/**
 * The three cacheStates Jindo writes (status.go). cachedPercentage is cached over ufsTotal, 0 when ufsTotal is 0,
 * and capped at 100% because Jindo counts whole blocks, so a fully cached dataset can exceed its size (cache.go).
 */
export function jindoCacheFigures(capacity: JindoCapacity, ufsTotal: string | undefined): CacheFigures {
  const missing: { [K in CacheStateName]?: string } = {};
  let cachedPercentage = '';
  const total = ufsTotalBytesOf(ufsTotal);
  const cached = writtenBytes(capacity.usedBytes);
  if ('missing' in total) missing.cachedPercentage = total.missing;
  else if (!cached.ok) missing.cachedPercentage = cached.error.message;
  else {
    const share = total.bytes === 0n ? 0 : Number(cached.value) / Number(total.bytes);
    cachedPercentage = formatPercentage(Math.min(share, 1) * 100);
  }
  return {
    cachedBytes: capacity.usedBytes,
    cacheCapacityBytes: capacity.totalBytes,
    states: { cacheCapacity: formatBytes(capacity.totalBytes), cachedPercentage, cached: formatBytes(capacity.usedBytes) },
    missing,
  };
}

export interface JindoCount {
  readonly directories: bigint;
  readonly files: bigint;
  readonly bytes: bigint;
}

/**
 * `jindo fs -count` prints "<dirs> <files> <bytes> <path>" like `hadoop fs -count`; Fluid takes the third field of
 * the output (operations/base.go GetUfsTotalSize). The last line is read, so log lines printed before it do not count.
 */
export function parseJindoCount(stdout: string): Parsed<JindoCount> {
  const lines = stdout.trim().split('\n');
  const fields = lines[lines.length - 1].trim().split(/\s+/);
  if (fields.length < 3 || !fields.slice(0, 3).every((f) => /^\d+$/.test(f))) {
    return parseFailure('jindo fs -count', `expected "<dirs> <files> <bytes> <path>", got ${excerpt(stdout)}`);
  }
  const [directories, files, bytes] = fields.slice(0, 3).map((f) => BigInt(f));
  return parsedValue({ directories, files, bytes });
}

/**
 * ufsTotal of a Jindo metadata sync: the mounts' bytes summed. Fluid skips a mount whose count fails and sums the
 * rest; here a failed mount fails the total, so a partial sum is never written as the dataset's size. fileNum stays
 * unset: Fluid writes "[Calculating]" when the sync starts and never replaces it.
 */
export function jindoUfsFigures(counts: readonly Parsed<JindoCount>[]): Parsed<UfsFigures> {
  let bytes = 0n;
  for (const count of counts) {
    if (!count.ok) return count;
    bytes += count.value.bytes;
  }
  return parsedValue({ ufsTotalBytes: bytes });
}
