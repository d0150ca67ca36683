// The checks Fluid makes of a Dataset in code rather than in its CRD (fluid-spec.md §1.14), as field errors: the
// name must be a DNS-1035 label (pkg/controllers/v1alpha1/dataset/dataset_controller.go), and a dataset:// mount must
// be the only mount (pkg/ddc/base/dataset.go CheckReferenceDataset). Mount names and the paths they give must be
// unique: Fluid checks that for ThinRuntime (pkg/ddc/thin/validate.go); every engine places a mount at its path
// (`path`, or `/<name>`), so two mounts at one path never work, and we check it for all.
import type { FieldError } from '../../crds/field-error';

/** Fluid's IsDNS1035Label: at most 63 characters, a lowercase letter first, then letters, digits and '-'. */
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_MAX = 63;

interface MountLike {
  readonly mountPoint?: unknown;
  readonly name?: unknown;
  readonly path?: unknown;
}

function nameErrors(name: string): FieldError[] {
  if (name.length <= DNS_1035_MAX && DNS_1035_LABEL.test(name)) return [];
  return [{ path: 'metadata.name', message: `"${name}" is not a DNS-1035 label (at most 63 characters: a lowercase letter, then lowercase letters, digits or '-', not ending in '-'); Fluid refuses such Dataset names` }];
}

function referenceErrors(mounts: readonly MountLike[]): FieldError[] {
  const refs = mounts.flatMap((m, i) => (typeof m.mountPoint === 'string' && m.mountPoint.startsWith('dataset://') ? [i] : []));
  if (refs.length > 1) return [{ path: `spec.mounts[${refs[1]}].mountPoint`, message: `${refs.length} dataset:// mounts; a Dataset may reference one other Dataset` }];
  if (refs.length === 1 && mounts.length > 1) return [{ path: `spec.mounts[${refs[0]}].mountPoint`, message: 'a dataset:// mount must be the only mount of its Dataset' }];
  return [];
}

/** Where a mount appears in the dataset: its path, or /<name> (pkg/utils/ufs_path_builder.go). */
function mountPath(m: MountLike): string {
  const raw = typeof m.path === 'string' && m.path !== '' ? m.path : `/${typeof m.name === 'string' ? m.name : ''}`;
  return raw.length > 1 ? raw.replace(/\/+$/, '') : raw;
}

function uniquenessErrors(mounts: readonly MountLike[]): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Map<string, number>();
  const paths = new Map<string, number>();
  mounts.forEach((m, i) => {
    const name = typeof m.name === 'string' && m.name !== '' ? m.name : undefined;
    if (name !== undefined && names.has(name)) errors.push({ path: `spec.mounts[${i}].name`, message: `"${name}" is also the name of spec.mounts[${names.get(name)}]; mount names must be unique` });
    else if (paths.has(mountPath(m)) && mounts.length > 1) errors.push({ path: `spec.mounts[${i}]`, message: `appears at ${mountPath(m)}, as spec.mounts[${paths.get(mountPath(m))}] does; set a different name or path` });
    if (name !== undefined && !names.has(name)) names.set(name, i);
    if (!paths.has(mountPath(m))) paths.set(mountPath(m), i);
  });
  return errors;
}

/** Every problem of the Dataset's name and mounts, as field errors. */
export function datasetSpecErrors(dataset: { metadata: { name: string }; spec?: { mounts?: readonly MountLike[] } }): FieldError[] {
  const mounts = dataset.spec?.mounts ?? [];
  return [...nameErrors(dataset.metadata.name), ...referenceErrors(mounts), ...uniquenessErrors(mounts)];
}
