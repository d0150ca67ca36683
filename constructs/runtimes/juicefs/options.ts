// JuiceFS mount and format options (pkg/ddc/juicefs/transform_fuse.go genValue, genMountOptions, genFuseMount;
// transform.go genWorkerMount), rendered as `-o k=v,k2` in sorted order (Fluid's order is Go map order, i.e. random).
import type { Level } from '../../../crds/schema/common/tiered-store';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import { parseQuantity, quantityValue } from '../../quantity';
import { DEFAULT_CACHE_DIR } from './defaults';

export type Options = Record<string, string>;

/** What the Dataset's options say: storage and bucket go to `juicefs format`, quota to `juicefs quota`, the rest to mounts. */
export interface DatasetOptions {
  /** Every other option: `juicefs format` flags (community) and fuse mount options. */
  readonly options: Options;
  /** Object storage type for `juicefs format --storage`. @default - none (format runs with --no-update) */
  readonly storage?: string;
  /** Bucket URL for format/auth --bucket. @default - none */
  readonly bucket?: string;
}

/** sharedOptions, then the first mount's options (JuiceFS serves the first mount only). */
export function datasetOptions(dataset: DatasetSpec): DatasetOptions {
  const all = { ...dataset.sharedOptions, ...dataset.mounts?.[0]?.options };
  const { storage, bucket, quota: _quota, ...options } = all;
  return { options, ...(storage !== undefined ? { storage } : {}), ...(bucket !== undefined ? { bucket } : {}) };
}

/** `juicefs:///sub/dir` -> "/sub/dir" (utils.go ParseSubPathFromMountPoint); undefined when it is not a JuiceFS URI. */
export function subPathOf(mountPoint: string): string | undefined {
  const parts = mountPoint.split('juicefs://');
  return parts.length === 2 ? parts[1] : undefined;
}

/** Options both worker and fuse mount with: subdir and the cache settings of the first tier. */
export function mountOptions(mountPoint: string, level: Level | undefined): Options {
  const out: Options = {};
  const subPath = subPathOf(mountPoint);
  if (subPath !== undefined && subPath !== '/') out.subdir = subPath;
  if (level?.quota !== undefined) {
    // cache-size is a whole number of MiB.
    const q = parseQuantity(level.quota);
    if (q) out['cache-size'] = String(quantityValue(q) >> 20n);
  }
  if (level?.low) out['free-space-ratio'] = level.low;
  out['cache-dir'] = level ? (level.path ?? '') : DEFAULT_CACHE_DIR;
  return out;
}

/** `k=v` per option, or `k` when the value is empty, sorted. */
export function optionList(options: Options): string {
  return Object.keys(options)
    .sort()
    .map((k) => (options[k] === '' ? k : `${k}=${options[k]}`))
    .join(',');
}

/** The port of a `metrics` option such as 0.0.0.0:9567; undefined when absent (utils.go GetMetricsPort). */
export function metricsPortOption(options: Options | undefined): number | undefined {
  const value = options?.metrics;
  if (value === undefined) return undefined;
  const match = /.*:([0-9]{1,6})/.exec(value);
  return match ? Number(match[1]) : undefined;
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * A word for the scripts: kept as it is when it holds only safe characters, else single-quoted. Fluid quotes only
 * values with $`&;>|() (pkg/utils/security/escape.go); quoting every unsafe value also covers spaces and quotes.
 */
export function shellWord(value: string): string {
  return SAFE.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
