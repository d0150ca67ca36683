// The Dataset mount option `fluid.fuse.hostvolume: <hostPath>[:<mountPath>]` gives the fuse a host folder
// (pkg/ddc/thin/transform_fuse.go parseHostVolumeFromDataset). Fluid logs a malformed value and drops the volume;
// we report it (check.ts) so the fuse never starts without a folder the user asked for.
import { posix } from 'node:path';
import type { FieldError } from '../../../crds/field-error';
import type { Mount } from '../../../crds/schema/common/mount';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { HOST_VOLUME_OPTION } from './defaults';
import { hostVolumeName } from './names';
import type { VolumeSet } from './volumes';

export interface HostVolumes {
  /** One hostPath volume per mount that sets the option, named fluid-fuse-hostvolume-<i>. */
  readonly set: VolumeSet;
  /** Malformed values, by Dataset field path. */
  readonly errors: readonly FieldError[];
}

interface HostFolder {
  readonly hostPath: string;
  readonly mountPath: string;
}

function parse(value: string, path: string, taken: readonly VolumeMount[]): HostFolder | FieldError {
  const parts = value.split(':');
  const [hostPath, mountPath = hostPath] = parts;
  if (parts.length > 2) return { path, message: `expected <hostPath>[:<mountPath>], got "${value}"` };
  if (!posix.isAbsolute(hostPath)) return { path, message: `the host path must be absolute (e.g. /mnt/data), got "${hostPath}"` };
  if (!posix.isAbsolute(mountPath)) return { path, message: `the mount path must be absolute (e.g. /data), got "${mountPath}"` };
  // Fluid compares only an explicit mount path with the mounts already there.
  const clash = parts.length === 2 ? taken.find((m) => m.mountPath === mountPath) : undefined;
  if (clash) return { path, message: `mount path "${mountPath}" is already used by the fuse volumeMount "${clash.name}"` };
  return { hostPath, mountPath };
}

/**
 * @param taken the fuse volumeMounts of the profile, which Fluid has added before these
 * @param readOnly true when the Dataset lists ReadOnlyMany; Fluid reads the list as written, so an empty one gives read-write
 */
export function hostVolumes(mounts: readonly Mount[] | undefined, taken: readonly VolumeMount[], readOnly: boolean): HostVolumes {
  const errors: FieldError[] = [];
  const set = { volumes: [] as Volume[], mounts: [] as VolumeMount[] };
  (mounts ?? []).forEach((m, i) => {
    const value = m.options?.[HOST_VOLUME_OPTION];
    if (value === undefined) return;
    const folder = parse(value, `spec.mounts[${i}].options["${HOST_VOLUME_OPTION}"]`, [...taken, ...set.mounts]);
    if ('message' in folder) {
      errors.push(folder);
      return;
    }
    const name = hostVolumeName(set.volumes.length);
    set.volumes.push({ name, hostPath: { path: folder.hostPath } });
    set.mounts.push({ name, mountPath: folder.mountPath, ...(readOnly ? { readOnly } : {}) });
  });
  return { set, errors };
}
