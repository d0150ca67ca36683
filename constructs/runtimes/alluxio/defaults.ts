// Fluid's defaults for AlluxioRuntime. Each constant names the Fluid file (commit a826600) it comes from, so a
// Fluid upgrade is a diff of this file.

/** charts/alluxio/Chart.yaml: the `app` and `chart` labels of every object. */
export const CHART = { name: 'alluxio', version: '0.9.14' } as const;

/** pkg/common/constants.go AlluxioRuntime: node-label infix, mount folder, status.runtimes[].type. */
export const RUNTIME_TYPE = 'alluxio';

/** Controller env naming the server image (charts/fluid/fluid/templates/controller/alluxioruntime_controller.yaml). */
export const IMAGE_ENV = 'ALLUXIO_RUNTIME_IMAGE_ENV';
/** Controller env naming the fuse image. */
export const FUSE_IMAGE_ENV = 'ALLUXIO_FUSE_IMAGE_ENV';
/** Controller env naming the init-users image (pkg/common/init.go DefaultInitImageEnv). */
export const INIT_IMAGE_ENV = 'DEFAULT_INIT_IMAGE_ENV';

/** charts/fluid/fluid/values.yaml runtime.alluxio.runtime: the image the chart hands the controller. */
export const DEFAULT_IMAGE = 'alluxio/alluxio-dev:2.9.0';
/** charts/fluid/fluid/values.yaml runtime.alluxio.fuse. */
export const DEFAULT_FUSE_IMAGE = 'alluxio/alluxio-dev:2.9.0';
/** charts/fluid/fluid/values.yaml runtime.alluxio.init (imagePrefix fluidcloudnative). */
export const DEFAULT_INIT_IMAGE = 'fluidcloudnative/init-users:v0.9.0';
/** pkg/common/constants.go DefaultImagePullPolicy. */
export const DEFAULT_PULL_POLICY = 'IfNotPresent';

/**
 * Alluxio's own default ports, which Fluid uses in container network (generateStaticPorts in
 * pkg/ddc/alluxio/transform.go). In host network Fluid's controller allocates free host ports at run time
 * (--runtime-node-port-range 20000-26000); a rendering from files cannot ask the cluster, so it uses these too.
 */
export const PORTS = {
  master: { rpc: 19998, web: 19999, embedded: 19200 },
  jobMaster: { rpc: 20001, web: 20002, embedded: 20003 },
  worker: { rpc: 29999, web: 30000 },
  jobWorker: { rpc: 30001, data: 30002, web: 30003 },
  apiGateway: { rest: 39999 },
} as const;

/** JVM options when the component sets none (pkg/ddc/alluxio/transform_optimization.go optimizeDefaultFor*). */
export const MASTER_JVM_OPTIONS = ['-Xmx16G', '-XX:+UnlockExperimentalVMOptions'];
export const WORKER_JVM_OPTIONS = ['-Xmx12G', '-XX:+UnlockExperimentalVMOptions', '-XX:MaxDirectMemorySize=32g'];
export const FUSE_JVM_OPTIONS = ['-Xmx16G', '-Xms16G', '-XX:+UseG1GC', '-XX:MaxDirectMemorySize=32g', '-XX:+UnlockExperimentalVMOptions'];

/** Container args of each component (charts/alluxio/values.yaml; Fluid never overrides them). */
export const ARGS = {
  master: ['master-only', '--no-format'],
  jobMaster: ['job-master'],
  worker: ['worker-only', '--no-format'],
  jobWorker: ['job-worker'],
  apiGateway: ['proxy'],
} as const;

/** Fuse options when spec.fuse.args is empty (optimizeDefaultFuse in transform_optimization.go). */
export const FUSE_OPTS = {
  readOnly: '--fuse-opts=kernel_cache,ro,attr_timeout=7200,entry_timeout=7200',
  readWrite: '--fuse-opts=kernel_cache,rw',
  /** With alluxio.fuse.jnifuse.libfuse.version "2". */
  readOnlyLibfuse2: '--fuse-opts=kernel_cache,ro,max_read=131072,attr_timeout=7200,entry_timeout=7200,nonempty',
  readWriteLibfuse2: '--fuse-opts=kernel_cache,rw,max_read=131072',
} as const;

/** From this fuse image tag on, the mount point is a fuse argument instead of env MOUNT_POINT (transform_fuse.go). */
export const NEW_FUSE_ARGS_VERSION = [2, 8, 0] as const;

/** Fuse memory limit Fluid starts from when spec.fuse.resources.limits.memory is zero (transform_resources.go). */
export const FUSE_MEMORY_LIMIT_WHEN_ZERO = '50Gi';

/** Properties Fluid sets unless the runtime sets them (transform_permission.go, transform_optimization.go). */
export const DEFAULT_PROPERTIES: readonly (readonly [string, string])[] = [
  ['alluxio.master.security.impersonation.root.users', '*'],
  ['alluxio.master.security.impersonation.root.groups', '*'],
  ['alluxio.security.authorization.permission.enabled', 'false'],
  ['alluxio.fuse.jnifuse.enabled', 'true'],
  ['alluxio.fuse.jnifuse.libfuse.version', '3'],
  ['alluxio.master.metastore', 'ROCKS'],
  ['alluxio.user.update.file.accesstime.disabled', 'true'],
  ['alluxio.user.client.cache.enabled', 'false'],
  ['alluxio.master.metastore.inode.cache.max.size', '10000000'],
  ['alluxio.master.journal.log.size.bytes.max', '500MB'],
  ['alluxio.master.metadata.sync.concurrency.level', '128'],
  ['alluxio.master.metadata.sync.executor.pool.size', '128'],
  ['alluxio.master.metadata.sync.ufs.prefetch.pool.size', '128'],
  ['alluxio.user.block.worker.client.pool.min', '512'],
  ['alluxio.fuse.debug.enabled', 'false'],
  ['alluxio.user.ufs.block.read.location.policy', 'alluxio.client.block.policy.LocalFirstPolicy'],
  ['alluxio.user.block.write.location.policy.class', 'alluxio.client.block.policy.LocalFirstAvoidEvictionPolicy'],
  ['alluxio.worker.allocator.class', 'alluxio.worker.block.allocator.MaxFreeAllocator'],
  ['alluxio.user.block.size.bytes.default', '16MB'],
  ['alluxio.user.streaming.reader.chunk.size.bytes', '32MB'],
  ['alluxio.user.local.reader.chunk.size.bytes', '32MB'],
  ['alluxio.worker.network.reader.buffer.size', '32MB'],
  ['alluxio.user.metrics.collection.enabled', 'true'],
  ['alluxio.master.rpc.executor.max.pool.size', '1024'],
  ['alluxio.master.rpc.executor.core.pool.size', '128'],
  ['alluxio.user.file.passive.cache.enabled', 'false'],
  ['alluxio.user.block.avoid.eviction.policy.reserved.size.bytes', '2GB'],
  ['alluxio.master.journal.folder', '/journal'],
  ['alluxio.user.block.master.client.pool.gc.threshold', '10min'],
  ['alluxio.user.file.master.client.threads', '1024'],
  ['alluxio.user.block.master.client.threads', '1024'],
  ['alluxio.user.file.create.ttl.action', 'FREE'],
  ['alluxio.user.file.readtype.default', 'CACHE'],
  ['alluxio.security.stale.channel.purge.interval', '365d'],
  ['alluxio.user.metadata.cache.enabled', 'true'],
  ['alluxio.user.metadata.cache.expiration.time', '10min'],
  ['alluxio.user.metadata.cache.max.size', '6000000'],
  ['alluxio.fuse.cached.paths.max', '1000000'],
  ['alluxio.job.worker.threadpool.size', '32'],
  ['alluxio.user.worker.list.refresh.interval', '2min'],
  ['alluxio.user.logging.threshold', '1000ms'],
  ['alluxio.fuse.logging.threshold', '1000ms'],
  ['alluxio.worker.block.master.client.pool.size', '1024'],
  ['alluxio.job.master.finished.job.retention.time', '30sec'],
  ['alluxio.underfs.object.store.breadcrumbs.enabled', 'false'],
];

/** Larger blocks and reads when every mount is http(s):// (optimizeDefaultPropertiesAndFuseForHTTP). */
export const HTTP_PROPERTIES: readonly (readonly [string, string])[] = [
  ['alluxio.user.block.size.bytes.default', '256MB'],
  ['alluxio.user.streaming.reader.chunk.size.bytes', '256MB'],
  ['alluxio.user.local.reader.chunk.size.bytes', '256MB'],
  ['alluxio.worker.network.reader.buffer.size', '256MB'],
  ['alluxio.user.streaming.data.timeout', '300sec'],
];
/** Fuse option added with HTTP_PROPERTIES when the runtime gives no fuse args. */
export const HTTP_FUSE_OPTION = 'max_readahead=0';

/** The journal Fluid gives every master: embedded, in a 30Gi emptyDir (transform.go; charts/alluxio/values.yaml). */
export const JOURNAL = { type: 'EMBEDDED', folder: '/journal', volume: 'alluxio-journal', sizeLimit: '30Gi' } as const;

/**
 * The tier the chart renders when the runtime declares none: Fluid writes an empty `tieredstore` and Helm fills in
 * charts/alluxio/values.yaml's level.
 */
export const CHART_DEFAULT_TIER = { mediumType: 'MEM', path: '/dev/shm', quota: '1G' } as const;

/** Fixed paths in the Alluxio pods. */
export const PATHS = {
  /** Where Fluid mounts each Secret a mount option needs (pkg/ddc/alluxio/transform_volumes.go). */
  secrets: '/etc/fluid/secrets',
  /** Where the master sees the mount-config ConfigMap (charts/alluxio/templates/master/statefulset.yaml). */
  scripts: '/etc/fluid/scripts',
  /** Root of local:// and pvc:// mounts inside master and worker pods (pkg/common/ufs_path.go). */
  ufsRoot: '/underFSStorage',
  /** hadoopConfig ConfigMap mount (pkg/ddc/alluxio/const.go hadoopConfMountPath). */
  hadoopConfig: '/hdfs-config',
  /** Fuse sub-folder under the runtime's mount dir (pkg/ddc/alluxio/utils.go getMountPoint). */
  fuseDir: 'alluxio-fuse',
  /** The fuse binary the preStop hook unmounts with (charts/alluxio/templates/fuse/daemonset.yaml). */
  fuseBinary: '/opt/alluxio/integration/fuse/bin/alluxio-fuse',
  /** Host folder of the init-users passwd/group files: `<dir>/<ns>/<name>` (utils.go getInitUserDir). */
  initUsersDir: '/tmp/fluid',
} as const;

/** PV mount_type the CSI plugin checks (pkg/common/volume.go). */
export const MOUNT_TYPE = 'fuse.alluxio-fuse';

/** Label Fluid's Prometheus config scrapes master Services by (pkg/ddc/alluxio/const.go). */
export const METRICS_LABEL = { monitor: 'alluxio_runtime_metrics' } as const;

/** Volume names the chart uses (charts/alluxio/templates/**). */
export const VOLUMES = {
  fuseMount: 'alluxio-fuse-mount',
  fuseDevice: 'alluxio-fuse-device',
  mountConfig: 'alluxio-mount-conf',
  hadoopConfig: 'hdfs-confs',
} as const;
