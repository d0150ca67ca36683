// Names, label keys and in-pod paths of a CacheRuntime. Cache images read these paths and CacheRuntimeClass authors
// write them into their templates (curvine's class reads $(FLUID_RUNTIME_CONFIG_PATH) and the tiered-store mount
// paths), so each one mirrors Fluid exactly; the Fluid file is given beside it.
import { createHash } from 'node:crypto';
import { DatasetRef, fuseMountPath, runtimeMountDir } from '../../object-names';

/** Fluid's runtime type of a CacheRuntime: mount folder, node-label infix, status.runtimes[].type (pkg/common/cacheruntime.go). */
export const CACHE_RUNTIME_TYPE = 'cache';
/** PV CSI attribute mount_type of a CacheRuntime dataset (pkg/ddc/cache/engine/volume.go passes common.CacheRuntime). */
export const CACHE_MOUNT_TYPE = 'cache';
/** Last folder of the fuse mount path (pkg/ddc/cache/engine/util.go getFuseMountPoint). */
const FUSE_DIR = 'cache-fuse';

export type ComponentType = 'master' | 'worker' | 'client';
export const COMPONENT_TYPES: readonly ComponentType[] = ['master', 'worker', 'client'];

/** Selector label keys of every component workload and Service (pkg/common/label.go LabelCacheRuntime*). */
export const RUNTIME_NAME_LABEL = 'cacheruntime.fluid.io/name';
export const COMPONENT_NAME_LABEL = 'cacheruntime.fluid.io/component-name';

/** `<name>-<component>` (pkg/common/cacheruntime.go GetCacheComponentName). */
export function componentName(runtimeName: string, type: ComponentType): string {
  return `${runtimeName}-${type}`;
}

/** `svc-<name>-<component>`, the headless Service (pkg/ddc/cache/engine/util.go GetComponentServiceName). */
export function componentServiceName(runtimeName: string, type: ComponentType): string {
  return `svc-${runtimeName}-${type}`;
}

/** The selector of a component; immutable once applied (pkg/ddc/cache/component/component_manager.go). */
export function componentLabels(runtimeName: string, type: ComponentType): Record<string, string> {
  return { [RUNTIME_NAME_LABEL]: runtimeName, [COMPONENT_NAME_LABEL]: componentName(runtimeName, type) };
}

/** `<root>/cache/<ns>/<name>/cache-fuse`: where the client mounts, the PV's fluid_path and runtime.json targetPath. */
export function cacheFuseMountPath(mountRoot: string, ds: DatasetRef): string {
  return fuseMountPath(mountRoot, CACHE_RUNTIME_TYPE, FUSE_DIR, ds);
}

/**
 * `<root>/cache/<ns>/<name>`: the host folder the client gets (Bidirectional), with the mount point inside it. Fluid
 * mounts the mount point itself (transform_client.go transformFuseMountPointVolumes); we mount its parent, as every
 * other Fluid runtime does, because with the mount point itself a client cannot recover: a FUSE mount left by a
 * killed client makes the restarted container's bind of that path fail ("transport endpoint is not connected"),
 * and a client that first unmounts what is at its mount point (`weed mount` does) unmounts the bind instead, so its
 * own mount never reaches the host. The client creates the mount point (FLUID_RUNTIME_MOUNT_PATH) itself.
 */
export function cacheClientHostDir(mountRoot: string, ds: DatasetRef): string {
  return runtimeMountDir(mountRoot, CACHE_RUNTIME_TYPE, ds);
}

/** ConfigMap holding runtime.json, also status.valueFile (pkg/common/cacheruntime.go GetCacheRuntimeConfigConfigMapName). */
export function runtimeConfigMapName(runtimeName: string): string {
  return `fluid-runtime-config-${runtimeName}`;
}

/** Volume of that ConfigMap in every component pod (pkg/ddc/cache/engine/util.go getRuntimeConfigVolumeName). */
export function runtimeConfigVolumeName(runtimeName: string): string {
  return `fluid-runtime-${runtimeName}-config`;
}

/** Where runtime.json is mounted, and its file name (util.go getRuntimeConfigDir / getRuntimeConfigFileName). */
export const RUNTIME_CONFIG_DIR = '/etc/fluid/config';
export const RUNTIME_CONFIG_FILE = 'runtime.json';
export const RUNTIME_CONFIG_PATH = `${RUNTIME_CONFIG_DIR}/${RUNTIME_CONFIG_FILE}`;

/** Volume of a class extra ConfigMap (util.go getRuntimeClassExtraConfigMapVolumeName). */
export function extraConfigMapVolumeName(runtimeName: string, configMap: string): string {
  return `fluid-extra-${runtimeName}-${configMap}`;
}

/** The client's host mount volume (util.go getFuseMountPointVolumeName). */
export const FUSE_MOUNT_VOLUME = 'fluid-cache-runtime-shared-path';

const SECRET_VOLUME_PREFIX = 'cache-mnt-secret-';
/** Kubernetes volume names are DNS-1035 labels (util.go uses validation.DNS1035LabelMaxLength). */
const MAX_VOLUME_NAME = 63;
const HASH_LENGTH = 8;

/**
 * `cache-mnt-secret-<secret>`; a name over 63 characters keeps the first 38 characters of the secret plus 8 hex
 * characters of its sha256, so two long names never collide (util.go getSecretVolumeName).
 */
export function secretVolumeName(secret: string): string {
  const full = `${SECRET_VOLUME_PREFIX}${secret}`;
  if (full.length <= MAX_VOLUME_NAME) return full;
  const keep = MAX_VOLUME_NAME - SECRET_VOLUME_PREFIX.length - HASH_LENGTH;
  const hash = createHash('sha256').update(secret).digest('hex').slice(0, HASH_LENGTH);
  return `${SECRET_VOLUME_PREFIX}${secret.slice(0, keep)}${hash}`;
}

/** Folder of a mounted Secret; runtime.json names `<folder>/<key>` files (util.go getSecretMountPath). */
export function secretMountPath(secret: string): string {
  return `/etc/fluid/secrets/${secret}`;
}

export function secretFilePath(secret: string, key: string): string {
  return `${secretMountPath(secret)}/${key}`;
}

/** Tiered-store volumes and their mount paths (transform_tiered_store.go, util.go Get*TieredStoreMountPath). */
export const tieredStoreNames = {
  memoryVolume: (level: number): string => `tiered-store-level-${level}-memory`,
  memoryMountPath: '/dev/shm',
  pathVolume: (level: number, index: number): string => `tiered-store-level-${level}-index-${index}`,
  hostPathMountPath: (level: number, index: number): string => `/etc/fluid/mount/tiered-store/level-${level}-index-${index}-hostpath`,
  emptyDirMountPath: (level: number): string => `/etc/fluid/mount/tiered-store/level-${level}-index-0-emptydir`,
} as const;
