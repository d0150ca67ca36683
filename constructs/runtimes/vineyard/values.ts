// Everything the Vineyard objects are rendered from, computed once from the runtime, its Dataset and the controller
// settings: the counterpart of the values Fluid hands its vineyard chart (pkg/ddc/vineyard/type.go, transform*.go).
import type { VineyardRuntimeSpec } from '../../../crds/schema/vineyard-runtime';
import type { DatasetRef } from '../../object-names';
import { datasetId, fuseLabelKey, fuseMountPath, runtimeMountDir } from '../../object-names';
import { ComponentImage, componentImage } from '../fluid-switches';
import { datasetRefOf, RenderInput } from '../runtime-engine';
import * as d from './defaults';

export interface VineyardValues {
  /** The Dataset (and runtime) namespace and name. */
  readonly ds: DatasetRef;
  /** Value of fluid.io/dataset-id and fluid.io/dataset. */
  readonly datasetId: string;
  /** The Dataset's placement. @default 'Exclusive' */
  readonly placement: 'Exclusive' | 'Shared';
  readonly masterImage: ComponentImage;
  readonly workerImage: ComponentImage;
  readonly fuseImage: ComponentImage;
  /** spec.master.replicas. @default 1 */
  readonly masterReplicas: number;
  /**
   * Whether master and workers run on the host network. Fluid decides both from spec.worker.networkMode (transform.go
   * transformMasters reads the worker's field for the master too); only ContainerNetwork turns it off.
   */
  readonly masterHostNetwork: boolean;
  readonly workerHostNetwork: boolean;
  readonly fuseHostNetwork: boolean;
  /** The etcd client and peer ports: the runtime's spec.master.ports, else allocated on the host network, else 2379/2380. */
  readonly masterPorts: { readonly client: number; readonly peer: number };
  /** vineyardd's rpc and exporter ports, likewise. */
  readonly workerPorts: { readonly rpc: number; readonly exporter: number };
  /** `<root>/vineyard/<ns>/<name>/vineyard-fuse`: where the client publishes the socket; the PV's fluid_path. */
  readonly fusePath: string;
  /** `<root>/vineyard/<ns>/<name>`: the host folder the client shares with pods. */
  readonly hostMountDir: string;
  /** fluid.io/f-<ns>-<name>: the node label client pods select. */
  readonly fuseLabelKey: string;
  /** The shared memory of each worker: the first MEM level's quota as written. @default '4Gi' */
  readonly workerSize: string;
}

const ALLOCATED = { masterClient: 'master-client', masterPeer: 'master-peer', workerRpc: 'worker-rpc', workerExporter: 'worker-exporter' } as const;

const isHostNetwork = (mode: string | undefined) => mode !== 'ContainerNetwork';

/**
 * The host ports a Vineyard runtime needs allocated: Fluid allocates both master ports when the master's
 * networkMode is host (the default) and both worker ports when the worker's is (transform.go allocatePorts).
 */
export function vineyardHostPorts(input: RenderInput<VineyardRuntimeSpec>): string[] {
  const { spec } = input.runtime;
  return [
    ...(isHostNetwork(spec.master?.networkMode) ? [ALLOCATED.masterClient, ALLOCATED.masterPeer] : []),
    ...(isHostNetwork(spec.worker?.networkMode) ? [ALLOCATED.workerRpc, ALLOCATED.workerExporter] : []),
  ];
}

/** The first MEM level's quota, as vineyard.worker.size finds it. */
export function workerSizeOf(spec: VineyardRuntimeSpec): string {
  const mem = spec.tieredstore?.levels?.find((l) => l.mediumtype === 'MEM');
  return mem?.quota !== undefined ? String(mem.quota) : d.DEFAULT_WORKER_SIZE;
}

export function vineyardValues(input: RenderInput<VineyardRuntimeSpec>): VineyardValues {
  const { spec } = input.runtime;
  const ds = datasetRefOf(input);
  const env = input.settings.env;
  const allocated = input.ports ?? {};
  const ownMaster = spec.master?.ports ?? {};
  const ownWorker = spec.worker?.ports ?? {};
  // Fluid fills the ports map from defaults and the runtime's own, then overwrites it with allocated host ports.
  const port = (own: number | undefined, name: string, fallback: number) => allocated[name] ?? own ?? fallback;
  return {
    ds,
    datasetId: datasetId(ds),
    placement: input.dataset.spec.placement === 'Shared' ? 'Shared' : 'Exclusive',
    masterImage: componentImage(env, d.IMAGE_ENV.master, d.MASTER_IMAGE, spec.master),
    workerImage: componentImage(env, d.IMAGE_ENV.worker, d.WORKER_IMAGE, spec.worker),
    fuseImage: componentImage(env, d.IMAGE_ENV.fuse, d.FUSE_IMAGE, spec.fuse),
    masterReplicas: spec.master?.replicas || 1,
    masterHostNetwork: isHostNetwork(spec.worker?.networkMode),
    workerHostNetwork: isHostNetwork(spec.worker?.networkMode),
    fuseHostNetwork: isHostNetwork(spec.fuse?.networkMode),
    masterPorts: {
      client: port(ownMaster.client, ALLOCATED.masterClient, d.MASTER_PORTS.client),
      peer: port(ownMaster.peer, ALLOCATED.masterPeer, d.MASTER_PORTS.peer),
    },
    workerPorts: {
      rpc: port(ownWorker.rpc, ALLOCATED.workerRpc, d.WORKER_PORTS.rpc),
      exporter: port(ownWorker.exporter, ALLOCATED.workerExporter, d.WORKER_PORTS.exporter),
    },
    fusePath: fuseMountPath(input.settings.mountRoot, d.RUNTIME_TYPE, d.FUSE_DIR, ds),
    hostMountDir: runtimeMountDir(input.settings.mountRoot, d.RUNTIME_TYPE, ds),
    fuseLabelKey: fuseLabelKey(ds),
    workerSize: workerSizeOf(spec),
  };
}
