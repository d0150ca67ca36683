// The storage settings Jindo's servers read ("file store" properties, jindocache.cfg [jindocache-common]), from the
// mounts' options (pkg/ddc/jindocache/transform.go transformMaster). Only endpoints, regions and the like: keys
// given as encryptOptions are mounted files (credentials.ts), never values here.
import { MergedMount, mountKind, ossBucket, StorageType } from './mounts';

const OSS_BUCKET_PREFIX = 'jindocache.oss.bucket.';

function ossProperties(m: MergedMount): Record<string, string> {
  const bucket = ossBucket(m.mount.mountPoint);
  const endpoint = m.options['fs.oss.endpoint'] ?? '';
  const out: Record<string, string> = { [`${OSS_BUCKET_PREFIX}${bucket}.endpoint`]: endpoint };
  if (endpoint.includes('dls')) out[`${OSS_BUCKET_PREFIX}${bucket}.data.lake.storage.enable`] = 'true';
  // Keys the user wrote in plain options (not encryptOptions) are already in the Dataset in clear; Fluid passes them on.
  const secretNames = new Set(m.encryptOptions.map((e) => e.name));
  for (const suffix of ['accessKeyId', 'accessKeySecret']) {
    const inline = m.options[`fs.oss.${suffix}`];
    if (inline && !secretNames.has(`fs.oss.${suffix}`)) out[`${OSS_BUCKET_PREFIX}${bucket}.${suffix}`] = inline;
  }
  return out;
}

/** Options copied as `jindocache.<type>.<key>` for each storage type. */
const COPIED: Record<Exclude<StorageType, 'oss' | 'hdfs'>, readonly string[]> = {
  s3: ['endpoint', 'region'],
  cos: ['endpoint'],
  obs: ['endpoint'],
  dls: ['endpoint', 'region'],
};

function storageProperties(m: MergedMount, type: StorageType): Record<string, string> {
  if (type === 'oss') return ossProperties(m);
  // HDFS (HA) takes every option, with its leading "fs" renamed.
  if (type === 'hdfs') return Object.fromEntries(Object.entries(m.options).map(([k, v]) => [k.replace('fs', 'jindocache'), v]));
  const out: Record<string, string> = {};
  for (const key of COPIED[type]) {
    const value = m.options[`fs.${type}.${key}`];
    if (value) out[`jindocache.${type}.${key}`] = value;
  }
  return out;
}

export function fileStoreProperties(mounts: readonly MergedMount[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of mounts) {
    const kind = mountKind(m.mount.mountPoint);
    if (kind.kind === 'storage') Object.assign(out, storageProperties(m, kind.type));
  }
  return out;
}

/** Fluid keeps the type of the last mount that is not local:/// (pvc:// counts as oss) for credential settings. */
export function lastMountType(mounts: readonly MergedMount[]): StorageType | undefined {
  let type: StorageType | undefined;
  for (const m of mounts) {
    const kind = mountKind(m.mount.mountPoint);
    if (kind.kind === 'storage') type = kind.type;
    else if (kind.kind === 'pvc') type = 'oss';
  }
  return type;
}

/** The endpoint when every OSS bucket uses the same one (pkg/ddc/jindo/oss_secret.go ExtractSingleOSSEndpoint). */
export function singleOssEndpoint(fileStore: Readonly<Record<string, string>>): string | undefined {
  const endpoints = new Set(
    Object.entries(fileStore)
      .filter(([k]) => k.startsWith(OSS_BUCKET_PREFIX) && k.endsWith('.endpoint'))
      .map(([, v]) => v),
  );
  const [only] = endpoints;
  return endpoints.size === 1 && only ? only : undefined;
}
