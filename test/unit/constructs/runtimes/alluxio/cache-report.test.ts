// Alluxio's cache figures from the command outputs in Fluid's own tests (pkg/ddc/alluxio/report_test.go,
// cache_test.go, mock_utils.go, utils_test.go, operations/base_test.go), with the values Fluid expects from them.
import {
  ALLUXIO_COMMANDS,
  alluxioCacheFigures,
  alluxioCountCommand,
  alluxioLoadMetadataCommand,
  alluxioMasterTarget,
  alluxioMetricsSampleDue,
  alluxioMountCommand,
  alluxioRatios,
  AlluxioReadMetrics,
  alluxioRemountDue,
  alluxioUfsFigures,
  alluxioUnmountCommand,
  parseAlluxioConfValue,
  parseAlluxioCount,
  parseAlluxioFilesCompleted,
  parseAlluxioMountTable,
  parseAlluxioReadMetrics,
  parseAlluxioSummary,
  unmountedAlluxioPaths,
} from '../../../../../constructs/runtimes/alluxio/cache-report';
import { METADATA_SYNC_NOT_DONE, ufsStatusOf } from '../../../../../constructs/runtimes/cache-figures';
import { failure, value } from '../../../../support/parsed';

// report_test.go mockAlluxioReportSummaryForParseReport.
const SUMMARY = `Alluxio cluster summary: 
    Master Address: 172.18.0.2:20000
    Web Port: 20001
    Rpc Port: 20000
    Started: 07-02-2021 11:15:25:107
    Uptime: 0 day(s), 1 hour(s), 3 minute(s), and 35 second(s)
    Version: 2.3.1-SNAPSHOT
    Safe Mode: false
    Zookeeper Enabled: false
    Live Workers: 1
    Lost Workers: 0
    Total Capacity: 19.07MB
        Tier: MEM  Size: 19.07MB
    Used Capacity: 9.69MB
        Tier: MEM  Size: 9.69MB
    Free Capacity: 9.39MB`;

// mock_utils.go mockAlluxioReportSummary(used, capacity).
const summaryOf = (used: string, capacity: string): string => `Alluxio cluster summary: 
	Master Address: 172.18.0.2:20000
	Live Workers: 1
	Lost Workers: 0
	Total Capacity: ${capacity}
		Tier: MEM  Size: ${capacity}
	Used Capacity: ${used}
		Tier: MEM  Size: ${used}
	Free Capacity: <fluid-do-not-care-this-value>
	`;

// Lines of report_test.go mockAlluxioReportMetricsForParseMetric; it lists no Cluster.BytesReadRemote*.
const METRICS = `Cluster.BytesReadAlluxio  (Type: COUNTER, Value: 0B)
	Cluster.BytesReadAlluxioThroughput  (Type: GAUGE, Value: 0B/MIN)
	Cluster.BytesReadDomain  (Type: COUNTER, Value: 0B)
	Cluster.BytesReadLocal  (Type: COUNTER, Value: 19.37MB)
	Cluster.BytesReadLocalThroughput  (Type: GAUGE, Value: 495.97KB/MIN)
	Cluster.BytesReadPerUfs.UFS:s3:%2F%2Ffluid  (Type: COUNTER, Value: 30.75MB)
	Cluster.BytesReadUfsAll  (Type: COUNTER, Value: 30.75MB)
	Cluster.BytesReadUfsThroughput  (Type: GAUGE, Value: 787.17KB/MIN)
	Cluster.BytesWrittenUfsAll  (Type: COUNTER, Value: 0B)
	Cluster.CapacityFree  (Type: GAUGE, Value: 9,842,601)
	Cluster.CapacityTotal  (Type: GAUGE, Value: 20,000,000)
	Cluster.CapacityUsed  (Type: GAUGE, Value: 10,157,399)
	Cluster.Workers  (Type: GAUGE, Value: 1)
	Master.FileInfosGot  (Type: COUNTER, Value: 25)
	Master.FilesCompleted  (Type: COUNTER, Value: 7)
	Master.FilesCreated  (Type: COUNTER, Value: 7)
	Master.blockHeartbeat.User:root  (Type: TIMER, Value: 2,410)`;

// mock_utils.go mockAlluxioReportMetrics(local, localPerMin, remote, remotePerMin, ufs, ufsPerMin).
const metricsOf = (local: string, localPerMin: string, remote: string, remotePerMin: string, ufs: string, ufsPerMin: string): string => `Cluster.BytesReadAlluxio  (Type: COUNTER, Value: 0B)
	Cluster.BytesReadLocal  (Type: COUNTER, Value: ${local})
	Cluster.BytesReadLocalThroughput  (Type: GAUGE, Value: ${localPerMin})
	Cluster.BytesReadRemote (Type: COUNTER, Value: ${remote})
	Cluster.BytesReadRemoteThroughput  (Type: GAUGE, Value: ${remotePerMin})
	Cluster.BytesReadPerUfs.UFS:s3:fluid  (Type: COUNTER, Value: ${ufs})
	Cluster.BytesReadUfsAll  (Type: COUNTER, Value: ${ufs})
	Cluster.BytesReadUfsThroughput  (Type: GAUGE, Value: ${ufsPerMin})`;

const reads = (local: bigint, remote: bigint, ufs: bigint): AlluxioReadMetrics => ({
  bytesRead: { local, remote, ufs },
  bytesPerMinute: { local: 0n, remote: 0n, ufs: 0n },
  absent: [],
});

describe('Alluxio commands', () => {
  it('runs in container alluxio-master of the first master pod', () => {
    expect(alluxioMasterTarget('hbase')).toEqual({ pod: 'hbase-master-0', container: 'alluxio-master' });
  });

  it('uses the commands of operations/base.go', () => {
    expect(ALLUXIO_COMMANDS.summary).toEqual(['alluxio', 'fsadmin', 'report', 'summary']);
    expect(ALLUXIO_COMMANDS.metrics).toEqual(['alluxio', 'fsadmin', 'report', 'metrics']);
    expect(ALLUXIO_COMMANDS.underFsVersion).toEqual(['alluxio', 'getConf', 'alluxio.underfs.version']);
    expect(alluxioCountCommand()).toEqual(['alluxio', 'fs', 'count', '/']);
    expect(alluxioLoadMetadataCommand()).toEqual(['alluxio', 'fs', 'loadMetadata', '-R', '/']);
    expect(alluxioUnmountCommand('/hbase')).toEqual(['alluxio', 'fs', 'unmount', '/hbase']);
  });

  it('mounts with flags first and options in a stable order', () => {
    const options = { 'fs.oss.endpoint': 'oss-cn-hangzhou.aliyuncs.com', 'fs.oss.accessKeyId': '/etc/fluid/secrets/oss/id' };
    expect(alluxioMountCommand('/data', 'oss://bucket/data', options, { readOnly: true, shared: true })).toEqual([
      'alluxio', 'fs', 'mount', '--readonly', '--shared',
      '--option', 'fs.oss.accessKeyId=/etc/fluid/secrets/oss/id',
      '--option', 'fs.oss.endpoint=oss-cn-hangzhou.aliyuncs.com',
      '/data', 'oss://bucket/data',
    ]);
    expect(alluxioMountCommand('/hbase', 'https://mirrors.bit.edu.cn/apache/hbase/stable', {})).toEqual(['alluxio', 'fs', 'mount', '/hbase', 'https://mirrors.bit.edu.cn/apache/hbase/stable']);
  });
});

describe('parseAlluxioSummary and alluxioCacheFigures', () => {
  it('reads total and used capacity per tier (report_test.go TestParseReportSummary)', () => {
    const capacity = value(parseAlluxioSummary(SUMMARY));
    expect(capacity).toEqual({ totalBytes: 19996344n, usedBytes: 10160701n, tiers: { total: { MEM: 19996344n }, used: { MEM: 10160701n } } });
    const figures = alluxioCacheFigures({ capacity, ufsTotal: '' });
    expect(figures.states.cacheCapacity).toBe('19.07MiB');
    expect(figures.states.cached).toBe('9.69MiB');
  });

  it.each([
    ['8.08MB', '16.16MiB', '8.08MiB', '50.0%'],
    ['0B', '16.16MiB', '0.00B', '0.0%'],
    ['10B', '100', '10.00B', '10.0%'],
    ['50B', '100', '50.00B', '50.0%'],
  ])('writes cached %s of ufsTotal %s as %s, %s (cache_test.go)', (used, ufsTotal, cached, percentage) => {
    const figures = alluxioCacheFigures({ capacity: value(parseAlluxioSummary(summaryOf(used, '19.07MB'))), ufsTotal });
    expect(figures.states).toMatchObject({ cacheCapacity: '19.07MiB', cached, cachedPercentage: percentage });
    expect(figures.missing.cachedPercentage).toBeUndefined();
  });

  it('leaves cachedPercentage empty, with the reason, until ufsTotal is known', () => {
    const capacity = value(parseAlluxioSummary(summaryOf('0B', '19.07MB')));
    for (const ufsTotal of [undefined, '', METADATA_SYNC_NOT_DONE]) expect(alluxioCacheFigures({ capacity, ufsTotal }).states.cachedPercentage).toBe('');
    expect(alluxioCacheFigures({ capacity, ufsTotal: METADATA_SYNC_NOT_DONE }).missing.cachedPercentage).toBe('the metadata sync that sets Dataset.status.ufsTotal is still running');
    expect(alluxioCacheFigures({ capacity, ufsTotal: '0.00B' }).missing.cachedPercentage).toBe('Dataset.status.ufsTotal is 0, so no share of it is cached');
  });

  it('writes all nine keys, the six ratios empty until a metrics sample has a predecessor', () => {
    const figures = alluxioCacheFigures({ capacity: value(parseAlluxioSummary(SUMMARY)), ufsTotal: '19.07MiB' });
    expect(Object.keys(figures.states).sort()).toEqual([
      'cacheCapacity', 'cacheHitRatio', 'cacheThroughputRatio', 'cached', 'cachedPercentage',
      'localHitRatio', 'localThroughputRatio', 'remoteHitRatio', 'remoteThroughputRatio',
    ]);
    expect(figures.states.cacheHitRatio).toBe('');
    expect(figures.missing.cacheHitRatio).toBe('no metrics report has been read yet');
    expect(figures).toMatchObject({ cachedBytes: 10160701n, cacheCapacityBytes: 19996344n });
  });

  it('fails on a summary without capacities or with an unreadable size', () => {
    expect(failure(parseAlluxioSummary('Alluxio cluster summary: \n    Master Address: 192.168.0.193:20009')).message).toBe(
      'alluxio fsadmin report summary: no "Total Capacity:" or "Used Capacity:" line in "Alluxio cluster summary: \\n    Master Address: 192.168.0.193:20009"',
    );
    expect(failure(parseAlluxioSummary(summaryOf('-1B', '19.07MB'))).message).toBe(
      'alluxio fsadmin report summary: Used Capacity: expected a size such as "19.07MB" or "2.00GiB", got "-1B"',
    );
  });
});

describe('parseAlluxioReadMetrics and alluxioRatios', () => {
  it('reads the bytes-read counters and gauges, noting the ones the report lacks (TestParseReportMetric)', () => {
    expect(value(parseAlluxioReadMetrics(METRICS))).toEqual({
      bytesRead: { local: 20310917n, remote: 0n, ufs: 32243712n },
      bytesPerMinute: { local: 507873n, remote: 0n, ufs: 806062n },
      absent: ['Cluster.BytesReadRemote', 'Cluster.BytesReadRemoteThroughput'],
    });
  });

  it('shares the reads since the previous sample, and the current throughput (TestParseReportMetric case 2)', () => {
    const current = value(parseAlluxioReadMetrics(METRICS));
    expect(alluxioRatios(current, reads(10000n, 0n, 40000n))).toEqual({
      states: {
        cacheHitRatio: '38.7%', localHitRatio: '38.7%', remoteHitRatio: '0.0%',
        cacheThroughputRatio: '38.7%', localThroughputRatio: '38.7%', remoteThroughputRatio: '0.0%',
      },
      missing: {},
    });
  });

  it('splits local, remote and UFS reads (cache_test.go GetCacheHitStates)', () => {
    const current = value(parseAlluxioReadMetrics(metricsOf('21.00MB', '2.00MB/MIN', '40.00MB', '1.00MB/MIN', '55.00MB', '1.00MB/MIN')));
    expect(current.bytesRead).toEqual({ local: 21n << 20n, remote: 40n << 20n, ufs: 55n << 20n });
    expect(alluxioRatios(current, reads(16n << 20n, 30n << 20n, 20n << 20n)).states).toEqual({
      cacheHitRatio: '30.0%', localHitRatio: '10.0%', remoteHitRatio: '20.0%',
      cacheThroughputRatio: '75.0%', localThroughputRatio: '50.0%', remoteThroughputRatio: '25.0%',
    });
  });

  it('writes "0.0%" when nothing was read since the previous sample', () => {
    const idle = reads(5n, 0n, 5n);
    expect(alluxioRatios(idle, idle).states.cacheHitRatio).toBe('0.0%');
    expect(alluxioRatios(idle, idle).states.cacheThroughputRatio).toBe('0.0%');
  });

  it('leaves every ratio empty on the first sample, as Fluid does', () => {
    const first = alluxioRatios(value(parseAlluxioReadMetrics(METRICS)), undefined);
    expect(Object.values(first.states)).toEqual(['', '', '', '', '', '']);
    expect(first.missing.cacheThroughputRatio).toBe('Fluid reports ratios from the second metrics sample on; this is the first');
  });

  it('leaves hit ratios out when the counters went down, keeping throughput', () => {
    const ratios = alluxioRatios({ ...reads(1n, 0n, 1n), bytesPerMinute: { local: 1n, remote: 1n, ufs: 2n } }, reads(100n, 0n, 100n));
    expect(ratios.states).toMatchObject({ cacheHitRatio: '', cacheThroughputRatio: '50.0%', localThroughputRatio: '25.0%' });
    expect(ratios.missing.cacheHitRatio).toBe('bytes-read counters went down since the previous sample (Alluxio master restarted?)');
  });

  it('passes the ratios through to the cache figures', () => {
    const ratios = alluxioRatios(value(parseAlluxioReadMetrics(METRICS)), reads(10000n, 0n, 40000n));
    const figures = alluxioCacheFigures({ capacity: value(parseAlluxioSummary(SUMMARY)), ufsTotal: '19.07MiB', ratios });
    expect(figures.states).toMatchObject({ cachedPercentage: '50.8%', cacheHitRatio: '38.7%', remoteThroughputRatio: '0.0%' });
    expect(figures.missing).toEqual({});
  });

  it('samples at most once a minute', () => {
    expect(alluxioMetricsSampleDue(undefined, 0)).toBe(true);
    expect(alluxioMetricsSampleDue(1_000, 60_999)).toBe(false);
    expect(alluxioMetricsSampleDue(1_000, 61_000)).toBe(true);
  });

  it('fails on a metric line without a readable value', () => {
    expect(failure(parseAlluxioReadMetrics('Cluster.BytesReadLocal  (Type: GAUGE, Value: 3)')).message).toBe(
      'alluxio fsadmin report metrics: Cluster.BytesReadLocal: expected "(Type: COUNTER, Value: ...)", got "Cluster.BytesReadLocal  (Type: GAUGE, Value: 3)"',
    );
    expect(failure(parseAlluxioReadMetrics('Cluster.BytesReadUfsThroughput  (Type: GAUGE, Value: lots/MIN)')).reason).toBe(
      'expected a size such as "19.07MB" or "2.00GiB", got "lots"',
    );
  });
});

describe('ufsTotal and fileNum', () => {
  it('reads `alluxio fs count /`: files, folders, bytes (operations/base.go Count)', () => {
    const count = value(parseAlluxioCount('File Count               Folder Count             Folder Size\n1152                     4                        154262709011'));
    expect(count).toEqual({ files: 1152n, folders: 4n, bytes: 154262709011n });
    expect(ufsStatusOf(alluxioUfsFigures(count, 7n))).toEqual({ ufsTotal: '143.67GiB', fileNum: '7' });
  });

  it.each([
    ['1\n2\n3\n4\n', 'expected a header line and a line of counts, got "1\\n2\\n3\\n4\\n"'],
    ['1\n2\t3', 'expected three non-negative whole numbers (files, folders, bytes), got "2\\t3"'],
    ['File Count Folder Count Folder Size\n12324\t45463\t-9223372036854775808', 'expected three non-negative whole numbers (files, folders, bytes), got "12324\\t45463\\t-9223372036854775808"'],
    ['1\n1\tdududu\tbbb\t', 'expected three non-negative whole numbers (files, folders, bytes), got "1\\tdududu\\tbbb"'],
  ])('refuses count output %j', (stdout, reason) => {
    expect(failure(parseAlluxioCount(stdout)).reason).toBe(reason);
  });

  it('reads Master.FilesCompleted from grep output or the whole metrics report', () => {
    expect(value(parseAlluxioFilesCompleted('Master.FilesCompleted  (Type: COUNTER, Value: 6,367,897)'))).toBe(6367897n);
    expect(value(parseAlluxioFilesCompleted('Master.FilesCompleted  (Type: COUNTER, Value: 1,000)'))).toBe(1000n);
    expect(value(parseAlluxioFilesCompleted(METRICS))).toBe(7n);
  });

  it('fails without a readable Master.FilesCompleted', () => {
    expect(failure(parseAlluxioFilesCompleted('report [category] [category args]\nReport Alluxio running cluster information.\n')).message).toBe(
      'Master.FilesCompleted: no Master.FilesCompleted line in "report [category] [category args]\\nReport Alluxio running cluster information.\\n"',
    );
    expect(failure(parseAlluxioFilesCompleted('Master.FilesCompleted  (Type: COUNTER, Value: 6,36,7897)')).reason).toBe(
      'expected "(Type: COUNTER, Value: 1,234)", got "Master.FilesCompleted  (Type: COUNTER, Value: 6,36,7897)"',
    );
  });

  it('reads the underlying file system version for Dataset.status.hcfs (hcfs_test.go)', () => {
    expect(value(parseAlluxioConfValue('2.7.0\n', 'alluxio.underfs.version'))).toBe('2.7.0');
    expect(failure(parseAlluxioConfValue('  ', 'alluxio.underfs.version')).message).toBe('alluxio getConf alluxio.underfs.version: printed nothing');
  });
});

describe('UFS mounts', () => {
  // operations/base_test.go IsMounted.
  const TABLE =
    'https://mirrors.bit.edu.cn/apache/hbase/stable  on  /hbase (web, capacity=-1B, used=-1B, read-only, not shared, properties={}) \n /underFSStorage  on  /  (local, capacity=0B, used=0B, not read-only, not shared, properties={})';

  it('reads the Alluxio path of every mount and finds the ones missing', () => {
    const table = value(parseAlluxioMountTable(TABLE));
    expect(table).toEqual([
      { ufs: 'https://mirrors.bit.edu.cn/apache/hbase/stable', alluxioPath: '/hbase' },
      { ufs: '/underFSStorage', alluxioPath: '/' },
    ]);
    expect(unmountedAlluxioPaths(['/hbase', '/spark'], table)).toEqual(['/spark']);
  });

  it('fails on lines that are not mounts, where Fluid would misread or panic', () => {
    expect(failure(parseAlluxioMountTable('Alluxio cluster summary')).reason).toBe('expected "<ufs> on <path> (...)", got "Alluxio cluster summary"');
    expect(value(parseAlluxioMountTable(''))).toEqual([]);
  });

  it('remounts only when the master started after the last mount', () => {
    const mountTime = new Date('2026-07-01T10:00:00Z');
    expect(alluxioRemountDue(mountTime, new Date('2026-07-01T10:05:00Z'))).toBe(true);
    expect(alluxioRemountDue(mountTime, new Date('2026-07-01T09:55:00Z'))).toBe(false);
    expect(alluxioRemountDue(undefined, new Date('2026-07-01T10:05:00Z'))).toBe(false);
  });
});
