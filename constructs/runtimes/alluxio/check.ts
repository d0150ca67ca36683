// The rules Fluid enforces in its Alluxio engine's code rather than in the CRD schema. Fluid fails the setup step
// (or drops a setting with a log line) on these; we refuse the runtime with an error naming the field.
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import type { EncryptOption } from '../../../crds/schema/common/encrypt-option';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import { datasetRefOf, EngineError, RenderInput } from '../runtime-engine';
import { NEW_FUSE_ARGS_VERSION } from './defaults';
import { compareVersion, fuseImage } from './images';
import { canonicalQuantity } from '../../quantity';
import { limitBelowTier } from '../memory-tier';
import { tieredStoreErrors } from '../tiered-store-rules';
import { memoryQuota, specTiers } from './tiered-store';
import { isNativeMount } from './ufs-mounts';
import { unsupportedSchemeErrors } from './ufs-schemes';

const datasetError = (path: string, message: string): EngineError => ({ object: 'dataset', path, message });
const runtimeError = (path: string, message: string): EngineError => ({ object: 'runtime', path, message });

/** An option can come from options or from a Secret, not both (genEncryptOptions in pkg/ddc/alluxio/ufs_internal.go). */
function repeatedOptions(dataset: DatasetSpec, mountIndex: number): EngineError[] {
  const mount = dataset.mounts![mountIndex];
  const setIn = new Map<string, string>();
  for (const key of Object.keys(dataset.sharedOptions ?? {})) setIn.set(key, 'spec.sharedOptions');
  for (const key of Object.keys(mount.options ?? {})) setIn.set(key, `spec.mounts[${mountIndex}].options`);
  const encrypted: [string, EncryptOption][] = [
    ...(dataset.sharedEncryptOptions ?? []).map((o, j): [string, EncryptOption] => [`spec.sharedEncryptOptions[${j}]`, o]),
    ...(mount.encryptOptions ?? []).map((o, j): [string, EncryptOption] => [`spec.mounts[${mountIndex}].encryptOptions[${j}]`, o]),
  ];
  const errors: EngineError[] = [];
  for (const [path, option] of encrypted) {
    const earlier = setIn.get(option.name);
    if (earlier) errors.push(datasetError(`${path}.name`, `option "${option.name}" is also set in ${earlier}; set it once, in options or in encryptOptions`));
    else setIn.set(option.name, path);
  }
  return errors;
}

/** Each encrypt option must name the Secret key the master mounts and reads. */
function secretRefErrors(path: string, option: EncryptOption): EngineError[] {
  const ref = option.valueFrom?.secretKeyRef;
  if (!ref) return [datasetError(`${path}.valueFrom.secretKeyRef`, 'required: the Secret name and key that hold the value of this option')];
  if (!ref.key) return [datasetError(`${path}.valueFrom.secretKeyRef.key`, `required: the key of Secret "${ref.name}" that holds the value (the master reads /etc/fluid/secrets/${ref.name}/<key>)`)];
  return [];
}

function encryptOptionErrors(dataset: DatasetSpec): EngineError[] {
  const mounts = dataset.mounts ?? [];
  const nonNative = mounts.map((m, i) => [m, i] as const).filter(([m]) => !isNativeMount(m.mountPoint));
  if (!nonNative.length) return [];
  const errors = [
    ...(dataset.sharedEncryptOptions ?? []).flatMap((o, j) => secretRefErrors(`spec.sharedEncryptOptions[${j}]`, o)),
    ...nonNative.flatMap(([m, i]) => (m.encryptOptions ?? []).flatMap((o, j) => secretRefErrors(`spec.mounts[${i}].encryptOptions[${j}]`, o))),
    ...nonNative.flatMap(([, i]) => repeatedOptions(dataset, i)),
  ];
  // A shared option clashing with a shared encrypt option shows up once per mount; report it once.
  const unique = new Map(errors.map((e) => [`${e.path}\n${e.message}`, e]));
  return [...unique.values()];
}

/** A volumeMount must name a volume of spec.volumes (transform_volumes.go; Fluid logs and drops the mounts). */
function volumeMountErrors(spec: AlluxioRuntimeSpec): EngineError[] {
  const names = (spec.volumes ?? []).map((v) => v.name);
  const known = names.length ? `volumes: ${names.join(', ')}` : 'spec.volumes is empty';
  return (['master', 'worker', 'fuse'] as const).flatMap((component) =>
    (spec[component]?.volumeMounts ?? []).flatMap((mount, i) =>
      names.includes(mount.name) ? [] : [runtimeError(`spec.${component}.volumeMounts[${i}].name`, `no volume "${mount.name}" in spec.volumes (${known})`)],
    ),
  );
}

/** The MEM tiers live in worker memory, so they cannot exceed the worker's memory limit (transform_resources.go). */
function workerMemoryErrors(input: RenderInput<AlluxioRuntimeSpec>): EngineError[] {
  const { spec } = input.runtime;
  const memory = memoryQuota(specTiers(spec.tieredstore, datasetRefOf(input)));
  const limit = limitBelowTier(spec.worker?.resources, memory);
  if (limit === undefined || !memory) return [];
  return [runtimeError('spec.worker.resources.limits.memory', `is ${limit}, less than the ${canonicalQuantity(memory)} the MEM tiers of spec.tieredstore hold; raise the limit or lower the MEM quotas`)];
}

/** Fluid reads the fuse image tag as a version to choose the fuse arguments (transform_fuse.go). */
function fuseTagErrors(input: RenderInput<AlluxioRuntimeSpec>): EngineError[] {
  const tag = fuseImage(input.runtime.spec, input.settings).tag;
  if (compareVersion(tag, NEW_FUSE_ARGS_VERSION) !== undefined) return [];
  return [runtimeError('spec.fuse.imageTag', `expected a version such as "2.9.0" (Fluid compares it with 2.8.0 to choose the fuse arguments), got "${tag}"`)];
}

export function checkAlluxio(input: RenderInput<AlluxioRuntimeSpec>): EngineError[] {
  const spec = input.runtime.spec;
  return [
    ...unsupportedSchemeErrors(input.dataset.spec),
    ...encryptOptionErrors(input.dataset.spec),
    ...volumeMountErrors(spec),
    ...tieredStoreErrors(spec.tieredstore?.levels),
    ...workerMemoryErrors(input),
    ...fuseTagErrors(input),
  ];
}
