// Jindo's cache figures from the command outputs in Fluid's own tests (pkg/ddc/jindocache/cache_test.go,
// operations/base_test.go), with the values Fluid expects from them.
import { METADATA_SYNC_NOT_DONE, parseFailure, ufsStatusOf } from '../../../../../constructs/runtimes/cache-figures';
import {
  JINDO_COMMANDS,
  jindoCacheFigures,
  jindoCacheSetLoaded,
  jindoCountCommand,
  jindoMasterTarget,
  jindoMountAlreadyExists,
  jindoMountCommand,
  jindoNamespacePath,
  jindoRemountDue,
  jindoUfsFigures,
  parseJindoCount,
  parseJindoMountTable,
  parseJindoReport,
} from '../../../../../constructs/runtimes/jindo/cache-report';
import { failure, value } from '../../../../support/parsed';

// cache_test.go mockJindoReportSummary.
const REPORT = `Namespace Address: localhost:18000
	Rpc Port: 8101
	Started: Mon Jul 19 07:41:39 2021
	Version: 3.6.1
	Live Nodes: 2
	Decommission Nodes: 0
	Mode: BLOCK
	Total Disk Capacity: 250.38GB
	Used Disk Capacity: 11.72GB
    Total MEM Capacity: 250.38GB
	Used MEM Capacity: 11.72GB
	`;

describe('Jindo commands', () => {
  it('runs in container jindofs-master of the first master pod', () => {
    expect(jindoMasterTarget('hadoop')).toEqual({ pod: 'hadoop-jindofs-master-0', container: 'jindofs-master' });
  });

  it('uses jindocache commands, and jindo/hadoop ones for jindofsx', () => {
    expect(JINDO_COMMANDS.jindocache.report).toEqual(['jindocache', '-report']);
    expect(JINDO_COMMANDS.jindocache.refreshCacheSet).toEqual(['jindocache', '-refreshCacheSet', '-path', '/cacheset.xml']);
    expect(JINDO_COMMANDS.jindofsx.report).toEqual(['jindo', 'fs', '-report']);
    const mount = { mountPoint: 'oss://bucket/data/', name: 'data' };
    expect(jindoMountCommand(mount)).toEqual(['jindocache', '-mount', '/data', 'oss://bucket/data/']);
    expect(jindoMountCommand(mount, 'jindofsx')).toEqual(['jindo', 'admin', '-mount', '/data', 'oss://bucket/data/']);
    expect(jindoCountCommand(mount)).toEqual(['jindo', 'fs', '-count', 'jindo:///data']);
    expect(jindoCountCommand({ ...mount, path: '/' }, 'jindofsx')).toEqual(['hadoop', 'fs', '-count', 'jindo:///']);
  });

  it('mounts a pvc:// source as the local folder the claim is mounted at', () => {
    expect(jindoMountCommand({ mountPoint: 'pvc://claim/sub', name: 'imagenet' })).toEqual(['jindocache', '-mount', '/imagenet', 'local:///underFSStorage/imagenet']);
    expect(jindoNamespacePath({ mountPoint: 'local:///mnt/data', name: '/nested', path: 'relative' })).toBe('/nested');
  });

  it('reads the mount table, the "already exists" answer and the cacheset listing (operations/base_test.go)', () => {
    expect(parseJindoMountTable('field1 field2 /test/mount field3\nfield1 field2 /other/mount field3')).toEqual(['/test/mount', '/other/mount']);
    expect(parseJindoMountTable('field1 field2\nfield1')).toEqual([]);
    expect(jindoMountAlreadyExists('Mount point already exists')).toBe(true);
    expect(jindoMountAlreadyExists('Some other error')).toBe(false);
    expect(jindoCacheSetLoaded('line1\ncacheStrategy: some strategy\nline3')).toBe(true);
    expect(jindoCacheSetLoaded('line1\nline2\nline3')).toBe(false);
  });

  it('remounts when no mountTime was written or the master restarted since, never without a master', () => {
    const mountTime = new Date('2026-07-01T10:00:00Z');
    const restarted = { startedAt: new Date('2026-07-01T10:05:00Z') };
    expect(jindoRemountDue({ masterDisabled: false, masterContainer: restarted })).toBe(true);
    expect(jindoRemountDue({ masterDisabled: false, masterContainer: restarted, mountTime })).toBe(true);
    expect(jindoRemountDue({ masterDisabled: false, masterContainer: { startedAt: new Date('2026-07-01T09:00:00Z') }, mountTime })).toBe(false);
    expect(jindoRemountDue({ masterDisabled: false, masterContainer: {}, mountTime: undefined })).toBe(false);
    expect(jindoRemountDue({ masterDisabled: false, mountTime: undefined })).toBe(true);
    expect(jindoRemountDue({ masterDisabled: true, masterContainer: restarted })).toBe(false);
  });
});

describe('parseJindoReport and jindoCacheFigures (cache_test.go TestQueryCacheStatus)', () => {
  it('reads the disk figures for a disk tier and the MEM figures for a memory tier', () => {
    expect(value(parseJindoReport(REPORT, false))).toEqual({ totalBytes: 268843477893n, usedBytes: 12584254177n });
    const memory = REPORT.replace('Used MEM Capacity: 11.72GB', 'Used MEM Capacity: 1.00GB');
    expect(value(parseJindoReport(memory, true))).toEqual({ totalBytes: 268843477893n, usedBytes: 1073741824n });
    expect(value(parseJindoReport(memory, false)).usedBytes).toBe(12584254177n);
  });

  it('caps the cached share at 100%, as Jindo counts whole blocks', () => {
    const figures = jindoCacheFigures(value(parseJindoReport(REPORT, false)), '52.18MiB');
    expect(figures.states).toEqual({ cacheCapacity: '250.38GiB', cached: '11.72GiB', cachedPercentage: '100.0%' });
    expect(figures.missing).toEqual({});
  });

  it('leaves cachedPercentage empty while ufsTotal is empty or being calculated', () => {
    for (const ufsTotal of ['', METADATA_SYNC_NOT_DONE]) {
      const figures = jindoCacheFigures(value(parseJindoReport(REPORT, false)), ufsTotal);
      expect(figures.states).toEqual({ cacheCapacity: '250.38GiB', cached: '11.72GiB', cachedPercentage: '' });
    }
  });

  it('writes 0.0% against a ufsTotal of 0, and a share below 100% as is', () => {
    const capacity = { totalBytes: 1n << 30n, usedBytes: 256n << 20n };
    expect(jindoCacheFigures(capacity, '0.00B').states.cachedPercentage).toBe('0.0%');
    expect(jindoCacheFigures(capacity, '1.00GiB').states.cachedPercentage).toBe('25.0%');
  });

  it('fails when the report lacks the lines of the tier asked for', () => {
    expect(failure(parseJindoReport('Namespace Address: localhost:18000\nTotal Disk Capacity: 1GB', true)).reason).toBe(
      'no "Total MEM Capacity:" or "Used MEM Capacity:" line in "Namespace Address: localhost:18000\\nTotal Disk Capacity: 1GB"',
    );
    expect(failure(parseJindoReport('Total Disk Capacity: 1GB\nUsed Disk Capacity: n/a', false)).message).toBe(
      'jindocache -report: Used Disk Capacity:: expected a size such as "19.07MB" or "2.00GiB", got "n/a"',
    );
  });
});

describe('ufsTotal', () => {
  it('reads `jindo fs -count`: directories, files, bytes (operations/base_test.go GetUfsTotalSize)', () => {
    expect(value(parseJindoCount('2      1    108 testUrl'))).toEqual({ directories: 2n, files: 1n, bytes: 108n });
    expect(value(parseJindoCount('INFO connecting\n           2            1                108 jindo:///data\n'))).toMatchObject({ bytes: 108n });
    expect(failure(parseJindoCount('field1 field2')).message).toBe('jindo fs -count: expected "<dirs> <files> <bytes> <path>", got "field1 field2"');
  });

  it('sums the mounts and leaves fileNum unset, as Fluid does', () => {
    const figures = value(jindoUfsFigures([parseJindoCount('2 1 108 jindo:///a'), parseJindoCount('1 3 1073741824 jindo:///b')]));
    expect(figures).toEqual({ ufsTotalBytes: 1073741932n });
    expect(ufsStatusOf(figures)).toEqual({ ufsTotal: '1.00GiB' });
  });

  it('fails the total when one mount could not be counted', () => {
    const broken = parseFailure('jindo fs -count', 'exec failed');
    expect(failure(jindoUfsFigures([parseJindoCount('2 1 108 jindo:///a'), broken])).message).toBe('jindo fs -count: exec failed');
  });
});
