// The Dataset's mounts as Alluxio sees them: the root UFS, `alluxio fs mount` lines for the mount-config
// ConfigMap, the Secrets those lines read, and the local:// and pvc:// folders master and workers mount
// (pkg/ddc/alluxio/transform.go, transform_ufs.go, transform_volumes.go, ufs_internal.go; pkg/utils/ufs_path_builder.go).
//
// Secret values never pass through here: an encrypt option becomes the PATH of the Secret key mounted in the
// master, and the master's scripts read the file when they mount.
import { posix } from 'node:path';
import type { EncryptOption } from '../../../crds/schema/common/encrypt-option';
import type { Mount } from '../../../crds/schema/common/mount';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { isNativeMount, unifiedNamespacePath } from '../ufs-namespace';
import { PATHS } from './defaults';

// local:// and pvc:// are served by Kubernetes volumes, not by `alluxio fs mount`.
export { isNativeMount };
/** Where a mount appears in Alluxio's namespace. */
export const alluxioPath = unifiedNamespacePath;

/** Where a local:// or pvc:// mount appears inside master and worker pods (GenLocalStoragePath). */
export function localStoragePath(mount: Mount): string {
  return posix.join(PATHS.ufsRoot, mount.path?.startsWith('/') ? mount.path : (mount.name ?? ''));
}

/** The mount that becomes Alluxio's root: the only mount, when it is not native and sits at "/". */
export function rootMount(dataset: DatasetSpec): Mount | undefined {
  const mounts = dataset.mounts ?? [];
  const only = mounts.length === 1 ? mounts[0] : undefined;
  return only && !isNativeMount(only.mountPoint) && alluxioPath(only) === '/' ? only : undefined;
}

/** alluxio.master.mount.table.root.ufs: the root mount's URI, else the folder holding local and pvc mounts. */
export function rootUfs(dataset: DatasetSpec): string {
  return rootMount(dataset)?.mountPoint ?? PATHS.ufsRoot;
}

/** The encrypt options of a mount: the Dataset's shared ones first, then its own. */
export function encryptOptionsOf(mount: Mount, dataset: DatasetSpec): EncryptOption[] {
  return [...(dataset.sharedEncryptOptions ?? []), ...(mount.encryptOptions ?? [])];
}

/** Folder the master mounts Secret `name` at. */
export function secretDir(secretName: string): string {
  return `${PATHS.secrets}/${secretName}`;
}

/** Mount options of a mount: shared options, its own, then each encrypt option as the path of its Secret key. */
export function mountOptions(mount: Mount, dataset: DatasetSpec): Record<string, string> {
  const options: Record<string, string> = { ...dataset.sharedOptions, ...mount.options };
  for (const option of encryptOptionsOf(mount, dataset)) {
    const ref = option.valueFrom?.secretKeyRef;
    if (ref) options[option.name] = posix.join(secretDir(ref.name), ref.key ?? '');
  }
  return options;
}

/**
 * One `alluxio fs mount` argument line per non-native mount: Alluxio path, URI, flags, then options sorted by
 * name (generateNonNativeMountsInfo; Fluid's order is Go map order).
 */
export function mountInfoLines(dataset: DatasetSpec): string[] {
  return (dataset.mounts ?? [])
    .filter((m) => !isNativeMount(m.mountPoint))
    .map((mount) => {
      const options = Object.entries(mountOptions(mount, dataset)).sort(([a], [b]) => a.localeCompare(b));
      return [
        alluxioPath(mount),
        mount.mountPoint,
        ...(mount.readOnly ? ['--readonly'] : []),
        ...(mount.shared ? ['--shared'] : []),
        ...options.flatMap(([k, v]) => ['--option', `${k}=${v}`]),
      ].join(' ');
    });
}

export interface PodVolumes {
  /** Volumes of the pod, each name once. */
  readonly volumes: Volume[];
  /** Where the containers mount them. */
  readonly mounts: VolumeMount[];
}

/** A volume list where a later volume of the same name replaces the earlier one (utils.AppendOrOverrideVolume). */
export function upsertVolume<T extends { name: string }>(list: T[], item: T): void {
  const at = list.findIndex((v) => v.name === item.name);
  if (at >= 0) list[at] = item;
  else list.push(item);
}

/** Each Secret the non-native mounts name, mounted read-only in the master (transformEncryptOptionsToMasterVolumes). */
export function secretVolumes(dataset: DatasetSpec): PodVolumes {
  const result: PodVolumes = { volumes: [], mounts: [] };
  for (const mount of (dataset.mounts ?? []).filter((m) => !isNativeMount(m.mountPoint))) {
    for (const option of encryptOptionsOf(mount, dataset)) {
      const secretName = option.valueFrom?.secretKeyRef?.name;
      if (!secretName) continue;
      const name = `alluxio-mount-secret-${secretName}`;
      upsertVolume(result.volumes, { name, secret: { secretName } });
      upsertVolume(result.mounts, { name, readOnly: true, mountPath: secretDir(secretName) });
    }
  }
  return result;
}

function localVolume(mount: Mount): { volume: Volume; mount: VolumeMount } {
  const name = mount.name ?? '';
  return {
    volume: { name, hostPath: { path: mount.mountPoint.slice('local://'.length) } },
    mount: { name, mountPath: localStoragePath(mount) },
  };
}

function claimVolume(mount: Mount): { volume: Volume; mount: VolumeMount } {
  const [claimName, ...rest] = mount.mountPoint.slice('pvc://'.length).split('/');
  const subPath = rest.join('/');
  return {
    volume: { name: claimName, persistentVolumeClaim: { claimName } },
    mount: { name: claimName, mountPath: localStoragePath(mount), ...(subPath ? { subPath } : {}) },
  };
}

/**
 * local:// folders (hostPath named after the mount), then pvc:// claims (named after the claim, with the rest of
 * the URI as subPath), at /underFSStorage/<name> in master and worker pods (transformDatasetToVolume).
 */
export function nativeVolumes(dataset: DatasetSpec): PodVolumes {
  const result: PodVolumes = { volumes: [], mounts: [] };
  const mounts = dataset.mounts ?? [];
  const native = [
    ...mounts.filter((m) => m.mountPoint.startsWith('local://')).map(localVolume),
    ...mounts.filter((m) => m.mountPoint.startsWith('pvc://')).map(claimVolume),
  ];
  for (const { volume, mount } of native) {
    upsertVolume(result.volumes, volume);
    result.mounts.push(mount);
  }
  return result;
}

/** True when the Dataset has a local:// mount, which pins the master to the Dataset's nodes. */
export function hasLocalMount(dataset: DatasetSpec): boolean {
  return (dataset.mounts ?? []).some((m) => m.mountPoint.startsWith('local://'));
}
