// JuiceFS's cache figures from the `.stats`, df and file-count outputs in Fluid's own tests
// (pkg/ddc/juicefs/report_test.go, cache_test.go, operations/base_test.go), with the values Fluid expects from them.
import { ufsStatusOf } from '../../../../../constructs/runtimes/cache-figures';
import {
  JUICEFS_DF_COMMAND,
  juicefsCacheFigures,
  JuiceFSCacheCounters,
  juicefsEditionOf,
  juicefsFileCountCommand,
  juicefsMountPath,
  juicefsStatsCommand,
  juicefsStatsSource,
  juicefsUfsFigures,
  juicefsVolumeSource,
  juicefsWorkerCacheBytes,
  parseJuiceFSDfUsed,
  parseJuiceFSFileCount,
  parseJuiceFSStats,
} from '../../../../../constructs/runtimes/juicefs/cache-report';
import { failure, value } from '../../../../support/parsed';

// Lines of report_test.go mockJuiceFSMetric (enterprise `.stats`).
const ENTERPRISE_STATS = `blockcache.blocks: 9708
blockcache.bytes: 40757435762
blockcache.evict: 0
blockcache.hitBytes: 40717671794
blockcache.hits: 9708
blockcache.miss: 0
blockcache.missBytes: 0
blockcache.readDuration: 2278386748
fuse_ops.read: 310652
meta.usec_ping: [1799]
meta.usec_timediff: [39520]
read_bytes: 40717671794
uptime: 487
write_bytes: 0`;

// Lines of report_test.go mockJuiceFSMetricOfCommunity (community `.stats`).
const COMMUNITY_STATS = `juicefs_blockcache_blocks 9708
juicefs_blockcache_bytes 40757435762
juicefs_blockcache_drops 0
juicefs_blockcache_hit_bytes 40717671794
juicefs_blockcache_hits 9709
juicefs_blockcache_miss 0
juicefs_blockcache_miss_bytes 0
juicefs_blockcache_read_hist_seconds_sum 973.9802880359989
juicefs_go_build_info__github.com/juicedata/juicefs_(devel) 1
juicefs_go_memstats_gc_cpu_fraction 0.000018793731834382145
juicefs_uptime 4096.290097335
juicefs_used_space 40717672448`;

const MOUNT = '/runtime-mnt/juicefs/kube-system/jfsdemo/juicefs-fuse';

const counters = (c: Partial<JuiceFSCacheCounters>): JuiceFSCacheCounters => ({ cacheBytes: 0n, hits: 0n, misses: 0n, hitBytes: 0n, missBytes: 0n, absent: [], ...c });

describe('JuiceFS commands and where they run', () => {
  it('reads .stats of the workers for enterprise and of the fuses for community', () => {
    expect(juicefsStatsSource('jfsdemo', 'enterprise')).toEqual({ kind: 'StatefulSet', name: 'jfsdemo-worker', container: 'juicefs-worker' });
    expect(juicefsStatsSource('jfsdemo', 'community')).toEqual({ kind: 'DaemonSet', name: 'jfsdemo-fuse', container: 'juicefs-fuse' });
    expect(juicefsVolumeSource('jfsdemo')).toEqual({ kind: 'StatefulSet', name: 'jfsdemo-worker', container: 'juicefs-worker' });
  });

  it('reads everything at the mount under MOUNT_ROOT', () => {
    const ds = { namespace: 'kube-system', name: 'jfsdemo' };
    expect(juicefsMountPath('/runtime-mnt', ds)).toBe(MOUNT);
    expect(juicefsMountPath('', ds)).toBe('/juicefs/kube-system/jfsdemo/juicefs-fuse');
    expect(juicefsStatsCommand(MOUNT)).toEqual(['cat', `${MOUNT}/.stats`]);
    expect(JUICEFS_DF_COMMAND).toEqual(['df', '--block-size=1']);
    expect(juicefsFileCountCommand(MOUNT)).toEqual(['bash', '-c', `ls -lR ${MOUNT} |grep ^- |wc -l `]);
    expect(juicefsFileCountCommand("/mnt/it's here")).toEqual(['bash', '-c', `ls -lR '/mnt/it'\\''s here' |grep ^- |wc -l `]);
  });

  it('reads any edition but "enterprise" as community', () => {
    expect(juicefsEditionOf('enterprise')).toBe('enterprise');
    expect(juicefsEditionOf('community')).toBe('community');
    expect(juicefsEditionOf(undefined)).toBe('community');
  });
});

describe('parseJuiceFSStats (report_test.go TestJuiceFSEngine_parseMetric)', () => {
  it('reads the enterprise block-cache counters', () => {
    expect(value(parseJuiceFSStats(ENTERPRISE_STATS, 'enterprise'))).toEqual({
      cacheBytes: 40757435762n, hits: 9708n, misses: 0n, hitBytes: 40717671794n, missBytes: 0n, absent: [],
    });
  });

  it('reads the community block-cache counters', () => {
    expect(value(parseJuiceFSStats(COMMUNITY_STATS, 'community'))).toEqual({
      cacheBytes: 40757435762n, hits: 9709n, misses: 0n, hitBytes: 40717671794n, missBytes: 0n, absent: [],
    });
  });

  it("lists counters of the other edition's names as absent", () => {
    expect(value(parseJuiceFSStats(ENTERPRISE_STATS, 'community')).absent).toEqual([
      'juicefs_blockcache_bytes', 'juicefs_blockcache_hits', 'juicefs_blockcache_miss', 'juicefs_blockcache_hit_bytes', 'juicefs_blockcache_miss_bytes',
    ]);
  });

  it('truncates fractions and fails on a value that is not a number', () => {
    expect(value(parseJuiceFSStats('blockcache.hits: 12.9', 'enterprise')).hits).toBe(12n);
    expect(failure(parseJuiceFSStats('blockcache.bytes: [1799]', 'enterprise')).message).toBe('cat <mount>/.stats: blockcache.bytes: expected a number, got "[1799]"');
  });
});

describe('juicefsCacheFigures (cache_test.go TestJuiceFSEngine_queryCacheStatus)', () => {
  const enterprise = value(parseJuiceFSStats(ENTERPRISE_STATS, 'enterprise'));

  it('adds up the enterprise workers and sizes the cache from worker option cache-size', () => {
    const figures = juicefsCacheFigures({
      edition: 'enterprise', workerCacheBytes: value(juicefsWorkerCacheBytes(undefined, '102400')), workersReady: 1, pods: [enterprise], usedBytes: 0n,
    });
    expect(figures.states).toEqual({ cacheCapacity: '100.00GiB', cached: '37.96GiB', cachedPercentage: '0.0%', cacheHitRatio: '100.0%', cacheThroughputRatio: '100.0%' });
    expect(figures).toMatchObject({ cachedBytes: 40757435762n, cacheCapacityBytes: 107374182400n, missing: {} });
  });

  it('leaves cacheCapacity empty without a cache size, and writes 0.00B with no ready worker', () => {
    const base = { edition: 'enterprise' as const, pods: [enterprise], usedBytes: 0n };
    const none = juicefsCacheFigures({ ...base, workerCacheBytes: undefined, workersReady: 1 });
    expect(none.states).toEqual({ cacheCapacity: '', cached: '37.96GiB', cachedPercentage: '0.0%', cacheHitRatio: '100.0%', cacheThroughputRatio: '100.0%' });
    expect(none.missing.cacheCapacity).toBe('no cache size: tieredstore.levels[0].quota and worker option cache-size are unset or 0');
    expect(juicefsCacheFigures({ ...base, workerCacheBytes: 1n << 30n, workersReady: 0 }).states.cacheCapacity).toBe('0.00B');
  });

  it('averages the community fuses, and divides the truncated average by the used bytes', () => {
    const pods = [counters({ cacheBytes: 3n, hits: 1n, misses: 2n, hitBytes: 1n, missBytes: 3n }), counters({ cacheBytes: 4n })];
    const figures = juicefsCacheFigures({ edition: 'community', workerCacheBytes: 1n << 30n, workersReady: 2, pods, usedBytes: 6n });
    expect(figures.states).toEqual({ cacheCapacity: '2.00GiB', cached: '3.50B', cachedPercentage: '50.0%', cacheHitRatio: '33.3%', cacheThroughputRatio: '25.0%' });
    expect(figures.cachedBytes).toBe(3n);
  });

  it('leaves the pod figures empty, with the reason, when no pod runs', () => {
    const figures = juicefsCacheFigures({ edition: 'community', workerCacheBytes: 1n << 30n, workersReady: 1, pods: [], usedBytes: 6n });
    expect(figures.states).toEqual({ cacheCapacity: '1.00GiB', cached: '', cachedPercentage: '', cacheHitRatio: '', cacheThroughputRatio: '' });
    expect(figures.missing.cached).toBe('no running DaemonSet pods to read .stats from');
  });

  it('leaves cachedPercentage empty when the used bytes could not be read, where Fluid writes 0.0%', () => {
    const figures = juicefsCacheFigures({ edition: 'enterprise', workerCacheBytes: undefined, workersReady: 1, pods: [enterprise], usedBytes: undefined });
    expect(figures.states.cachedPercentage).toBe('');
    expect(figures.missing.cachedPercentage).toBe('the used bytes of the volume (df) are not known');
  });
});

describe('juicefsWorkerCacheBytes', () => {
  it('takes the level-0 quota, overridden by cache-size in MiB', () => {
    expect(value(juicefsWorkerCacheBytes('100Gi', undefined))).toBe(107374182400n);
    expect(value(juicefsWorkerCacheBytes(100, undefined))).toBe(100n);
    expect(value(juicefsWorkerCacheBytes('100Gi', '1024'))).toBe(1073741824n);
    expect(value(juicefsWorkerCacheBytes(undefined, undefined))).toBeUndefined();
    expect(value(juicefsWorkerCacheBytes('0', ''))).toBeUndefined();
  });

  it('fails on a quota or cache-size it cannot read', () => {
    expect(failure(juicefsWorkerCacheBytes(undefined, '100G')).message).toBe('worker.options.cache-size: expected a whole number of MiB, got "100G"');
    expect(failure(juicefsWorkerCacheBytes('lots', undefined)).message).toBe('tieredstore.levels[0].quota: expected a quantity such as "100Gi", got "lots"');
  });
});

describe('ufsTotal and fileNum (operations/base_test.go)', () => {
  const DF = `Filesystem       1B-blocks        Used    Available Use% Mounted on
overlay         105089261568 41012498432 64076763136  40% /
JuiceFS:test   87687856128  87687856128            0 100% ${MOUNT}`;

  it('reads the used bytes of the mount from df', () => {
    expect(value(parseJuiceFSDfUsed(DF, MOUNT))).toBe(87687856128n);
  });

  it('fails when df lists no such mount or an odd line', () => {
    expect(failure(parseJuiceFSDfUsed(DF, '/runtime-mnt/juicefs/kube-system/other/juicefs-fuse')).reason).toMatch(/^no line for \/runtime-mnt\/juicefs\/kube-system\/other\/juicefs-fuse in "Filesystem/);
    expect(failure(parseJuiceFSDfUsed(`JuiceFS:test 1 - 0 100% ${MOUNT}`, MOUNT)).reason).toBe(`expected "<fs> <size> <used> <avail> <use%> ${MOUNT}", got "JuiceFS:test 1 - 0 100% ${MOUNT}"`);
  });

  it('reads the file count, and refuses anything but one number', () => {
    expect(value(parseJuiceFSFileCount('6367897'))).toBe(6367897n);
    expect(failure(parseJuiceFSFileCount('Type: COUNTER, Value: 6,367,897')).message).toBe('ls -lR | grep ^- | wc -l: expected one whole number, got "Type: COUNTER, Value: 6,367,897"');
  });

  it('writes ufsTotal from the used bytes and fileNum from the count', () => {
    expect(ufsStatusOf(juicefsUfsFigures(87687856128n, 6367897n))).toEqual({ ufsTotal: '81.67GiB', fileNum: '6367897' });
  });
});
