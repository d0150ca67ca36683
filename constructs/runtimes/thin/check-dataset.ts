// Rules Fluid enforces in code on the Dataset a ThinRuntime serves (pkg/ddc/thin/validate.go, wrap_pvc.go,
// ufs_internal.go). Each error names the Dataset field.
import type { FieldError } from '../../../crds/field-error';
import type { EncryptOption } from '../../../crds/schema/common/encrypt-option';
import type { DatasetSpec } from '../../../crds/schema/dataset';

const PVC_SCHEME = 'pvc://';

/** Mount names unique, then the paths they give (`path`, else `/<name>`) unique (validateDuplicateDatasetMounts). */
export function duplicateMounts(ds: DatasetSpec): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Map<string, number>();
  const paths = new Map<string, number>();
  (ds.mounts ?? []).forEach((m, i) => {
    const name = m.name ?? '';
    const path = m.path || `/${name}`;
    const sameName = names.get(name);
    const samePath = paths.get(path);
    // A repeated name implies a repeated path; Fluid reports the name only.
    if (sameName !== undefined) {
      errors.push({ path: `spec.mounts[${i}].name`, message: `mount name "${name}" is already used by spec.mounts[${sameName}]; ThinRuntime needs unique mount names` });
    } else if (samePath !== undefined) {
      errors.push({ path: `spec.mounts[${i}].path`, message: `mount path "${path}" is already used by spec.mounts[${samePath}] (a mount's path is its path, else /<name>); ThinRuntime needs unique mount paths` });
    } else {
      names.set(name, i);
      paths.set(path, i);
    }
  });
  return errors;
}

/** One pvc:// mount at most: the Dataset takes that claim as its owner (wrap_pvc.go bindDatasetToMountedPersistentVolumeClaim). */
export function extraClaimMounts(ds: DatasetSpec): FieldError[] {
  const claims = (ds.mounts ?? []).flatMap((m, i) => (m.mountPoint.startsWith(PVC_SCHEME) ? [i] : []));
  return claims.slice(1).map((i) => ({
    path: `spec.mounts[${i}].mountPoint`,
    message: `a Dataset served by a ThinRuntime may hold one pvc:// mount, and spec.mounts[${claims[0]}] is one already`,
  }));
}

/** Every encryptOption must name the Secret that holds its value: the fuse mounts that Secret. */
function missingSecrets(options: readonly EncryptOption[], at: string): FieldError[] {
  return options.flatMap((o, j) =>
    o.valueFrom?.secretKeyRef ? [] : [{ path: `${at}[${j}].valueFrom.secretKeyRef`, message: 'required: the Secret name and key that hold the value' }],
  );
}

/**
 * An option is set once: an encryptOption may not repeat a sharedOptions or options key, nor an earlier encryptOption
 * (ufs_internal.go genEncryptOptions). Errors on shared options are reported once, not per mount.
 */
function repeatedOptions(ds: DatasetSpec): FieldError[] {
  const errors = new Map<string, FieldError>();
  (ds.mounts ?? []).forEach((m, i) => {
    const seen = new Map<string, string>();
    for (const key of Object.keys(ds.sharedOptions ?? {})) seen.set(key, 'spec.sharedOptions');
    for (const key of Object.keys(m.options ?? {})) seen.set(key, `spec.mounts[${i}].options`);
    const encrypted = [
      ...(ds.sharedEncryptOptions ?? []).map((o, j) => ({ o, at: `spec.sharedEncryptOptions[${j}]` })),
      ...(m.encryptOptions ?? []).map((o, j) => ({ o, at: `spec.mounts[${i}].encryptOptions[${j}]` })),
    ];
    for (const { o, at } of encrypted) {
      const earlier = seen.get(o.name);
      const path = `${at}.name`;
      if (earlier !== undefined && !errors.has(path)) {
        errors.set(path, { path, message: `option "${o.name}" is already set by ${earlier}; set it once, as an option or as an encryptOption` });
      }
      seen.set(o.name, at);
    }
  });
  return [...errors.values()];
}

export function datasetErrors(ds: DatasetSpec): FieldError[] {
  return [
    ...duplicateMounts(ds),
    ...extraClaimMounts(ds),
    ...missingSecrets(ds.sharedEncryptOptions ?? [], 'spec.sharedEncryptOptions'),
    ...(ds.mounts ?? []).flatMap((m, i) => missingSecrets(m.encryptOptions ?? [], `spec.mounts[${i}].encryptOptions`)),
    ...repeatedOptions(ds),
  ];
}
