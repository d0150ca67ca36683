// Fluid's fixed facts about ThinRuntime, each with the Fluid file it comes from. ThinRuntime has no default images:
// the ThinRuntimeProfile names the fuse (and worker) image, so a profile without one is an error (check.ts).

/** Kind served and Fluid's runtime type: mount folder `<root>/thin/...` (pkg/common/thin.go ThinRuntime). */
export const THIN_KIND = 'ThinRuntime';
export const THIN_RUNTIME_TYPE = 'thin';

/** Chart name and version, for the `app` and `chart` labels (charts/thin/Chart.yaml). */
export const THIN_CHART = { name: 'thin', version: '0.1.5' } as const;

/** Pod roles (charts/thin/templates/fuse/daemonset.yaml, worker/statefuleset.yaml; pkg/ddc/thin/const.go). */
export const FUSE_ROLE = 'thin-fuse';
export const WORKER_ROLE = 'thin-worker';

/** Container names (pkg/common/thin.go ThinFuseContainer, ThinWorkerContainer). */
export const FUSE_CONTAINER = 'thin-fuse';
export const WORKER_CONTAINER = 'thin-worker';

/** Folder under `<root>/thin/<ns>/<name>` where the fuse mounts the data; the PV's fluid_path ends with it (pkg/ddc/thin/util.go getTargetPath). */
export const FUSE_DIR = 'thin-fuse';

/** Volume names of the fuse pod (charts/thin/templates/fuse/daemonset.yaml). */
export const FUSE_MOUNT_VOLUME = 'thin-fuse-mount';
export const CONFIG_VOLUME = 'thin-conf';
export const CACHE_DIR_VOLUME = 'cache-dir';

/** Where the fuse reads config.json (charts/thin/templates/fuse/daemonset.yaml). */
export const CONFIG_MOUNT_PATH = '/etc/fluid/config';
export const CONFIG_FILE = 'config.json';
/** The chart mounts config.json read-only for everyone: 0444 (charts/thin/templates/fuse/daemonset.yaml). */
export const CONFIG_FILE_MODE = 0o444;

/** Env the fuse image reads: where to mount and with which options (pkg/common/thin.go ThinFusePointEnvKey, ThinFuseOptionEnvKey). */
export const MOUNT_POINT_ENV = 'MOUNT_POINT';
export const MOUNT_OPTIONS_ENV = 'MOUNT_OPTIONS';

/** Pull policy of the fuse when neither profile nor runtime sets one (charts/thin/values.yaml fuse.imagePullPolicy). */
export const DEFAULT_FUSE_PULL_POLICY = 'IfNotPresent';

/** The chart sets this DNS policy on every fuse pod, host network or not (charts/thin/values.yaml fuse.dnsPolicy). */
export const FUSE_DNS_POLICY = 'ClusterFirstWithHostNet';

/** Dataset mount option that adds a host folder to the fuse: `<hostPath>[:<mountPath>]` (pkg/common/dataset.go). */
export const HOST_VOLUME_OPTION = 'fluid.fuse.hostvolume';

/** Runtime annotation that turns on hostPID for the fuse pods (pkg/common/constants.go RuntimeFuseHostPIDKey). */
export const FUSE_HOST_PID_ANNOTATION = 'runtime.fluid.io/fuse.hostpid';

/**
 * Controller env that marks fuse pods system-node-critical (pkg/utils/runtimes/options/critical_fuse_pod.go).
 * Fluid's install sets it to true on Kubernetes >= 1.16 (charts/fluid/fluid/values.yaml runtime.criticalFusePod).
 */
export const CRITICAL_FUSE_POD_ENV = 'CRITICAL_FUSE_POD';
