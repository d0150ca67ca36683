// `<name>-config`: the environment every Alluxio container loads (envFrom), holding each component's Java
// options (charts/alluxio/templates/config/alluxio-conf.yaml). Option values are written as Fluid writes them; a
// mount option backed by a Secret appears as the PATH of the mounted Secret key, never as its value.
import { FUSE_JVM_OPTIONS, JOURNAL, MASTER_JVM_OPTIONS, WORKER_JVM_OPTIONS } from './defaults';
import { requestedMemory } from './resources';
import { tierJavaOptions } from './tiered-store';
import type { AlluxioValues } from './values';

const asOptions = (properties: Record<string, string> | undefined): string[] =>
  Object.keys(properties ?? {})
    .sort()
    .map((key) => `-D${key}=${properties![key]}`);

/** ALLUXIO_JAVA_OPTS: master address, journal, tiers, then the global properties and JVM options. */
function commonJavaOptions(v: AlluxioValues): string[] {
  return [
    // One master has a stable DNS name through its Service; HA masters find each other through the quorum property.
    ...(v.masterReplicas === 1 ? [`-Dalluxio.master.hostname=${v.id.release}-master-0.${v.ds.namespace}`] : []),
    '-Dalluxio.user.hostname=${ALLUXIO_CLIENT_HOSTNAME}',
    `-Dalluxio.master.journal.type=${JOURNAL.type}`,
    `-Dalluxio.master.journal.folder=${JOURNAL.folder}`,
    ...tierJavaOptions(v.renderedTiers),
    ...asOptions(v.properties),
    ...(v.spec.jvmOptions ?? []),
  ];
}

function workerJavaOptions(v: AlluxioValues): string[] {
  const worker = v.spec.worker;
  const memory = requestedMemory(v.resources.worker);
  return [
    '-Dalluxio.worker.hostname=${ALLUXIO_WORKER_HOSTNAME}',
    `-Dalluxio.worker.rpc.port=${v.ports.worker.rpc}`,
    `-Dalluxio.worker.web.port=${v.ports.worker.web}`,
    ...(v.hostNetwork.worker ? [] : ['-Dalluxio.worker.container.hostname=${ALLUXIO_WORKER_CONTAINER_HOSTNAME}']),
    ...(memory ? [`-Dalluxio.worker.memory.size=${memory}`] : []),
    ...asOptions(worker?.properties),
    ...(worker?.jvmOptions?.length ? worker.jvmOptions : WORKER_JVM_OPTIONS),
  ];
}

/**
 * The data of `<name>-config`. Job master and job worker options carry only addresses and ports: Fluid passes
 * neither their properties nor their JVM options on.
 */
export function configData(v: AlluxioValues): Record<string, string> {
  const { master, fuse } = v.spec;
  const { jobWorker } = v.ports;
  const line = (options: readonly string[]) => options.join(' ');
  return {
    ALLUXIO_JAVA_OPTS: line(commonJavaOptions(v)),
    ALLUXIO_MASTER_JAVA_OPTS: line([
      '-Dalluxio.master.hostname=${ALLUXIO_MASTER_HOSTNAME}',
      ...asOptions(master?.properties),
      ...(master?.jvmOptions?.length ? master.jvmOptions : MASTER_JVM_OPTIONS),
    ]),
    ALLUXIO_JOB_MASTER_JAVA_OPTS: line(['-Dalluxio.master.hostname=${ALLUXIO_MASTER_HOSTNAME}']),
    ALLUXIO_WORKER_JAVA_OPTS: line(workerJavaOptions(v)),
    ALLUXIO_JOB_WORKER_JAVA_OPTS: line([
      '-Dalluxio.worker.hostname=${ALLUXIO_WORKER_HOSTNAME}',
      `-Dalluxio.job.worker.rpc.port=${jobWorker.rpc}`,
      `-Dalluxio.job.worker.data.port=${jobWorker.data}`,
      `-Dalluxio.job.worker.web.port=${jobWorker.web}`,
    ]),
    ALLUXIO_FUSE_JAVA_OPTS: line([...asOptions(fuse?.properties), ...(fuse?.jvmOptions?.length ? fuse.jvmOptions : FUSE_JVM_OPTIONS)]),
    // The chart passes this through as a literal reference; the pods' own env var of that name fills it.
    ALLUXIO_WORKER_TIEREDSTORE_LEVEL0_DIRS_PATH: '${ALLUXIO_WORKER_TIEREDSTORE_LEVEL0_DIRS_PATH}',
  };
}
