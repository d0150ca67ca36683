// Fluid's defaults for JindoRuntime, served by the jindocache engine (Fluid's default Jindo engine,
// pkg/utils/jindo/jindo.go). Each fact names the Fluid file it comes from.
import type { ImageRef } from '../fluid-switches';

/** Mount folder and status.runtimes[].type (pkg/common/jindo.go JindoRuntime). */
export const RUNTIME_TYPE = 'jindo';
/**
 * The runtime type in the cache-node labels (fluid.io/s-jindocache-<ns>-<name>, fluid.io/s-h-jindocache-*): the
 * jindocache engine builds its RuntimeInfo with the engine implementation as the runtime type
 * (pkg/ddc/jindocache/runtime_info.go; JindoCacheEngineImpl in pkg/common/jindo.go).
 */
export const NODE_LABEL_TYPE = 'jindocache';
/** PV mount_type: create_volume.go passes common.JindoRuntime, not JindoMountType. */
export const MOUNT_TYPE = 'jindo';
/** FLUID_RUNTIME_TYPE in the fuse: jindofs, not jindo (const.go runtimeFSType). */
export const FUSE_RUNTIME_TYPE = 'jindofs';
/** Folder under `<root>/jindo/<ns>/<name>` the fuse mounts the data in (pkg/ddc/jindocache/utils.go getMountPoint). */
export const FUSE_DIR = 'jindofs-fuse';

/** charts/jindocache/Chart.yaml: the chart is named jindofs although the folder is jindocache. */
export const CHART_NAME = 'jindofs';
export const CHART_VERSION = '1.0.5';

/** charts/fluid/fluid/values.yaml runtime.jindo.smartdata, passed to the controller as JINDO_SMARTDATA_IMAGE_ENV. */
export const SMARTDATA_IMAGE: ImageRef = { image: 'registry.cn-shanghai.aliyuncs.com/jindofs/smartdata', tag: '6.9.1-202509151826' };
/** charts/fluid/fluid/values.yaml runtime.jindo.fuse, passed as JINDO_FUSE_IMAGE_ENV. */
export const FUSE_IMAGE: ImageRef = { image: 'registry.cn-shanghai.aliyuncs.com/jindofs/jindo-fuse', tag: '6.9.1-202509151826' };
/** pkg/ddc/jindocache/transform.go getSmartDataConfigs and parseFuseImage. */
export const IMAGE_PULL_POLICY = 'Always';

/**
 * pkg/ddc/jindocache/const.go. With host network (the default) Fluid's controller hands out ports from its
 * --runtime-node-port-range (chart: 18000-19999) at run time; rendering from files has no allocator, so these
 * documented container-network ports are used in both modes.
 */
export const PORTS = { masterRpc: 8101, workerRpc: 6101, raft: 8103, fuseMetrics: 10001 } as const;

/** Three masters run raft HA; any other count runs one (const.go JINDO_HA_MASTERNUM, JINDO_MASTERNUM_DEFAULT). */
export const HA_MASTERS = 3;

/** The fuse sees its host folder at /jfs and mounts at /jfs/jindofs-fuse (const.go jindoFuseMountpath). */
export const FUSE_CONTAINER_DIR = '/jfs';
export const FUSE_MOUNT_POINT = `${FUSE_CONTAINER_DIR}/${FUSE_DIR}`;

/** Cache without a tiered store: /dev/shm/, 1Gi, memory (transform.go). */
export const DEFAULT_CACHE_PATH = '/dev/shm/';
export const DEFAULT_CACHE_QUOTA = '1Gi';

/** JINDO_DNS_SERVER_ENV unset means this value, which the chart templates read as "use cluster DNS". */
export const NO_DNS_SERVER = '1.1.1.1';

/** Where secrets are mounted and how Jindo is told to read them (pkg/ddc/jindo/oss_secret.go). */
export const TOKEN_VOLUME = 'jindofs-secret-token';
export const TOKEN_DIR = '/token';
export const TOKEN_URI = 'secrets:///token/';
export const OSS_CREDENTIALS_PROVIDER = 'com.aliyun.jindodata.oss.auth.CustomCredentialsProvider';
export const SECRET_PROVIDER_FORMAT = 'JSON';

/** Where pvc:// mounts appear inside Jindo pods (pkg/common/ufs_path.go LocalStorageRootPath). */
export const UFS_ROOT = '/underFSStorage';

/** Image of the optional port-check init container (pkg/common/init.go DefaultInitImage). */
export const INIT_IMAGE: ImageRef = { image: 'registry.cn-hangzhou.aliyuncs.com/fluid/init-users', tag: 'v0.3.0-1467caa' };

/** Runtime annotation selecting RDMA for Jindo RPC (pkg/common/runtime_rpc.go). */
export const RPC_PROTOCOL_ANNOTATION = 'fluid.io/runtime-rpc-protocol';

/** Fuse images up to 6.2.0 need the legacy read-ahead prefetcher (transform.go transformFuse). */
export const LEGACY_PREFETCHER_UP_TO = [6, 2, 0] as const;
