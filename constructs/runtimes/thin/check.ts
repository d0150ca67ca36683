// ThinRuntime's engine.check: the rules Fluid enforces in code (fluid-spec.md §1.14, §8), plus the cases where Fluid
// logs and renders a broken or partial fuse (missing volume, malformed host volume), reported here instead.
import type { DatasetSpec } from '../../../crds/schema/dataset';
import type { ThinRuntimeSpec } from '../../../crds/schema/thin-runtime';
import type { EngineError, RenderInput } from '../runtime-engine';
import { datasetErrors } from './check-dataset';
import { hostVolumes } from './host-volumes';
import { mergedImage, ThinLayer } from './merge';
import { mountedVolumes } from './volumes';

const REFERENCE_SCHEME = 'dataset://';

type Owner = 'runtime' | 'profile';

/** An empty profileName selects Fluid's reference-dataset engine (pkg/ddc/thin/engine.go CheckReferenceDatasetRuntime). */
function referenceDatasetError(ds: DatasetSpec): EngineError {
  const reference = (ds.mounts ?? []).some((m) => m.mountPoint.startsWith(REFERENCE_SCHEME));
  const message = reference
    ? 'is empty, so this ThinRuntime would serve a reference dataset (dataset:// mount), which is not supported yet: its volume mirrors the PV of the referenced Dataset; name a ThinRuntimeProfile to run a fuse instead'
    : 'required: name the ThinRuntimeProfile that describes the fuse; an empty profileName is only for a Dataset with a single dataset:// mount';
  return { object: 'runtime', path: 'spec.profileName', message };
}

/** Only preStop may be customised (transform_fuse.go parseLifecycle). */
function postStartErrors(layer: ThinLayer | undefined, object: Owner): EngineError[] {
  if (!layer?.fuse?.lifecycle?.postStart) return [];
  return [{ object, path: 'spec.fuse.lifecycle.postStart', message: 'is not supported: the fuse lifecycle accepts only preStop' }];
}

/** A volumeMount must name a volume of the same object's spec.volumes (transform_volumes.go). */
function undeclaredMounts(layer: ThinLayer | undefined, part: 'fuse' | 'worker', object: Owner): EngineError[] {
  const declared = (layer?.volumes ?? []).map((v) => v.name);
  const known = declared.length ? `one of: ${declared.join(', ')}` : 'none is declared';
  return (layer?.[part]?.volumeMounts ?? []).flatMap((m, i) =>
    declared.includes(m.name)
      ? []
      : [{ object, path: `spec.${part}.volumeMounts[${i}].name`, message: `no volume "${m.name}" in spec.volumes (${known})` }],
  );
}

function imageErrors(profile: ThinLayer, runtime: ThinRuntimeSpec, profileName: string): EngineError[] {
  const errors: EngineError[] = [];
  // Fluid: "fuse <name> image is nil" (transform_fuse.go transformFuse).
  if (!mergedImage(profile, runtime, 'fuse').image) {
    errors.push({ object: 'runtime', path: 'spec.fuse.image', message: `required: neither this runtime nor ThinRuntimeProfile "${profileName}" sets a fuse image` });
  }
  if (runtime.worker?.enabled && !mergedImage(profile, runtime, 'worker').image) {
    errors.push({ object: 'runtime', path: 'spec.worker.image', message: `required when spec.worker.enabled is true: neither this runtime nor ThinRuntimeProfile "${profileName}" sets a worker image` });
  }
  return errors;
}

function volumeErrors(profile: ThinLayer, runtime: ThinRuntimeSpec): EngineError[] {
  const parts: ('fuse' | 'worker')[] = runtime.worker?.enabled ? ['fuse', 'worker'] : ['fuse'];
  return parts.flatMap((part) => [...undeclaredMounts(profile, part, 'profile'), ...undeclaredMounts(runtime, part, 'runtime')]);
}

function dataset(errors: readonly { path: string; message: string }[]): EngineError[] {
  return errors.map((e) => ({ object: 'dataset', ...e }));
}

export function checkThin(input: RenderInput<ThinRuntimeSpec>): EngineError[] {
  const runtime = input.runtime.spec;
  const ds = input.dataset.spec;
  if (!runtime.profileName) return [referenceDatasetError(ds)];
  const profile: ThinLayer = input.profile?.spec ?? {};
  const profileFuseMounts = mountedVolumes(profile.volumes, profile.fuse?.volumeMounts).mounts;
  return [
    ...postStartErrors(profile, 'profile'),
    ...postStartErrors(runtime, 'runtime'),
    ...imageErrors(profile, runtime, runtime.profileName),
    ...volumeErrors(profile, runtime),
    ...dataset(datasetErrors(ds)),
    ...dataset(hostVolumes(ds.mounts, profileFuseMounts, false).errors),
  ];
}
