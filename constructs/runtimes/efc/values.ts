// Everything the EFC objects are rendered from, computed once from the runtime, its Dataset and the controller
// settings: the counterpart of the values Fluid hands its efc chart (pkg/ddc/efc/types.go, transform*.go).
import type { EFCRuntimeSpec } from '../../../crds/schema/efc-runtime';
import type { LocalObjectReference, Toleration } from '../../../crds/schema/k8s/core.generated';
import type { DatasetRef } from '../../object-names';
import { datasetId, fuseLabelKey, fuseMountPath, runtimeMountDir } from '../../object-names';
import { ComponentImage, componentImage, criticalFusePod, imagePullSecretsFromEnv } from '../fluid-switches';
import { datasetRefOf, RenderInput } from '../runtime-engine';
import * as d from './defaults';
import { MountInfo, parseMountPoint } from './mount-point';
import { capacityGb, WorkerTier, workerTier } from './tiered-store';

export interface EfcValues {
  /** The Dataset (and runtime) namespace and name; the name is also the Helm release Fluid installs. */
  readonly ds: DatasetRef;
  /** Value of fluid.io/dataset-id and fluid.io/dataset. */
  readonly datasetId: string;
  readonly placement: 'Exclusive' | 'Shared';
  readonly masterImage: ComponentImage;
  readonly workerImage: ComponentImage;
  readonly fuseImage: ComponentImage;
  /** IMAGE_PULL_SECRETS of the controller, on every pod. */
  readonly pullSecrets: readonly LocalObjectReference[];
  /** Master replicas: 0 when disabled, else spec.master.replicas and at least 1 (MasterReplicas). */
  readonly masterReplicas: number;
  /** Workers run unless spec.worker.disabled (Enabled). */
  readonly workerEnabled: boolean;
  readonly masterHostNetwork: boolean;
  readonly workerHostNetwork: boolean;
  readonly fuseHostNetwork: boolean;
  /** The worker's RPC port: allocated on the host network, else 14555. */
  readonly workerRpcPort: number;
  /** The Dataset's first mount point, parsed; undefined when malformed (check reports it). */
  readonly mount?: MountInfo;
  /** `<root>/efc/<ns>/<name>`: the host folder the fuse shares, mounted at /efc in the fuse container. */
  readonly hostMountPath: string;
  /** `<hostMountPath>/efc-fuse`: where the file system appears on the host; the PV's fluid_path. */
  readonly fusePath: string;
  /** `<root>/efc-sock`: the session manager's folder, a PV attribute. */
  readonly sessMgrWorkDir: string;
  readonly fuseLabelKey: string;
  readonly workerTier: WorkerTier;
  /** The comma-separated options each component's entrypoint takes. */
  readonly options: { readonly master: string; readonly worker: string; readonly fuse: string };
  /** The Dataset's tolerations, on every pod. */
  readonly tolerations: readonly Toleration[];
  /** CRITICAL_FUSE_POD: fuse pods get system-node-critical. */
  readonly criticalFuse: boolean;
}

/** The name the operator allocates the worker's host port under. */
export const WORKER_RPC = 'worker-rpc';

const isHostNetwork = (mode: string | undefined) => mode !== 'ContainerNetwork';

/**
 * KEY=VALUE of a component's properties. Go ranges over the map in random order, so Fluid's option order changes
 * from one install to the next; we sort the keys so a rendering is stable.
 */
function propertyOptions(properties: Readonly<Record<string, string>> | undefined): string[] {
  return Object.keys(properties ?? {})
    .sort()
    .map((key) => `${key}=${properties![key]}`);
}

/** transform_option.go: CPFS is mounted over NFS v3; master and fuse name themselves after the runtime. */
function optionsOf(spec: EFCRuntimeSpec, ds: DatasetRef, mount: MountInfo | undefined, tier: WorkerTier, rpc: number): EfcValues['options'] {
  const cpfs = mount?.protocol === 'cpfs' ? ['protocol=nfs3'] : [];
  const id = `${ds.namespace}-${ds.name}`;
  const gb = capacityGb(tier);
  return {
    master: [...cpfs, `client_owner=${id}-master`, `assign_uuid=${id}-master`, ...propertyOptions(spec.master?.properties)].join(','),
    worker: [
      `cache_media=${tier.path}`,
      `server_port=${rpc}`,
      ...(gb !== undefined ? [`cache_capacity_gb=${gb}`] : []),
      ...(tier.mediumtype === 'MEM' ? ['tmpfs=true'] : []),
      ...propertyOptions(spec.worker?.properties),
    ].join(','),
    fuse: [
      ...cpfs,
      ...(spec.worker?.disabled ? [] : ['g_tier_EnableClusterCache=true', 'g_tier_EnableClusterCachePrefetch=true']),
      `assign_uuid=${id}-fuse`,
      ...propertyOptions(spec.fuse?.properties),
    ].join(','),
  };
}

/** Fluid allocates one host port, the worker's RPC port, when the worker is on the host network (transform_port.go). */
export function efcHostPorts(input: RenderInput<EFCRuntimeSpec>): string[] {
  return isHostNetwork(input.runtime.spec.worker?.networkMode) ? [WORKER_RPC] : [];
}

export function efcValues(input: RenderInput<EFCRuntimeSpec>): EfcValues {
  const { spec } = input.runtime;
  const ds = datasetRefOf(input);
  const env = input.settings.env;
  const first = input.dataset.spec.mounts?.[0]?.mountPoint;
  const parsed = first === undefined ? undefined : parseMountPoint(first);
  const mount = parsed?.ok ? parsed.info : undefined;
  const workerHostNetwork = isHostNetwork(spec.worker?.networkMode);
  const workerRpcPort = (workerHostNetwork ? input.ports?.[WORKER_RPC] : undefined) ?? d.WORKER_RPC_PORT;
  const tier = workerTier(spec, ds);
  const hostMountPath = runtimeMountDir(input.settings.mountRoot, d.RUNTIME_TYPE, ds);
  return {
    ds,
    datasetId: datasetId(ds),
    placement: input.dataset.spec.placement === 'Shared' ? 'Shared' : 'Exclusive',
    masterImage: componentImage(env, d.IMAGE_ENV.master, d.MASTER_IMAGE, spec.master?.version),
    workerImage: componentImage(env, d.IMAGE_ENV.worker, d.WORKER_IMAGE, spec.worker?.version),
    fuseImage: componentImage(env, d.IMAGE_ENV.fuse, d.FUSE_IMAGE, spec.fuse?.version),
    pullSecrets: imagePullSecretsFromEnv(env),
    masterReplicas: spec.master?.disabled ? 0 : Math.max(1, spec.master?.replicas ?? 1),
    workerEnabled: !spec.worker?.disabled,
    masterHostNetwork: isHostNetwork(spec.master?.networkMode),
    workerHostNetwork,
    fuseHostNetwork: isHostNetwork(spec.fuse?.networkMode),
    workerRpcPort,
    mount,
    hostMountPath,
    fusePath: fuseMountPath(input.settings.mountRoot, d.RUNTIME_TYPE, d.FUSE_DIR, ds),
    sessMgrWorkDir: `${input.settings.mountRoot}/${d.SESSMGR_DIR}`,
    fuseLabelKey: fuseLabelKey(ds),
    workerTier: tier,
    options: optionsOf(spec, ds, mount, tier, workerRpcPort),
    tolerations: input.dataset.spec.tolerations ?? [],
    criticalFuse: criticalFusePod(env),
  };
}
