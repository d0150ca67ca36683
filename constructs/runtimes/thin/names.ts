// Names and paths of a ThinRuntime's objects. Fluid's CSI plugin, its fuse images and users' scripts rely on them.
import { DatasetRef, fuseMountPath, runtimeMountDir } from '../../object-names';
import { FUSE_DIR, THIN_RUNTIME_TYPE } from './defaults';

/** The fuse DaemonSet (pkg/ddc/thin/util.go getFuseName). */
export function fuseName(runtime: string): string {
  return `${runtime}-fuse`;
}

/** The worker StatefulSet (pkg/ddc/thin/util.go getWorkerName). */
export function workerName(runtime: string): string {
  return `${runtime}-worker`;
}

/** The ConfigMap holding config.json (pkg/ddc/thin/util.go getFuseConfigMapName). */
export function fuseConfigName(runtime: string): string {
  return `${runtime}-fuse-conf`;
}

/** `<root>/thin/<ns>/<name>`: the host folder the fuse pod mounts Bidirectional (the chart's `targetPath | dir`). */
export function fuseHostDir(mountRoot: string, ds: DatasetRef): string {
  return runtimeMountDir(mountRoot, THIN_RUNTIME_TYPE, ds);
}

/** `<root>/thin/<ns>/<name>/thin-fuse`: MOUNT_POINT of the fuse, config.json targetPath and the PV's fluid_path. */
export function targetPath(mountRoot: string, ds: DatasetRef): string {
  return fuseMountPath(mountRoot, THIN_RUNTIME_TYPE, FUSE_DIR, ds);
}

/** Secrets named by encryptOptions are mounted here; config.json holds `<dir>/<key>` (pkg/ddc/thin/transform_config.go). */
export function secretMountDir(secret: string): string {
  return `/etc/fluid/secrets/${secret}`;
}

/** Volume of a Secret named by encryptOptions (pkg/ddc/thin/transform_config.go). */
export function secretVolumeName(secret: string): string {
  return `thin-fuseconfig-${secret}`;
}

/** Volume of the i-th fluid.fuse.hostvolume option (pkg/ddc/thin/transform_fuse.go createVolumeAndMount). */
export function hostVolumeName(index: number): string {
  return `fluid-fuse-hostvolume-${index}`;
}
