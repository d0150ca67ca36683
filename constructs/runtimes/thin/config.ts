// config.json, the file every thin fuse image reads at /etc/fluid/config/config.json to learn what to mount
// (pkg/ddc/thin/type.go Config, transform_config.go transformFuseConfig). Same keys as Fluid, in Go's field order.
import type { Mount } from '../../../crds/schema/common/mount';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import { effectiveAccessModes } from './mount-options';
import { secretFiles } from './secret-volumes';
import type { VolumeSet } from './volumes';

export interface FuseConfigInput {
  /** The Dataset: mounts, shared options and access modes. */
  readonly dataset: DatasetSpec;
  /** The runtime's spec.fuse.options (runtimeOptions; the profile's options are not in config.json). @default - none */
  readonly runtimeOptions?: Readonly<Record<string, string>>;
  /** Where the fuse mounts. */
  readonly targetPath: string;
}

export interface FuseConfig {
  /** The text of config.json. */
  readonly json: string;
  /** The Secrets the fuse must mount so the file paths in config.json exist. */
  readonly secrets: VolumeSet;
}

function sortedMap(map: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const keys = Object.keys(map).sort();
  return keys.length ? Object.fromEntries(keys.map((k) => [k, map[k]])) : undefined;
}

/** A mount as Go marshals datav1alpha1.Mount: empty fields left out, encryptOptions replaced by file paths in options. */
function configMount(m: Mount, options: Readonly<Record<string, string>>): Record<string, unknown> {
  return {
    mountPoint: m.mountPoint,
    options: sortedMap(options),
    name: m.name || undefined,
    path: m.path || undefined,
    readOnly: m.readOnly || undefined,
    shared: m.shared || undefined,
  };
}

export function fuseConfig(input: FuseConfigInput): FuseConfig {
  const ds = input.dataset;
  const shared = ds.sharedEncryptOptions ?? [];
  const mounts = (ds.mounts ?? []).map((m) =>
    configMount(m, { ...ds.sharedOptions, ...m.options, ...secretFiles([...shared, ...(m.encryptOptions ?? [])]).files }),
  );
  // Shared Secrets are mounted even for a Dataset without mounts, as Fluid does.
  const everySecret = [...shared, ...(ds.mounts ?? []).flatMap((m) => m.encryptOptions ?? [])];
  const config = {
    mounts,
    targetPath: input.targetPath,
    runtimeOptions: sortedMap(input.runtimeOptions ?? {}),
    // Fluid also writes persistentVolumeAttrs and persistentVolumeMountOptions for a pvc:// mount: the CSI source and
    // mount options of the PV bound to that claim. synth cannot see that PV, so they are left out here; the operator
    // has to add them from the observed PV before the fuse can mount the claim.
    accessModes: effectiveAccessModes(ds.accessModes),
  };
  return { json: `${JSON.stringify(config, null, 2)}\n`, secrets: secretFiles(everySecret).secrets };
}
