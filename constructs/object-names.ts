// Names, label keys and paths that Fluid's CSI plugin, webhook and users' scripts depend on. Each mirrors a
// function in Fluid (file given beside it); keep them here, in one place, each with a test.

/** Fluid refuses keys and ids of this length or more and falls back to the Dataset UID (validation.DNS1035LabelMaxLength). */
const MAX_LENGTH = 63;

/** The identity of a dataset: namespace, name and, when known, its UID. */
export interface DatasetRef {
  readonly namespace: string;
  readonly name: string;
  /** The Dataset's UID; unknown when rendering from files (synth), which then keeps the long form. */
  readonly uid?: string;
}

/** `<prefix><ns>-<name>`, or `<prefix><uid>` when that would be 63 characters or more (pkg/utils/label.go). */
export function namespacedNameWithPrefix(prefix: string, ds: DatasetRef): string {
  const full = `${prefix}${ds.namespace}-${ds.name}`;
  if (full.length < MAX_LENGTH || !ds.uid) return full;
  return `${prefix}${ds.uid}`;
}

/** The dataset id, value of the `fluid.io/dataset-id` label (GetDatasetId). */
export function datasetId(ds: DatasetRef): string {
  return namespacedNameWithPrefix('', ds);
}

/** Node label the CSI plugin sets where a pod uses the dataset; fuse pods select it (GetFuseLabelName). */
export function fuseLabelKey(ds: DatasetRef): string {
  return namespacedNameWithPrefix('fluid.io/f-', ds);
}

/** Node label on every node caching the dataset, and on its PV and PVC (GetCommonLabelName). */
export function commonLabelKey(ds: DatasetRef): string {
  return namespacedNameWithPrefix('fluid.io/s-', ds);
}

/** Node label naming the engine too, e.g. fluid.io/s-alluxio-<ns>-<name> (GetRuntimeLabelName). */
export function runtimeLabelKey(runtimeType: string, ds: DatasetRef): string {
  return namespacedNameWithPrefix(`fluid.io/s-${runtimeType}-`, ds);
}

/** Node labels with the cache quota per node: m(emory), d(isk), t(otal) (GetStorageLabelName). */
export function storageLabelKey(runtimeType: string, storage: 'm' | 'd' | 't', ds: DatasetRef): string {
  return namespacedNameWithPrefix(`fluid.io/s-h-${runtimeType}-${storage}-`, ds);
}

/** The PersistentVolume of a bound dataset (pkg/utils/dataset/volume/create.go). */
export function persistentVolumeName(ds: DatasetRef): string {
  return `${ds.namespace}-${ds.name}`;
}

/** The PersistentVolumeClaim of a bound dataset: the dataset's own name, in its namespace. */
export function persistentVolumeClaimName(ds: DatasetRef): string {
  return ds.name;
}

/** Chart default of MOUNT_ROOT, the host folder under which every fuse mounts (charts/fluid/fluid/values.yaml). */
export const DEFAULT_MOUNT_ROOT = '/runtime-mnt';

/** `<root>/<runtimeType>/<ns>/<name>`: the host folder a runtime's fuse owns (pkg/utils/mount.go). */
export function runtimeMountDir(mountRoot: string, runtimeType: string, ds: DatasetRef): string {
  return `${mountRoot}/${runtimeType}/${ds.namespace}/${ds.name}`;
}

/** `<root>/<runtimeType>/<ns>/<name>/<fuseDir>`: where the fuse mounts the data; the PV's fluid_path. */
export function fuseMountPath(mountRoot: string, runtimeType: string, fuseDir: string, ds: DatasetRef): string {
  return `${runtimeMountDir(mountRoot, runtimeType, ds)}/${fuseDir}`;
}
