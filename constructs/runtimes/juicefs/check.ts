// Rules Fluid's JuiceFS engine enforces in code (pkg/ddc/juicefs/utils.go, transform*.go, transform_volume.go,
// transform_resources.go), reported up front with the field they are about.
import type { EncryptOption } from '../../../crds/schema/common/encrypt-option';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import type { JuiceFSRuntimeSpec } from '../../../crds/schema/juicefs-runtime';
import { canonicalQuantity, parseQuantity, quantityValue } from '../../quantity';
import { limitBelowTier } from '../memory-tier';
import type { EngineError, RenderInput } from '../runtime-engine';
import { tieredStoreErrors } from '../tiered-store-rules';
import { SECRET_ENV } from './defaults';
import { metricsPortOption, subPathOf } from './options';
import { ENV_NAME, envNameOf } from './secrets';
import { editionOf, memoryTierOf } from './values';

const datasetError = (path: string, message: string): EngineError => ({ object: 'dataset', path, message });
const runtimeError = (path: string, message: string): EngineError => ({ object: 'runtime', path, message });

function mountPointErrors(dataset: DatasetSpec): EngineError[] {
  const mounts = dataset.mounts ?? [];
  if (!mounts.length) return [datasetError('spec.mounts', 'JuiceFSRuntime needs a mount juicefs:///<subdir> (juicefs:/// for the whole file system)')];
  return mounts.flatMap((m, i) =>
    m.mountPoint.startsWith('juicefs://') && subPathOf(m.mountPoint) !== undefined
      ? []
      : [datasetError(`spec.mounts[${i}].mountPoint`, `JuiceFSRuntime mounts juicefs:///<subdir> only; got "${m.mountPoint}"`)],
  );
}

function encryptOptionError(e: EncryptOption, at: string): EngineError | undefined {
  const ref = e.valueFrom?.secretKeyRef;
  if (!ref?.name || !ref.key) {
    const field = ref?.name ? 'valueFrom.secretKeyRef.key' : 'valueFrom.secretKeyRef';
    return datasetError(`${at}.${field}`, `required: JuiceFS passes encryptOption "${e.name}" to its containers by secretKeyRef, which needs the Secret name and key`);
  }
  if (e.name === 'quota' || e.name in SECRET_ENV || ENV_NAME.test(envNameOf(e.name))) return undefined;
  return datasetError(`${at}.name`, `"${e.name}" becomes environment variable "${envNameOf(e.name)}", which is not a valid name; use letters, digits, "-" and "_", not starting with a digit`);
}

/** JuiceFS reads the Dataset's sharedEncryptOptions and the first mount's encryptOptions. */
function encryptOptionErrors(dataset: DatasetSpec): EngineError[] {
  const shared = (dataset.sharedEncryptOptions ?? []).map((e, j) => encryptOptionError(e, `spec.sharedEncryptOptions[${j}]`));
  const own = (dataset.mounts?.[0]?.encryptOptions ?? []).map((e, j) => encryptOptionError(e, `spec.mounts[0].encryptOptions[${j}]`));
  return [...shared, ...own].filter((e): e is EngineError => e !== undefined);
}

/** The `quota` option sets a sub-directory's capacity in whole GiB (transform_fuse.go genQuotaCmd, getQuota). */
function quotaErrors(dataset: DatasetSpec): EngineError[] {
  const mount = dataset.mounts?.[0];
  const quota = mount?.options?.quota;
  if (quota === undefined) return [];
  const at = 'spec.mounts[0].options.quota';
  const q = parseQuantity(quota);
  if (!q) return [datasetError(at, `expected a quantity such as "10Gi", got "${quota}"`)];
  if (quantityValue(q) >> 30n < 1n) return [datasetError(at, `is ${quota}; a JuiceFS quota is at least 1Gi`)];
  const subPath = subPathOf(mount!.mountPoint);
  if (subPath === undefined || subPath === '/') return [datasetError(at, 'needs a sub-directory to apply to: set the mount point to juicefs:///<subdir>')];
  return [];
}

function metricsErrors(spec: JuiceFSRuntimeSpec, community: boolean): EngineError[] {
  if (!community) return [];
  return (['worker', 'fuse'] as const).flatMap((component) => {
    const value = spec[component]?.options?.metrics;
    if (value === undefined || metricsPortOption(spec[component]?.options) !== undefined) return [];
    return [runtimeError(`spec.${component}.options.metrics`, `expected <address>:<port> such as 0.0.0.0:9567, got "${value}"`)];
  });
}

/** Worker mounts name a volume or a volumeClaimTemplate, never an ambiguous one; every template is mounted. */
function workerVolumeErrors(spec: JuiceFSRuntimeSpec): EngineError[] {
  const volumes = new Set((spec.volumes ?? []).map((v) => v.name));
  const templates = (spec.volumeClaimTemplates ?? []).map((pvc) => pvc.metadata?.name ?? '');
  const mounted = new Set((spec.worker?.volumeMounts ?? []).map((m) => m.name));
  const errors = templates.flatMap((name, k) => {
    const at = `spec.volumeClaimTemplates[${k}].metadata.name`;
    if (volumes.has(name)) return [runtimeError(at, `"${name}" is also a volume in spec.volumes; a worker volume name must be one or the other`)];
    return mounted.has(name) ? [] : [runtimeError(at, `"${name}" is mounted by no spec.worker.volumeMounts entry; mount it or remove it`)];
  });
  (spec.worker?.volumeMounts ?? []).forEach((m, k) => {
    if (!volumes.has(m.name) && !templates.includes(m.name)) {
      errors.push(runtimeError(`spec.worker.volumeMounts[${k}].name`, `names no volume in spec.volumes and no spec.volumeClaimTemplates entry, got "${m.name}"`));
    }
  });
  return errors;
}

function fuseVolumeErrors(spec: JuiceFSRuntimeSpec): EngineError[] {
  const volumes = new Set((spec.volumes ?? []).map((v) => v.name));
  return (spec.fuse?.volumeMounts ?? []).flatMap((m, k) =>
    volumes.has(m.name) ? [] : [runtimeError(`spec.fuse.volumeMounts[${k}].name`, `names no volume in spec.volumes, got "${m.name}"`)],
  );
}

/** A memory tier is held in the fuse's (and the enterprise worker's) memory, so their memory limits must fit it. */
function memoryLimitErrors(spec: JuiceFSRuntimeSpec, community: boolean): EngineError[] {
  const tier = memoryTierOf(spec.tieredstore?.levels);
  const holders = community ? (['fuse'] as const) : (['fuse', 'worker'] as const);
  return holders.flatMap((component) => {
    const limit = spec[component]?.options?.['cache-size'] ? undefined : limitBelowTier(spec[component]?.resources, tier);
    if (limit === undefined) return [];
    return [runtimeError(`spec.${component}.resources.limits.memory`, `is ${limit}, below the ${canonicalQuantity(tier!)} memory tier of spec.tieredstore.levels[0] that the ${component} holds in memory`)];
  });
}

export function checkJuiceFS(input: RenderInput<JuiceFSRuntimeSpec>): EngineError[] {
  const dataset = input.dataset.spec;
  const { spec } = input.runtime;
  const community = editionOf(dataset) === 'community';
  return [
    ...mountPointErrors(dataset),
    ...encryptOptionErrors(dataset),
    ...quotaErrors(dataset),
    ...tieredStoreErrors(spec.tieredstore?.levels),
    ...metricsErrors(spec, community),
    ...workerVolumeErrors(spec),
    ...fuseVolumeErrors(spec),
    ...memoryLimitErrors(spec, community),
  ];
}
