// A JindoCache DataLoad: a Job (or CronJob) running the smartdata image, reading the runtime's client ConfigMap for
// the master addresses and its jindocache.cfg, and warming each target path with `jindocache -load`
// (charts/fluid-dataloader/jindocache, pkg/ddc/jindocache/load_data.go).
import type { Construct } from 'constructs';
import type { DataLoadSpec } from '../../../crds/schema/data-load';
import type { JindoRuntimeSpec } from '../../../crds/schema/jindo-runtime';
import type { EnvVar, Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { addEngineOperationJob } from '../../operations/engine-operation-job';
import type { BuiltOperation, OperationBuilder, OperationFieldError, OperationInput } from '../../operations/operation-contract';
import { operationIdentity } from '../../operations/operation-identity';
import { podIpEnv, targetPaths, valueEnv } from '../../operations/operation-pod';
import { imagePullSecretsFromEnv } from '../fluid-switches';
import type { RenderInput } from '../runtime-engine';
import { names } from './labels';
import { LOADER_SCRIPT_FILES, LOADER_SCRIPTS } from './loader-scripts';
import { jindoValues } from './values';

/** The options the loader reads, each passed as the variable the script knows it by. */
const OPTION_ENV: Readonly<Record<string, string>> = {
  loadMemorydata: 'LOAD_MEMORY_DATA',
  atomicCache: 'ENABLE_ATOMIC_CACHE',
  loadMetadataOnly: 'LOAD_METADATA_ONLY',
  cacheListReplica: 'CACHE_LIST_REPLICA',
  threadNum: 'CACHE_LIST_THREAD',
  accessKeyId: 'CACHE_LIST_ACCESSKEYID',
  accessKeySecret: 'CACHE_LIST_ACCESSKEYSECRET',
  endpoint: 'CACHE_LIST_ENDPOINT',
  url: 'CACHE_LIST_URL',
  filter: 'CACHE_FILTER',
  dryrun: 'DRY_RUN_ENABLE',
  // Fluid's CronJob template forgets this one; a scheduled load honours it here as well.
  forceload: 'FORCE_LOAD_ENABLE',
  // The script decides cache-list mode from the four cache-list options; the variable is kept for Fluid's users.
  cacheListLocationEnable: 'Enable_CACHE_LIST_LOCATION',
};

/** Switches: an empty value means off, as the chart's `default false`. */
const SWITCHES = new Set(['loadMemorydata', 'atomicCache', 'loadMetadataOnly', 'dryrun', 'forceload', 'cacheListLocationEnable']);

/** Names a ConfigMap whose hdfs-site.xml the loader mounts; not a variable. */
const HDFS_CONFIG = 'hdfsConfig';

const KNOWN_OPTIONS = [...Object.keys(OPTION_ENV), HDFS_CONFIG].sort();

type JindoInput = RenderInput<JindoRuntimeSpec>;

/**
 * The runtime's defaults under the user's options: memory data is loaded when the first cache tier is memory (our
 * default cache, /dev/shm, is memory too), and the runtime's hadoopConfig supplies hdfs-site.xml.
 */
function effectiveOptions(runtime: JindoRuntimeSpec, own: Record<string, string> | undefined): Record<string, string> {
  const memory = (runtime.tieredstore?.levels?.[0]?.mediumtype ?? 'MEM') === 'MEM';
  return { loadMemorydata: String(memory), ...(runtime.hadoopConfig ? { [HDFS_CONFIG]: runtime.hadoopConfig } : {}), ...own };
}

/** One variable per known option, in key order like the chart's range over the map. */
function optionEnv(options: Record<string, string>): EnvVar[] {
  return Object.keys(options)
    .filter((key) => key in OPTION_ENV)
    .sort()
    .map((key) => valueEnv(OPTION_ENV[key], SWITCHES.has(key) && options[key] === '' ? 'false' : options[key]));
}

function build(scope: Construct, input: OperationInput<DataLoadSpec>): BuiltOperation {
  const { operation } = input;
  const runtime = input.runtime as JindoInput;
  const spec = operation.spec;
  const v = jindoValues(runtime);
  const id = operationIdentity('DataLoad', operation.metadata.name, 'jindocache', v.ds.name, v.datasetId, spec.policy);
  const { paths, replicas } = targetPaths(spec.target);
  const options = effectiveOptions(runtime.runtime.spec, spec.options);
  const hdfsConfig = options[HDFS_CONFIG];
  // Fluid also mounts core-site.xml from the same ConfigMap; ours has no such key, and a subPath of a missing key
  // would appear as an empty folder.
  const volumes: Volume[] = [
    { name: 'bigboot-config', configMap: { name: names.config(v) } },
    ...(hdfsConfig ? [{ name: 'hdfs-confs', configMap: { name: hdfsConfig } }] : []),
  ];
  const mounts: VolumeMount[] = [
    { name: 'bigboot-config', mountPath: '/jindocache.cfg', subPath: 'jindocache.cfg' },
    ...(hdfsConfig ? [{ name: 'hdfs-confs', mountPath: '/hdfs-site.xml', subPath: 'hdfs-site.xml' }] : []),
  ];
  return addEngineOperationJob(scope, {
    id,
    operation,
    // Fluid's jindocache chart gives a failed load one retry, not three.
    backoffLimit: 1,
    pullSecrets: imagePullSecretsFromEnv(runtime.settings.env),
    container: {
      name: 'dataloader',
      image: `${v.smartdata.image}:${v.smartdata.tag}`,
      imagePullPolicy: 'IfNotPresent',
      command: ['/bin/sh', '-c'],
      args: [`/scripts/${LOADER_SCRIPT_FILES['dataloader.distributedLoad']}`],
      env: [
        podIpEnv('STORAGE_ADDRESS'),
        valueEnv('NEED_LOAD_METADATA', String(spec.loadMetadata ?? false)),
        ...optionEnv(options),
        valueEnv('DATA_PATH', paths.join(':')),
        valueEnv('PATH_REPLICAS', replicas.join(':')),
      ],
      envFrom: [{ configMapRef: { name: names.clientConfig(v) } }],
      volumeMounts: mounts,
      ...(spec.resources ? { resources: spec.resources } : {}),
    },
    pod: { volumes },
    scripts: { suffix: 'data-load-script', volumeName: 'data-load-script', files: LOADER_SCRIPT_FILES, data: LOADER_SCRIPTS },
  });
}

/** Fluid ignores an option its chart does not know; a misspelt one here fails the DataLoad instead. */
function check({ operation }: OperationInput<DataLoadSpec>): OperationFieldError[] {
  return Object.keys(operation.spec.options ?? {})
    .filter((key) => !KNOWN_OPTIONS.includes(key))
    .map((key) => ({ path: `spec.options.${key}`, message: `the JindoCache DataLoad does not know this option; it takes ${KNOWN_OPTIONS.join(', ')}` }));
}

/** DataLoad on a JindoRuntime: `jindocache -load` of each target path, or of a cache list kept in OSS. */
export const jindoDataLoad: OperationBuilder<DataLoadSpec> = { check, build };
