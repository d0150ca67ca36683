// Rules Fluid's jindocache engine enforces in code (pkg/ddc/jindocache/transform.go, transform_resources.go,
// pkg/ddc/jindo/oss_secret.go), reported up front with the field they are about.
import type { EncryptOption } from '../../../crds/schema/common/encrypt-option';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import type { JindoRuntimeSpec } from '../../../crds/schema/jindo-runtime';
import type { VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { canonicalQuantity } from '../../quantity';
import { limitBelowTier } from '../memory-tier';
import type { EngineError, RenderInput } from '../runtime-engine';
import { tieredStoreErrors } from '../tiered-store-rules';
import { GO_INT, MergedMount, mergedMounts, mountKind, ossBucket } from './mounts';
import { jindoCache } from './tiered-store';

const ACCEPTED = 'oss://<bucket>/<path>, s3://, cos://, obs://, hdfs://, dls://, local:///<host path> or pvc://<claim>[/<path>]';

const datasetError = (path: string, message: string): EngineError => ({ object: 'dataset', path, message });
const runtimeError = (path: string, message: string): EngineError => ({ object: 'runtime', path, message });

/** Where an option of a merged mount was written: the mount's own options, else the Dataset's sharedOptions. */
function optionPath(m: MergedMount, key: string): string {
  const at = m.mount.options?.[key] !== undefined ? `spec.mounts[${m.index}].options` : 'spec.sharedOptions';
  return /^[A-Za-z_][\w-]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;
}

/** Where the j-th merged encrypt option was written: sharedEncryptOptions come first. */
function encryptOptionPath(m: MergedMount, j: number, sharedCount: number): string {
  return j < sharedCount ? `spec.sharedEncryptOptions[${j}]` : `spec.mounts[${m.index}].encryptOptions[${j - sharedCount}]`;
}

function secretRefErrors(m: MergedMount, sharedCount: number): EngineError[] {
  return m.encryptOptions.flatMap((e, j) => {
    const ref = e.valueFrom?.secretKeyRef;
    if (ref?.name && ref.key) return [];
    const field = ref?.name ? 'valueFrom.secretKeyRef.key' : 'valueFrom.secretKeyRef';
    return [datasetError(`${encryptOptionPath(m, j, sharedCount)}.${field}`, `required: Jindo mounts the Secret key of encryptOption "${e.name}" as a file, so it needs both the Secret name and the key`)];
  });
}

function ossErrors(m: MergedMount): EngineError[] {
  const bucket = ossBucket(m.mount.mountPoint);
  if (!bucket) return [datasetError(`spec.mounts[${m.index}].mountPoint`, `names no bucket; expected oss://<bucket>/<path>, got "${m.mount.mountPoint}"`)];
  const errors: EngineError[] = [];
  if (!m.options['fs.oss.endpoint']) {
    errors.push(datasetError(`spec.mounts[${m.index}].options["fs.oss.endpoint"]`, 'required for an oss:// mount (here or in spec.sharedOptions): the OSS endpoint, e.g. oss-cn-hangzhou-internal.aliyuncs.com'));
  }
  const names = new Set(m.encryptOptions.map((e) => e.name));
  const id = names.has('fs.oss.accessKeyId');
  if (id !== names.has('fs.oss.accessKeySecret')) {
    const has = id ? 'fs.oss.accessKeyId' : 'fs.oss.accessKeySecret';
    errors.push(datasetError(`spec.mounts[${m.index}].encryptOptions`, `bucket "${bucket}" has only ${has} as an encryptOption; give both fs.oss.accessKeyId and fs.oss.accessKeySecret as encryptOptions, or neither`));
  }
  return errors;
}

function policyErrors(m: MergedMount): EngineError[] {
  const o = m.options;
  const errors: EngineError[] = [];
  if (o.metaPolicy !== undefined && o.metaPolicy !== 'ONCE' && o.metaPolicy !== 'ALWAYS') {
    errors.push(datasetError(optionPath(m, 'metaPolicy'), `must be ONCE or ALWAYS, got "${o.metaPolicy}"`));
  }
  const metaOnce = (o.metaPolicy ?? 'ONCE') === 'ONCE';
  if (o.cacheStrategy === 'DHT' && !metaOnce) errors.push(datasetError(optionPath(m, 'cacheStrategy'), `DHT needs metaPolicy ONCE, got metaPolicy "${o.metaPolicy}"`));
  if (o.writePolicy === 'CACHE_ONLY' && !metaOnce) errors.push(datasetError(optionPath(m, 'writePolicy'), `CACHE_ONLY needs metaPolicy ONCE, got metaPolicy "${o.metaPolicy}"`));
  for (const key of ['readCacheReplica', 'writeCacheReplica']) {
    if (o[key] && !GO_INT.test(o[key])) errors.push(datasetError(optionPath(m, key), `must be an integer, got "${o[key]}"`));
  }
  return errors;
}

function mountErrors(m: MergedMount, sharedCount: number): EngineError[] {
  const kind = mountKind(m.mount.mountPoint);
  if (kind.kind === 'unsupported') return [datasetError(`spec.mounts[${m.index}].mountPoint`, `JindoRuntime reads ${ACCEPTED}; got "${m.mount.mountPoint}"`)];
  if (kind.kind === 'local') return [];
  const oss = kind.kind === 'storage' && kind.type === 'oss' ? ossErrors(m) : [];
  return [...oss, ...secretRefErrors(m, sharedCount), ...policyErrors(m)];
}

const OSS_FILES: Record<string, string> = { 'fs.oss.accessKeyId': 'AccessKeyId', 'fs.oss.accessKeySecret': 'AccessKeySecret' };

/** Two mounts of one bucket must take its keys from the same Secret key (oss_secret.go AppendSecretProjection). */
function projectionConflicts(mounts: readonly MergedMount[], sharedCount: number): EngineError[] {
  const seen = new Map<string, string>();
  const errors: EngineError[] = [];
  for (const m of mounts) {
    const bucket = m.mount.mountPoint.startsWith('oss://') ? ossBucket(m.mount.mountPoint) : '';
    m.encryptOptions.forEach((e: EncryptOption, j) => {
      const ref = e.valueFrom?.secretKeyRef;
      if (!bucket || !OSS_FILES[e.name] || !ref?.key) return;
      const file = `${bucket}/${OSS_FILES[e.name]}`;
      const source = `${ref.name}/${ref.key}`;
      const earlier = seen.get(file);
      if (earlier === undefined) seen.set(file, source);
      else if (earlier !== source) {
        errors.push(datasetError(encryptOptionPath(m, j, sharedCount), `bucket "${bucket}" already takes ${e.name} from Secret key ${earlier}; one bucket has one set of keys, got ${source}`));
      }
    });
  }
  return errors;
}

function datasetErrors(dataset: DatasetSpec, spec: JindoRuntimeSpec): EngineError[] {
  const mounts = mergedMounts(dataset);
  const shared = dataset.sharedEncryptOptions?.length ?? 0;
  const errors = [...mounts.flatMap((m) => mountErrors(m, shared)), ...projectionConflicts(mounts, shared)];
  if (spec.master?.disabled && spec.worker?.disabled && !mounts.length) {
    errors.push(datasetError('spec.mounts', 'needs a mount: with master and worker disabled, the Jindo fuse reads the first mount directly'));
  }
  return errors;
}

const nonEmpty = (labels: Record<string, string> | undefined) => !!labels && Object.keys(labels).length > 0;

/** The deprecated labels fields and podMetadata.labels are exclusive (transform.go transformPodMetadata). */
function labelErrors(spec: JindoRuntimeSpec): EngineError[] {
  const deprecated: [string, Record<string, string> | undefined][] = [
    ['spec.labels', spec.labels],
    ['spec.master.labels', spec.master?.labels],
    ['spec.worker.labels', spec.worker?.labels],
    ['spec.fuse.labels', spec.fuse?.labels],
  ];
  const first = deprecated.find(([, labels]) => nonEmpty(labels));
  const podLabels = [spec.podMetadata, spec.master?.podMetadata, spec.worker?.podMetadata, spec.fuse?.podMetadata].some((p) => nonEmpty(p?.labels));
  if (!first || !podLabels) return [];
  return [runtimeError(first[0], 'cannot be combined with podMetadata.labels; the deprecated labels fields and podMetadata.labels are exclusive, use podMetadata.labels only')];
}

function volumeMountErrors(spec: JindoRuntimeSpec, component: 'master' | 'worker', mounts: readonly VolumeMount[] | undefined): EngineError[] {
  const known = (spec.volumes ?? []).map((v) => v.name);
  return (mounts ?? []).flatMap((m, k) =>
    known.includes(m.name) ? [] : [runtimeError(`spec.${component}.volumeMounts[${k}].name`, `names no volume in spec.volumes${known.length ? ` (known: ${known.join(', ')})` : ''}, got "${m.name}"`)],
  );
}

function fuseArgErrors(spec: JindoRuntimeSpec): EngineError[] {
  return (spec.fuse?.args ?? []).flatMap((arg, k) =>
    arg.startsWith('-ometrics_port=') && !/^\d+$/.test(arg.slice('-ometrics_port='.length))
      ? [runtimeError(`spec.fuse.args[${k}]`, `expected -ometrics_port=<port number>, got "${arg}"`)]
      : [],
  );
}

/** A memory tier is held in the worker's memory, so its memory limit must fit it. */
function memoryLimitErrors(spec: JindoRuntimeSpec, ns: string, name: string): EngineError[] {
  const tier = jindoCache(spec.tieredstore?.levels, ns, name).workerMemory;
  const limit = limitBelowTier(spec.worker?.resources, tier);
  if (limit === undefined) return [];
  return [runtimeError('spec.worker.resources.limits.memory', `is ${limit}, below the ${canonicalQuantity(tier!)} memory tier of spec.tieredstore.levels[0] that the worker holds in memory`)];
}

export function checkJindo(input: RenderInput<JindoRuntimeSpec>): EngineError[] {
  const { spec, metadata } = input.runtime;
  return [
    ...datasetErrors(input.dataset.spec, spec),
    ...tieredStoreErrors(spec.tieredstore?.levels),
    ...labelErrors(spec),
    ...volumeMountErrors(spec, 'master', spec.master?.volumeMounts),
    ...volumeMountErrors(spec, 'worker', spec.worker?.volumeMounts),
    ...fuseArgErrors(spec),
    ...memoryLimitErrors(spec, metadata.namespace ?? 'default', metadata.name),
  ];
}
