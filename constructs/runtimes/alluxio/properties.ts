// The Alluxio properties every component gets (the chart's `properties`, rendered into ALLUXIO_JAVA_OPTS), in
// the order Fluid's transform writes them (pkg/ddc/alluxio/transform.go, transform_fuse.go,
// transform_hadoop_config.go, transform_permission.go, transform_optimization.go).
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import { DEFAULT_PROPERTIES, HTTP_PROPERTIES, PATHS } from './defaults';
import { isReadOnlyDataset } from './fuse-args';
import type { Tier } from './tiered-store';
import { mountOptions, rootMount, rootUfs } from './ufs-mounts';

export interface PropertiesInput {
  /** The runtime's spec. */
  readonly spec: AlluxioRuntimeSpec;
  /** The Dataset's spec. */
  readonly dataset: DatasetSpec;
  /** The runtime's own tiers (not the chart's default one). */
  readonly tiers: readonly Tier[];
  /** The Dataset owner's uid/gid went into the fuse options. */
  readonly ownerInFuseArgs: boolean;
  /** Every Dataset mount is http(s)://. */
  readonly allHttp: boolean;
  /** Port properties and the HA journal quorum. */
  readonly portProperties: readonly (readonly [string, string])[];
}

/** Every Dataset mount is http(s):// (vacuously true without mounts, as in Fluid). */
export function allHttpMounts(dataset: DatasetSpec): boolean {
  return (dataset.mounts ?? []).every((m) => m.mountPoint.startsWith('http://') || m.mountPoint.startsWith('https://'));
}

/** Properties of runtime and components together: what Fluid checks before setting a default. */
export function mergedProperties(spec: AlluxioRuntimeSpec): Record<string, string> {
  return { ...spec.properties, ...spec.master?.properties, ...spec.worker?.properties, ...spec.fuse?.properties };
}

/** Properties Fluid sets whatever the runtime says: the root UFS and its options, replication, and so on. */
function forcedProperties(input: PropertiesInput): Record<string, string> {
  const { spec, dataset } = input;
  const root = rootMount(dataset);
  const forced: Record<string, string> = {
    ...(root ? mountOptions(root, dataset) : {}),
    'alluxio.master.mount.table.root.ufs': rootUfs(dataset),
    'alluxio.user.file.replication.max': String((spec.data?.replicas ?? 0) > 0 ? spec.data!.replicas : 1),
  };
  // Short-circuit reads need the tier folders on the host; an emptyDir tier is private to the worker pod.
  if (input.tiers.some((t) => t.volumeType === 'emptyDir')) forced['alluxio.user.short.circuit.enabled'] = 'false';
  if (!input.ownerInFuseArgs) forced['alluxio.fuse.user.group.translation.enabled'] = 'true';
  if (spec.hadoopConfig) {
    forced['alluxio.underfs.hdfs.configuration'] = `${PATHS.hadoopConfig}/hdfs-site.xml:${PATHS.hadoopConfig}/core-site.xml`;
  }
  return forced;
}

/** Fluid's tuning, applied where the runtime (or a component) does not set the property itself. */
function defaultProperties(input: PropertiesInput): (readonly [string, string])[] {
  const { spec, dataset, tiers } = input;
  const replicas = spec.master?.replicas ?? 1;
  const singleFolder = tiers.length === 1 && tiers[0].paths.length === 1;
  return [
    ...DEFAULT_PROPERTIES,
    ['alluxio.master.journal.type', replicas > 1 ? 'EMBEDDED' : 'UFS'],
    // Direct memory reads are only safe for read-only data on a worker with one tier of one folder.
    ...(isReadOnlyDataset(dataset) && singleFolder ? [['alluxio.user.direct.memory.io.enabled', 'true'] as const] : []),
    ...(input.allHttp ? HTTP_PROPERTIES : []),
    ...input.portProperties,
  ];
}

/** The global properties: the runtime's, overridden by Fluid's forced ones, completed by Fluid's defaults. */
export function globalProperties(input: PropertiesInput): Record<string, string> {
  const userSet = mergedProperties(input.spec);
  const properties: Record<string, string> = { ...input.spec.properties, ...forcedProperties(input) };
  for (const [key, value] of defaultProperties(input)) {
    if (!(key in userSet)) properties[key] = value;
  }
  return properties;
}
