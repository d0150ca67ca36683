// A CacheRuntime DataLoad: the CacheRuntimeClass says how its cache system loads data (the dataOperationSpecs entry
// named DataLoad: image, command, args); we run that container in a Job (or CronJob) and tell it what to load
// through FLUID_DATALOAD_* variables (charts/fluid-dataloader/cache, pkg/ddc/cache/engine/dataload.go, image.go).
import type { Construct } from 'constructs';
import type { CacheRuntimeSpec } from '../../../crds/schema/cache-runtime';
import type { DataLoadSpec } from '../../../crds/schema/data-load';
import type { PodSpec } from '../../../crds/schema/k8s/core.generated';
import { addEngineOperationJob } from '../../operations/engine-operation-job';
import { datasetId } from '../../object-names';
import type { BuiltOperation, OperationBuilder, OperationFieldError, OperationInput } from '../../operations/operation-contract';
import { operationIdentity } from '../../operations/operation-identity';
import { targetPaths, valueEnv } from '../../operations/operation-pod';
import { CacheRuntimeClassObject, datasetRefOf, RenderInput } from '../runtime-engine';
import { RUNTIME_CONFIG_DIR, RUNTIME_CONFIG_PATH, runtimeConfigMapName, runtimeConfigVolumeName } from './names';

type Input = RenderInput<CacheRuntimeSpec>;
type OperationSpec = NonNullable<CacheRuntimeClassObject['dataOperationSpecs']>[number];

function dataLoadSpecOf(runtimeClass: CacheRuntimeClassObject | undefined): OperationSpec | undefined {
  return runtimeClass?.dataOperationSpecs?.find((s) => s.name === 'DataLoad');
}

/** The worker's pod spec in the class, whichever spelling its author used. */
function workerPodSpec(runtimeClass: CacheRuntimeClassObject | undefined): PodSpec | undefined {
  const worker = runtimeClass?.topology?.worker;
  return (worker?.template ?? worker?.podTemplateSpec)?.spec;
}

/** The entry's image, else the runtime's worker image (both image and tag set), else the class's worker image. */
function imageOf(runtime: Input, op: OperationSpec | undefined): string | undefined {
  const version = runtime.runtime.spec.worker?.runtimeVersion;
  if (op?.image) return op.image;
  if (version?.image && version.imageTag) return `${version.image}:${version.imageTag}`;
  return workerPodSpec(runtime.runtimeClass)?.containers?.[0]?.image || undefined;
}

function build(scope: Construct, input: OperationInput<DataLoadSpec>): BuiltOperation {
  const { operation } = input;
  const runtime = input.runtime as Input;
  const spec = operation.spec;
  const name = runtime.runtime.metadata.name;
  const ds = datasetRefOf(runtime);
  const op = dataLoadSpecOf(runtime.runtimeClass);
  const image = imageOf(runtime, op);
  if (!op || !image) throw new Error(`CacheRuntime ${name}: no DataLoad container in CacheRuntimeClass ${runtime.runtimeClass?.metadata.name ?? '?'} (check first)`);
  const id = operationIdentity('DataLoad', operation.metadata.name, 'cache', ds.name, datasetId(ds), spec.policy);
  const { paths, replicas } = targetPaths(spec.target);
  // The class's pull secrets, not the controller's: the loader runs the cache system's own image.
  const pullSecrets = workerPodSpec(runtime.runtimeClass)?.imagePullSecrets ?? [];
  const configVolume = runtimeConfigVolumeName(name);
  return addEngineOperationJob(scope, {
    id,
    operation,
    pullSecrets,
    container: {
      name: 'dataloader',
      image,
      imagePullPolicy: 'IfNotPresent',
      ...(op.command?.length ? { command: [...op.command] } : {}),
      ...(op.args?.length ? { args: [...op.args] } : {}),
      env: [
        valueEnv('FLUID_DATALOAD_METADATA', String(spec.loadMetadata ?? false)),
        valueEnv('FLUID_DATALOAD_DATA_PATH', paths.join(':')),
        valueEnv('FLUID_DATALOAD_PATH_REPLICAS', replicas.join(':')),
        valueEnv('FLUID_RUNTIME_CONFIG_PATH', RUNTIME_CONFIG_PATH),
      ],
      // Fluid names runtime.json in FLUID_RUNTIME_CONFIG_PATH but never mounts it in the loader; we mount the
      // runtime's config ConfigMap there, so a loader can find the cluster as every component does.
      volumeMounts: [{ name: configVolume, mountPath: RUNTIME_CONFIG_DIR, readOnly: true }],
      ...(spec.resources ? { resources: spec.resources } : {}),
    },
    pod: { volumes: [{ name: configVolume, configMap: { name: runtimeConfigMapName(name) } }] },
  });
}

function check(input: OperationInput<DataLoadSpec>): OperationFieldError[] {
  const runtime = input.runtime as Input;
  const className = runtime.runtimeClass?.metadata.name ?? runtime.runtime.spec.runtimeClassName;
  const op = dataLoadSpecOf(runtime.runtimeClass);
  const options = Object.keys(input.operation.spec.options ?? {}).map((key) => ({ path: `spec.options.${key}`, message: 'the CacheRuntime DataLoad takes no options' }));
  if (!op) return [{ path: 'spec', message: `CacheRuntimeClass ${className} defines no DataLoad in dataOperationSpecs` }, ...options];
  return [
    ...(op.command?.length || op.args?.length ? [] : [{ path: 'spec', message: `the DataLoad entry of CacheRuntimeClass ${className} sets neither command nor args` }]),
    ...(imageOf(runtime, op) ? [] : [{ path: 'spec', message: `CacheRuntimeClass ${className} gives the DataLoad no image: set its image, the runtime's spec.worker.runtimeVersion or a worker container image` }]),
    ...options,
  ];
}

/** DataLoad on a CacheRuntime: the container its CacheRuntimeClass declares for DataLoad. */
export const cacheDataLoad: OperationBuilder<DataLoadSpec> = { check, build };
