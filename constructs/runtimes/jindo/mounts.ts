// The Dataset's mounts as Jindo sees them (pkg/ddc/jindocache/transform.go transformMaster): Dataset-wide options
// merged under each mount's, the storage type a mount point names, and the cacheset Jindo caches it with.
import type { EncryptOption } from '../../../crds/schema/common/encrypt-option';
import type { Mount } from '../../../crds/schema/common/mount';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import { UFS_ROOT } from './defaults';

/** Storage types Jindo reads; a mount point whose scheme is none of them is refused (check.ts). */
export const STORAGE_SCHEMES = ['oss', 's3', 'cos', 'obs', 'hdfs', 'dls'] as const;
export type StorageType = (typeof STORAGE_SCHEMES)[number];

/** A mount with the Dataset's sharedOptions and sharedEncryptOptions folded in, as Fluid folds them. */
export interface MergedMount {
  /** Position in spec.mounts, for error paths. */
  readonly index: number;
  readonly mount: Mount;
  /** sharedOptions overridden by the mount's options. */
  readonly options: Record<string, string>;
  /** Shared options first, so a mount's own option of the same name is applied last. */
  readonly encryptOptions: readonly EncryptOption[];
}

export function mergedMounts(dataset: DatasetSpec): MergedMount[] {
  return (dataset.mounts ?? []).map((mount, index) => ({
    index,
    mount,
    options: { ...dataset.sharedOptions, ...mount.options },
    encryptOptions: [...(dataset.sharedEncryptOptions ?? []), ...(mount.encryptOptions ?? [])],
  }));
}

export type MountKind = { kind: 'pvc' } | { kind: 'local' } | { kind: 'storage'; type: StorageType } | { kind: 'unsupported' };

/** pvc:// and local:/// are Fluid's own schemes; anything else must be a storage Jindo speaks. */
export function mountKind(mountPoint: string): MountKind {
  if (mountPoint.startsWith('pvc://')) return { kind: 'pvc' };
  if (mountPoint.startsWith('local:///')) return { kind: 'local' };
  const type = STORAGE_SCHEMES.find((s) => mountPoint.startsWith(`${s}://`));
  return type ? { kind: 'storage', type } : { kind: 'unsupported' };
}

/** The bucket of an oss:// mount point; empty when it names none (pkg/ddc/jindo/oss_secret.go ParseOSSMountBucket). */
export function ossBucket(mountPoint: string): string {
  return mountPoint.slice('oss://'.length).split('/')[0];
}

/** `/underFSStorage/<path or name>`: where a pvc:// mount appears in Jindo pods (pkg/utils/ufs_path_builder.go). */
export function localStoragePath(mount: Mount): string {
  const relative = mount.path?.startsWith('/') ? mount.path : `/${mount.name ?? ''}`;
  return `${UFS_ROOT}/${relative.replace(/^\/+/, '')}`.replace(/\/+$/, '');
}

/** One `<cacheset>` of cacheset.xml. */
export interface CacheSet {
  /** The mount's name. */
  readonly name: string;
  /** The mount point; a pvc:// mount is local://<where the PVC is mounted>. */
  readonly path: string;
  /** Option cacheStrategy. @default 'DISTRIBUTED' */
  readonly cacheStrategy: 'DISTRIBUTED' | 'DHT';
  /** Option metaPolicy. @default 'ONCE' */
  readonly metaPolicy: 'ONCE' | 'ALWAYS';
  /** Always CACHE_ASIDE in Fluid. */
  readonly readPolicy: 'CACHE_ASIDE';
  /** Option writePolicy. @default 'WRITE_AROUND' */
  readonly writePolicy: 'WRITE_AROUND' | 'WRITE_THROUGH' | 'CACHE_ONLY';
  /** Option readCacheReplica. @default 1 */
  readonly readCacheReplica: number;
  /** Option writeCacheReplica. @default 1 */
  readonly writeCacheReplica: number;
}

/** Go's strconv.Atoi, which Fluid parses the replica options with. */
export const GO_INT = /^[+-]?\d+$/;

function replicaOption(value: string | undefined): number {
  return value !== undefined && GO_INT.test(value) ? Number(value) : 1;
}

/** Cache policies from the mount's options; check.ts refuses the combinations Fluid refuses, so none is guessed here. */
export function cacheSetOf(m: MergedMount): CacheSet {
  const o = m.options;
  const metaPolicy = o.metaPolicy === 'ALWAYS' ? 'ALWAYS' : 'ONCE';
  const writePolicy = o.writePolicy === 'WRITE_THROUGH' || o.writePolicy === 'CACHE_ONLY' ? o.writePolicy : 'WRITE_AROUND';
  return {
    name: m.mount.name ?? '',
    path: m.mount.mountPoint.startsWith('pvc://') ? `local://${localStoragePath(m.mount)}` : m.mount.mountPoint,
    cacheStrategy: o.cacheStrategy === 'DHT' && metaPolicy === 'ONCE' ? 'DHT' : 'DISTRIBUTED',
    metaPolicy,
    readPolicy: 'CACHE_ASIDE',
    writePolicy,
    readCacheReplica: replicaOption(o.readCacheReplica),
    writeCacheReplica: replicaOption(o.writeCacheReplica),
  };
}

/** A PVC a pvc:// mount reads, mounted into every Jindo pod. */
export interface UfsVolume {
  /** The PVC, named by the mount point. */
  readonly claimName: string;
  /** The path after the claim name. @default - the whole volume */
  readonly subPath?: string;
  /** `/underFSStorage/<path or name>`. */
  readonly containerPath: string;
  /** Read-only unless the Dataset asks for write access explicitly (transform.go, chart 1.0.2). */
  readonly readOnly: boolean;
}

export function ufsVolumeOf(m: MergedMount, dataset: DatasetSpec): UfsVolume {
  const [claimName, ...rest] = m.mount.mountPoint.slice('pvc://'.length).split('/');
  const modes = dataset.accessModes ?? [];
  const subPath = rest.join('/');
  return {
    claimName,
    ...(subPath ? { subPath } : {}),
    containerPath: localStoragePath(m.mount),
    readOnly: modes.length === 0 || modes.includes('ReadOnlyMany'),
  };
}

/** The host folder a local:///x mount names, with the trailing slash Fluid adds. */
export function localHostPath(mountPoint: string): string {
  const withSlash = mountPoint.endsWith('/') ? mountPoint : `${mountPoint}/`;
  return withSlash.slice('local://'.length);
}
