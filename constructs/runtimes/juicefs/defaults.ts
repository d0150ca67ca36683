// Fluid's defaults for JuiceFSRuntime (pkg/ddc/juicefs, charts/juicefs). Each fact names the Fluid file behind it.
import type { ImageRef } from '../fluid-switches';

/** Node-label infix, mount folder, status.runtimes[].type and FLUID_RUNTIME_TYPE (pkg/common/juicefs.go). */
export const RUNTIME_TYPE = 'juicefs';
/** PV mount_type (pkg/common/juicefs.go JuiceFSMountType). */
export const MOUNT_TYPE = 'JuiceFS';
/** Folder under `<root>/juicefs/<ns>/<name>` both fuse and workers mount at (pkg/ddc/juicefs/utils.go). */
export const FUSE_DIR = 'juicefs-fuse';

/** charts/juicefs/Chart.yaml. */
export const CHART_NAME = 'juicefs';
export const CHART_VERSION = '0.2.16';

/**
 * charts/fluid/fluid/values.yaml runtime.juicefs.fuse, passed as JUICEFS_CE_IMAGE_ENV and JUICEFS_EE_IMAGE_ENV;
 * the community image serves a metaurl, the enterprise image a token (utils.go parseJuiceFSImage).
 */
export const CE_IMAGE: ImageRef = { image: 'juicedata/mount', tag: 'ce-v1.3.0' };
export const EE_IMAGE: ImageRef = { image: 'juicedata/mount', tag: 'ee-5.2.10-eb0a8b3' };
/** pkg/common/constants.go DefaultImagePullPolicy. */
export const IMAGE_PULL_POLICY = 'IfNotPresent';

/**
 * JuiceFS's metrics port (const.go DefaultMetricsPort), used by container-network pods. With host network Fluid's
 * controller allocates ports at run time, one for the workers and another for the fuse, so that the two never
 * collide on a node; without an allocator we keep 9567 for the fuse and give the workers the next port.
 */
export const METRICS_PORT = 9567;
export const HOST_NETWORK_WORKER_METRICS_PORT = METRICS_PORT + 1;

/** Cache folder without a tiered store (const.go DefaultCacheDir). */
export const DEFAULT_CACHE_DIR = '/var/jfsCache';

/** Binaries in JuiceFS images (pkg/common/juicefs.go). */
export const CE_MOUNT_BIN = '/bin/mount.juicefs';
export const EE_MOUNT_BIN = '/sbin/mount.juicefs';
export const CE_CLI = '/usr/local/bin/juicefs';
export const EE_CLI = '/usr/bin/juicefs';

/** Where worker and fuse read their script.sh (charts/juicefs/templates/*). */
export const SCRIPT_DIR = '/root/script';

/** Encrypt options JuiceFS reads from fixed variables; any other name becomes a variable of its own (transform_fuse.go). */
export const SECRET_ENV = { metaurl: 'METAURL', 'access-key': 'ACCESS_KEY', 'secret-key': 'SECRET_KEY', token: 'TOKEN' } as const;
