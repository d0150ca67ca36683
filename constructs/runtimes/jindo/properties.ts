// The property sets Jindo's configuration files are made of (pkg/ddc/jindocache/transform.go transformMaster,
// transformWorker, transformFuse, transformToken, transformLogConfig): Fluid's defaults, then what the runtime sets.
// Credentials appear only as the secrets:// paths of mounted files.
import type { JindoRuntimeSpec } from '../../../crds/schema/jindo-runtime';
import type { Credentials } from './credentials';
import { OSS_CREDENTIALS_PROVIDER, SECRET_PROVIDER_FORMAT, TOKEN_URI, LEGACY_PREFETCHER_UP_TO } from './defaults';
import { singleOssEndpoint } from './file-store';
import type { StorageType } from './mounts';
import type { JindoCache } from './tiered-store';

export type Properties = Record<string, string>;

export interface PropertyInputs {
  readonly spec: JindoRuntimeSpec;
  readonly cache: JindoCache;
  /** RPC ports; raft only with three masters. */
  readonly ports: { readonly masterRpc: number; readonly workerRpc: number; readonly raft?: number };
  /** Pod names of the masters (`<name>-jindofs-master-<i>`), for the raft peer list. */
  readonly masterPods: readonly string[];
  /** RDMA RPC (runtime annotation). @default false */
  readonly rdma: boolean;
  /** The dataset is mounted read-only. @default true */
  readonly readOnly: boolean;
  /** Fuse image tag; up to 6.2.0 selects the legacy prefetcher. */
  readonly fuseTag: string;
  /** Storage settings from the mounts (file-store.ts). */
  readonly fileStore: Properties;
  /** Storage type of the last mount; credentials settings are keyed by it. */
  readonly mountType: StorageType | undefined;
  /** Mounted Secrets, referred to by their secrets:// paths. */
  readonly credentials: Credentials;
}

const MASTER_DEFAULTS: Properties = {
  'namespace.cluster.id': 'local',
  'namespace.oss.copy.size': '1073741824',
  'namespace.filelet.threads': '200',
  'namespace.blocklet.threads': '100',
  'namespace.long-running.threads': '20',
  'namespace.filelet.cache.size': '100000',
  'namespace.blocklet.cache.size': '1000000',
  'namespace.filelet.atime.enable': 'false',
  'namespace.permission.root.inode.perm.bits': '511',
  'namespace.delete.scan.interval.second': '20',
  'namespace.delete.scan.batch.size': '5000',
  'namespace.backend.type': 'rocksdb',
};

export function masterProperties(p: PropertyInputs): Properties {
  const out: Properties = { ...MASTER_DEFAULTS };
  if (p.ports.raft !== undefined) {
    out['namespace.backend.type'] = 'raft';
    out['namespace.backend.raft.initial-conf'] = p.masterPods.map((pod) => `${pod}:${p.ports.raft}:0`).join(',');
  }
  out['namespace.rpc.port'] = String(p.ports.masterRpc);
  out['namespace.meta-dir'] = `${p.cache.metaPath}/server`;
  if (p.rdma) out['namespace.rpc.rdma.enable'] = 'true';
  return { ...out, ...p.spec.master?.properties };
}

const WORKER_DEFAULTS: Properties = {
  'storage.cluster.id': 'local',
  'storage.compaction.enable': 'false',
  'storage.compaction.period.minute': '2',
  'storage.maintainence.period.minute': '2',
  'storage.compaction.threshold': '16',
  'storage.cache.filelet.worker.threads': '200',
  'storage.address': 'localhost',
};

export function workerProperties(p: PropertyInputs): Properties {
  const out: Properties = { ...WORKER_DEFAULTS };
  if (p.cache.memory) {
    out['storage.ram.cache.size'] = p.cache.capacities;
    out['storage.slicelet.buffer.size'] = p.cache.capacities;
  }
  out['storage.rpc.port'] = String(p.ports.workerRpc);
  out['storage.data-dirs'] = p.cache.dataPath;
  out['storage.watermark.high.ratio'] = p.cache.high ?? '';
  out['storage.watermark.low.ratio'] = p.cache.low ?? '';
  out['storage.data-dirs.capacities'] = p.cache.capacities;
  if (p.rdma) Object.assign(out, { 'storage.namespace.rpc.rdma.enable': 'true', 'storage.rpc.rdma.enable': 'true' });
  return { ...out, ...p.spec.worker?.properties };
}

const FUSE_DEFAULTS: Properties = {
  'fs.jindocache.request.user': 'root',
  'fs.jindocache.tmp.data.dir': '/tmp',
  'fs.jindocache.client.metrics.enable': 'true',
  'fs.jindocache.rpc.timeout': '30000',
  'fs.oss.download.queue.size': '16',
  'fs.oss.download.thread.concurrency': '32',
  'fs.s3.download.queue.size': '16',
  'fs.s3.download.thread.concurrency': '32',
  'fs.xengine': 'jindocache',
  'jindofsx.read.readahead.prefetcher.version': 'default',
};

/** Fuse tags up to 6.2.0 need the legacy prefetcher; a tag that is not x.y.z[-suffix] keeps the default. */
function legacyPrefetcher(tag: string): boolean {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-(.+))?$/.exec(tag.trim());
  if (!m) return false;
  const version = [Number(m[1]), Number(m[2]), Number(m[3])];
  const differing = version.findIndex((n, i) => n !== LEGACY_PREFETCHER_UP_TO[i]);
  return differing < 0 || version[differing] < LEGACY_PREFETCHER_UP_TO[differing];
}

/** Per-bucket credential provider settings (pkg/ddc/jindo/oss_secret.go SetBucketSecretProviderProperties). */
function bucketProviders(prefix: string, bucketSecretPaths: Readonly<Record<string, string>>, withUrl: boolean): Properties {
  const out: Properties = {};
  for (const [bucket, uri] of Object.entries(bucketSecretPaths)) {
    out[`${prefix}.oss.bucket.${bucket}.credentials.provider`] = OSS_CREDENTIALS_PROVIDER;
    out[`${prefix}.oss.bucket.${bucket}.provider.endpoint`] = uri;
    out[`${prefix}.oss.bucket.${bucket}.provider.format`] = SECRET_PROVIDER_FORMAT;
    if (withUrl) out[`aliyun.oss.bucket.${bucket}.provider.url`] = uri;
  }
  return out;
}

function fuseCredentials(p: PropertyInputs): Properties {
  const c = p.credentials;
  if (!c.secret && !Object.keys(c.bucketSecretPaths).length) return {};
  const type = p.mountType ?? 'oss';
  return {
    [`fs.${type}.credentials.provider`]: OSS_CREDENTIALS_PROVIDER,
    [`aliyun.${type}.provider.url`]: TOKEN_URI,
    [`fs.${type}.provider.endpoint`]: TOKEN_URI,
    [`fs.${type}.provider.format`]: SECRET_PROVIDER_FORMAT,
    ...bucketProviders('fs', c.bucketSecretPaths, true),
  };
}

function endpointAliases(fileStore: Properties, keys: readonly string[]): Properties {
  const endpoint = singleOssEndpoint(fileStore);
  return endpoint ? Object.fromEntries(keys.map((k) => [k, endpoint])) : {};
}

export function fuseProperties(p: PropertyInputs): Properties {
  const out: Properties = { ...FUSE_DEFAULTS };
  if (p.rdma) Object.assign(out, { 'fs.jindocache.namespace.rpc.rdma.enable': 'true', 'fs.jindocache.storage.rpc.rdma.enable': 'true' });
  if (legacyPrefetcher(p.fuseTag)) out['jindofsx.read.readahead.prefetcher.version'] = 'legacy';
  if (p.readOnly) out['fs.jindocache.read.only.enable'] = 'true';
  for (const [k, v] of Object.entries(p.fileStore)) out[k.replace('jindocache', 'fs')] = v;
  out['fs.jindocache.storage.rpc.port'] = String(p.ports.workerRpc);
  out['fs.jindocache.ram.cache.enable'] = String(p.cache.memory);
  Object.assign(out, fuseCredentials(p), endpointAliases(p.fileStore, ['fs.oss.endpoint', 'jindocache.oss.endpoint', 'aliyun.oss.endpoint']));
  return { ...out, ...p.spec.fuse?.properties };
}

/** The fuse properties minus RDMA, for the cache client section of jindocache.cfg. */
export function cacheClientProperties(fuse: Properties): Properties {
  const out = { ...fuse };
  for (const key of ['fs.jindocache.namespace.rpc.rdma.enable', 'fs.jindocache.storage.rpc.rdma.enable', 'fs.jindocache.rpc.rdma.device']) delete out[key];
  return out;
}

/** Credential provider settings every component reads ("secret properties" in Fluid's values). */
export function tokenProperties(p: PropertyInputs): Properties {
  const c = p.credentials;
  const type = p.mountType ?? 'oss';
  const out: Properties = { 'default.credential.provider': 'none' };
  if (c.secret || Object.keys(c.bucketSecretPaths).length) {
    out['default.credential.provider'] = TOKEN_URI;
    out[`jindocache.${type}.provider.endpoint`] = TOKEN_URI;
  }
  if (Object.keys(c.bucketSecretPaths).length) out[`jindocache.${type}.provider.format`] = SECRET_PROVIDER_FORMAT;
  return { ...out, ...bucketProviders('jindocache', c.bucketSecretPaths, false), ...endpointAliases(p.fileStore, ['jindocache.oss.endpoint']) };
}

const SERVER_LOG_DEFAULTS: Properties = {
  'application.report.on': 'true',
  'metric.report.on': 'true',
  'logger.dir': '/tmp/jindocache-log',
  'logger.cleanner.enable': 'true',
  'logger.consolelogger': 'true',
  'logger.jnilogger': 'false',
  'logger.sync': 'false',
  'logger.verbose': '0',
};

const FUSE_LOG_DEFAULTS: Properties = {
  'logger.dir': '/tmp/fuse-log',
  'logger.consolelogger': 'true',
  'logger.level': '2',
  'logger.cleaner.enable': 'true',
  'logger.sync': 'false',
  'logger.verbose': '0',
  'hadoopConf.enable': 'false',
};

export function serverLogProperties(p: PropertyInputs): Properties {
  return { ...SERVER_LOG_DEFAULTS, ...p.spec.logConfig };
}

export function fuseLogProperties(p: PropertyInputs): Properties {
  const out: Properties = { ...FUSE_LOG_DEFAULTS, ...p.spec.fuse?.logConfig };
  const buckets = p.credentials.bucketSecretPaths;
  if (!Object.keys(buckets).length) return out;
  Object.assign(out, {
    'aliyun.oss.provider.url': TOKEN_URI,
    'fs.oss.provider.endpoint': TOKEN_URI,
    'fs.oss.provider.format': SECRET_PROVIDER_FORMAT,
    ...bucketProviders('fs', buckets, true),
  });
  for (const bucket of Object.keys(buckets)) {
    const endpoint = p.fileStore[`jindocache.oss.bucket.${bucket}.endpoint`];
    if (endpoint !== undefined) out[`fs.oss.bucket.${bucket}.endpoint`] = endpoint;
  }
  return { ...out, ...endpointAliases(p.fileStore, ['fs.oss.endpoint', 'aliyun.oss.endpoint']) };
}
