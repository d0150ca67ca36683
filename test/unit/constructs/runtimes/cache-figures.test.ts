// The text formats of Fluid's cache figures: sizes (pkg/utils/byte_size.go, cases from byte_size_test.go),
// percentages ("%.1f%%"), Go's half-to-even rounding, and the gauges read back from Dataset.status.
import {
  CacheReportError,
  datasetGaugeValues,
  formatBytes,
  formatGoFixed,
  formatPercentage,
  METADATA_SYNC_NOT_DONE,
  parseHumanSize,
  ratioOrZero,
  ufsStatusOf,
  ufsTotalBytesOf,
  writtenBytes,
} from '../../../../constructs/runtimes/cache-figures';
import { value } from '../../../support/parsed';

describe('formatBytes (utils.BytesSize)', () => {
  // pkg/utils/byte_size_test.go TestBytesSize.
  it.each([
    [100, '100.00B'],
    [1024 * 4, '4.00KiB'],
    [1024 ** 2, '1.00MiB'],
    [1024 ** 2 * 5, '5.00MiB'],
    [1024 ** 3, '1.00GiB'],
    [1024 ** 4, '1.00TiB'],
    [1024 ** 4 * 10, '10.00TiB'],
    [1024 ** 5, '1.00PiB'],
    [1024 ** 6, '1.00EiB'],
    [1024 ** 7 * 9, '9.00ZiB'],
    [1024 ** 8 * 2, '2.00YiB'],
    [1024 ** 9, '1024.00YiB'],
    [1024 ** 11, '1073741824.00YiB'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('takes bigint byte counts and formats the sizes Fluid tests show in status', () => {
    expect(formatBytes(0n)).toBe('0.00B');
    expect(formatBytes(20310917n)).toBe('19.37MiB');
    expect(formatBytes(40757435762n)).toBe('37.96GiB');
    expect(formatBytes(102400n * 1024n * 1024n)).toBe('100.00GiB');
  });

  it('stays in the smaller unit below 1024 of it, even when rounding prints 1024.00', () => {
    expect(formatBytes(1023)).toBe('1023.00B');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1024.00KiB');
  });

  it('rounds exact halves to even like Go, where toFixed would round up', () => {
    expect(formatBytes(1.125 * 1024 ** 3)).toBe('1.12GiB');
    expect((1.125).toFixed(2)).toBe('1.13');
    expect(formatBytes(1.375 * 1024 ** 3)).toBe('1.38GiB');
  });

  it('refuses values that are not finite', () => {
    expect(() => formatBytes(Number.POSITIVE_INFINITY)).toThrow('formatBytes: Infinity is not a finite number of bytes');
  });
});

describe('formatGoFixed and formatPercentage ("%.1f%%")', () => {
  it.each([
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [12.25, 1, '12.2'],
    [12.75, 1, '12.8'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [0.05, 1, '0.1'],
    [1e21, 1, '1000000000000000000000.0'],
    [5e-324, 2, '0.00'],
    [-0.25, 1, '-0.2'],
    [-0, 1, '-0.0'],
  ])('formats %d with %d digits as %s', (x, digits, text) => {
    expect(formatGoFixed(x, digits)).toBe(text);
  });

  it('writes ratios with one decimal and a percent sign', () => {
    expect(formatPercentage((20300917 * 100) / 52504629)).toBe('38.7%');
    expect(formatPercentage(100)).toBe('100.0%');
    expect(ratioOrZero(9708n, 9708n)).toBe('100.0%');
  });

  it('writes "0.0%" for a ratio of nothing, as Fluid does when no byte was read', () => {
    expect(ratioOrZero(0n, 0n)).toBe('0.0%');
  });

  it('refuses NaN, which Go would print as "NaN"', () => {
    expect(() => formatGoFixed(NaN, 1)).toThrow('formatGoFixed: NaN is not a finite number');
    expect(() => formatGoFixed(1, 1.5)).toThrow('formatGoFixed: 1.5 digits is not between 0 and 100');
  });
});

describe('parseHumanSize (utils.FromHumanSize)', () => {
  // pkg/utils/byte_size_test.go TestFromHumanSize.
  it.each([
    ['1KiB', 1024n],
    ['10KiB', 10240n],
    ['1MiB', 1048576n],
    ['1GiB', 1073741824n],
    ['1TiB', 1099511627776n],
    ['1PiB', 1125899906842624n],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(value(parseHumanSize(text))).toBe(bytes);
  });

  it("reads Alluxio's and Jindo's KB/MB/GB as powers of 1024 and truncates to whole bytes", () => {
    expect(value(parseHumanSize('19.37MB'))).toBe(20310917n);
    expect(value(parseHumanSize('495.97KB'))).toBe(507873n);
    expect(value(parseHumanSize('0B'))).toBe(0n);
    expect(value(parseHumanSize('100'))).toBe(100n);
    expect(value(parseHumanSize('2 gb'))).toBe(2147483648n);
  });

  it('fails, naming the source and the text, where Fluid would use -1', () => {
    const result = parseHumanSize('-1B', 'Cluster.BytesReadLocal');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBeInstanceOf(CacheReportError);
    expect(!result.ok && result.error.message).toBe('Cluster.BytesReadLocal: expected a size such as "19.07MB" or "2.00GiB", got "-1B"');
    for (const text of ['1.2.3MB', '', '1.00EiB', '12 MB/MIN', ' 3MB']) expect(parseHumanSize(text).ok).toBe(false);
  });

  it('refuses sizes beyond a signed 64-bit byte count', () => {
    expect(!parseHumanSize('12353PB').ok && parseHumanSize('12353PB')).toMatchObject({ error: { reason: '"12353PB" is 8EiB or more, beyond what Fluid can hold' } });
  });
});

describe('ufsTotal and the figures read back from status', () => {
  it('has no ufsTotal while it is empty or being calculated', () => {
    expect(ufsTotalBytesOf(undefined)).toEqual({ missing: 'Dataset.status.ufsTotal is not known yet' });
    expect(ufsTotalBytesOf(METADATA_SYNC_NOT_DONE)).toEqual({ missing: 'the metadata sync that sets Dataset.status.ufsTotal is still running' });
    expect(ufsTotalBytesOf('lots')).toEqual({ missing: 'Dataset.status.ufsTotal: expected a size such as "19.07MB" or "2.00GiB", got "lots"' });
    expect(ufsTotalBytesOf('16.16MiB')).toEqual({ bytes: 16944988n });
  });

  it('divides by the cached size as written, rounding included', () => {
    expect(value(writtenBytes(10157399n))).toBe(10160701n); // "9.69MiB"
    expect(writtenBytes(1024n ** 6n).ok).toBe(false); // "1.00EiB" cannot be read back
  });

  it('writes ufsTotal and fileNum of a finished sync, leaving out what the engine does not set', () => {
    expect(ufsStatusOf({ ufsTotalBytes: 154262709011n, fileNum: 1152n })).toEqual({ ufsTotal: '143.67GiB', fileNum: '1152' });
    expect(ufsStatusOf({ ufsTotalBytes: 0n })).toEqual({ ufsTotal: '0.00B' });
  });

  it('sets the dataset gauges from the status strings, none for "[Calculating]"', () => {
    expect(datasetGaugeValues({ ufsTotal: '143.67GiB', fileNum: '1152' })).toEqual({ ufsTotalSize: 154264487854, fileNum: 1152 });
    expect(datasetGaugeValues({ ufsTotal: METADATA_SYNC_NOT_DONE, fileNum: METADATA_SYNC_NOT_DONE })).toEqual({});
  });
});
