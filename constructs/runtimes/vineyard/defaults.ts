// Fluid's defaults for VineyardRuntime (pkg/common/vineyard.go, pkg/ddc/vineyard/const.go, charts/vineyard). Each
// fact names the Fluid file behind it.
import type { ImageRef } from '../fluid-switches';

/** Node-label infix, mount folder and status.runtimes[].type (pkg/common/vineyard.go VineyardRuntime). */
export const RUNTIME_TYPE = 'vineyard';
/** PV mount_type (pkg/common/vineyard.go VineyardMountType). */
export const MOUNT_TYPE = 'vineyard-fuse';
/** Folder under `<root>/vineyard/<ns>/<name>` the client publishes its socket in (utils.go getMountPoint). */
export const FUSE_DIR = 'vineyard-fuse';

/** charts/vineyard/Chart.yaml. */
export const CHART_NAME = 'vineyard';
export const CHART_VERSION = '0.21.5';

/** pkg/common/vineyard.go DefaultVineyard{Master,Worker}Image and DefultVineyardFuseImage. */
export const MASTER_IMAGE: ImageRef = { image: 'registry.aliyuncs.com/vineyard/vineyardd', tag: 'v0.22.2' };
export const WORKER_IMAGE: ImageRef = { image: 'registry.aliyuncs.com/vineyard/vineyardd', tag: 'v0.22.2' };
export const FUSE_IMAGE: ImageRef = { image: 'registry.aliyuncs.com/vineyard/vineyard-fluid-fuse', tag: 'v0.22.2' };
/** The controller variables that override them (pkg/common/vineyard.go). */
export const IMAGE_ENV = { master: 'VINEYARD_MASTER_IMAGE_ENV', worker: 'VINEYARD_WORKER_IMAGE_ENV', fuse: 'VINEYARD_FUSE_IMAGE_ENV' } as const;

/** The master is an etcd cluster: its client and peer ports (const.go MasterClientPort, MasterPeerPort). */
export const MASTER_PORTS = { client: 2379, peer: 2380 } as const;
/** vineyardd's RPC port and its metrics exporter's port (const.go WorkerRPCPort, WorkerExporterPort). */
export const WORKER_PORTS = { rpc: 9600, exporter: 9144 } as const;

/**
 * The chart's own worker options (values.yaml worker.options): Fluid hands the chart no worker options of its own,
 * so these always apply, and the runtime's spec.worker.options are never read (transform.go transformWorkers).
 */
export const WORKER_OPTIONS = { reserveMemory: true, etcdPrefix: '/vineyard', etcdTimeoutSeconds: '120' } as const;

/** The client's options before the runtime's own (const.go VineyarddSize, EtcdPrefix; transformFuseOptions). */
export const FUSE_SIZE = '0';
export const FUSE_ETCD_PREFIX = '/vineyard';

/** Shared memory of a worker when no MEM level names one (_helpers.tpl vineyard.worker.size). */
export const DEFAULT_WORKER_SIZE = '4Gi';
/** What vineyardd needs on top of its shared memory (transform_resources.go transformResourcesForWorker). */
export const VINEYARDD_OVERHEAD_MI = 500;

/** The worker's socket, which the client folder serves to pods (worker/statefulset.yaml). */
export const WORKER_SOCKET_DIR = '/var/run/vineyard';
export const WORKER_SOCKET = `${WORKER_SOCKET_DIR}/vineyard-worker.sock`;
