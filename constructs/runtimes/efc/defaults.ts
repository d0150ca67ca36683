// Fluid's defaults for EFCRuntime (pkg/common/efc.go, pkg/ddc/efc/const.go, charts/efc). Each fact names the Fluid
// file behind it.
import type { ImageRef } from '../fluid-switches';

/** Node-label infix, mount folder and status.runtimes[].type (pkg/common/efc.go EFCRuntime). */
export const RUNTIME_TYPE = 'efc';
/** PV mount_type (pkg/common/efc.go EFCMountType). */
export const MOUNT_TYPE = 'alifuse.aliyun-alinas-efc';
/** Folder under `<root>/efc/<ns>/<name>` the fuse mounts the file system in (const.go FuseMountDir). */
export const FUSE_DIR = 'efc-fuse';

/** charts/efc/Chart.yaml. */
export const CHART_NAME = 'efc';
export const CHART_VERSION = '0.1.4';

/** pkg/common/efc.go DefaultEFC{Master,Worker,Fuse}Image. */
export const MASTER_IMAGE: ImageRef = { image: 'registry.cn-zhangjiakou.aliyuncs.com/nascache/efc-master', tag: 'latest' };
export const WORKER_IMAGE: ImageRef = { image: 'registry.cn-zhangjiakou.aliyuncs.com/nascache/efc-worker', tag: 'latest' };
export const FUSE_IMAGE: ImageRef = { image: 'registry.cn-zhangjiakou.aliyuncs.com/nascache/efc-fuse', tag: 'latest' };
/** The controller variables that override them (pkg/common/efc.go). */
export const IMAGE_ENV = { master: 'EFC_MASTER_IMAGE_ENV', worker: 'EFC_WORKER_IMAGE_ENV', fuse: 'EFC_FUSE_IMAGE_ENV' } as const;

/** The worker's RPC port in container network (transform_port.go generateWorkerStaticPorts). */
export const WORKER_RPC_PORT = 14555;

/** Where master and fuse mount the file system inside their containers (const.go MasterMountPath; fuse/daemonset.yaml). */
export const MASTER_MOUNT_PATH = '/efc/efc-master';
export const FUSE_MOUNT_PATH = '/efc/efc-fuse';
/** The fuse container's view of the runtime's host folder (fuse/daemonset.yaml efc-fuse-mount). */
export const FUSE_CONTAINER_DIR = '/efc';

/** The ConfigMap file listing the workers' endpoints (const.go WorkerEndpointsDataName) and its folder in pods. */
export const ENDPOINTS_FILE = 'efc-worker-endpoints.json';
export const ENDPOINTS_DIR = '/etc/efc';

/** The session manager's socket folder: a host folder under MOUNT_ROOT (create_volume.go sessMgrWorkDir). */
export const SESSMGR_DIR = 'efc-sock';
/** PV attribute naming it (pkg/common/efc.go VolumeAttrEFCSessMgrWorkDir). */
export const SESSMGR_ATTRIBUTE = 'efc_sessmgr_workdir';
/** Where pods see the session manager's socket (fuse/daemonset.yaml, master/statefulset.yaml efc-sock). */
export const SOCK_DIR = '/var/run/efc';
/** The file the session manager serves in its folder once it runs; the CSI plugin waits for it (pkg/common/efc.go SessMgrSockFile). */
export const SESSMGR_SOCKET = 'sessmgrd.sock';

/** The session manager DaemonSet, once per cluster, and its namespace (pkg/common/efc.go SessMgrNamespace, SessMgrDaemonSetName). */
export const SESSMGR_NAMESPACE = 'efc-system';
export const SESSMGR_NAME = 'efc-sessmgr';
/** The node label that schedules it; the CSI plugin sets it when it stages an EFC volume (SessMgrNodeSelectorKey). */
export const SESSMGR_NODE_LABEL = 'fluid.io/efc-sessmgr';
/**
 * Its images, taken whole from the variables as Fluid's sessmgr.go takes them (no repository:tag split). The session
 * manager runs from the fuse image (DefaultEFCSessMgrImage, DefaultEFCInitFuseImage).
 */
export const SESSMGR_IMAGE = 'registry.cn-zhangjiakou.aliyuncs.com/nascache/efc-fuse:latest';
export const INIT_FUSE_IMAGE = 'registry.cn-zhangjiakou.aliyuncs.com/nascache/init-alifuse:latest';
export const SESSMGR_ENV = { image: 'EFC_SESSMGR_IMAGE_ENV', initFuseImage: 'EFC_INIT_FUSE_IMAGE_ENV', updateStrategy: 'EFC_SESSMGR_UPDATE_STRATEGY_ENV' } as const;

/** The smallest worker cache Fluid accepts, and the unit of cache_capacity_gb (transform_option.go miniWorkerQuota). */
export const MIN_WORKER_QUOTA = '1Gi';
/** The worker tier when the runtime declares none: memory in `/cache_dir/<ns>/<name>` (types.go getDefaultTiredStoreLevel0). */
export const DEFAULT_WORKER_TIER_ROOT = '/cache_dir';

/** Master and fuse always get one memory tier at /dev/shm with no quota (transform_tieredstore.go). */
export const SHM_PATH = '/dev/shm';
