// DataProcess: the user's own pod spec or script, run as a Job with the Dataset's PVC mounted at the path they
// chose (charts/fluid-dataprocess/common). It needs nothing from the engine, so every runtime runs it the same way.
import type { Construct } from 'constructs';
import type { DataProcessSpec } from '../../crds/schema/data-process';
import type { Container, PodSpec, Volume, VolumeMount } from '../../crds/schema/k8s/core.generated';
import { OperationJob } from '../components/operation-job';
import { RuntimeConfigMap } from '../components/runtime-config-map';
import { datasetId, persistentVolumeClaimName } from '../object-names';
import { datasetRefOf } from '../runtimes/runtime-engine';
import type { BuiltOperation, OperationBuilder, OperationInput } from './operation-contract';
import { jobLabels, operationIdentity, podLabels, scheduleOf, scriptLabels } from './operation-identity';
import { podAnnotations } from './operation-pod';

/** Fluid's names for the dataset volume and the script, which processors' own specs may refer to. */
const DATASET_VOLUME = 'fluid-dataset-vol';
const SCRIPT_VOLUME = 'script-cm-vol';
const SCRIPT_FILE = 'preprocess.sh';
const SCRIPT_DIR = '/fluid-scripts';

function withDatasetMount(container: Container, mount: VolumeMount): Container {
  return { ...container, volumeMounts: [...(container.volumeMounts ?? []), mount] };
}

/** The script processor's pod: one container running the user's source with the user's interpreter. */
function scriptPod(spec: DataProcessSpec, scriptConfigMap: string, mount: VolumeMount, volume: Volume): PodSpec {
  const script = spec.processor.script!;
  const container: Container = {
    name: 'script-processor',
    image: script.imageTag ? `${script.image ?? ''}:${script.imageTag}` : (script.image ?? ''),
    ...(script.imagePullPolicy ? { imagePullPolicy: script.imagePullPolicy } : {}),
    ...(script.command ? { command: script.command } : {}),
    args: [`${SCRIPT_DIR}/${SCRIPT_FILE}`],
    ...(script.resources ? { resources: script.resources } : {}),
    ...(script.env ? { env: script.env } : {}),
    volumeMounts: [{ name: SCRIPT_VOLUME, mountPath: `${SCRIPT_DIR}/${SCRIPT_FILE}`, subPath: SCRIPT_FILE }, ...(script.volumeMounts ?? []), mount],
  };
  return {
    restartPolicy: script.restartPolicy ?? 'Never',
    ...(spec.processor.serviceAccountName ? { serviceAccountName: spec.processor.serviceAccountName } : {}),
    containers: [container],
    // Executable, so a script with a shebang runs without naming an interpreter in `command`.
    volumes: [{ name: SCRIPT_VOLUME, configMap: { name: scriptConfigMap, defaultMode: 0o555 } }, ...(script.volumes ?? []), volume],
  };
}

/** The job processor's pod: the user's spec, with the dataset mounted into every container. */
function jobPod(spec: DataProcessSpec, mount: VolumeMount, volume: Volume): PodSpec {
  const pod = spec.processor.job?.podSpec ?? { containers: [] };
  return {
    ...pod,
    ...(spec.processor.serviceAccountName && !pod.serviceAccountName ? { serviceAccountName: spec.processor.serviceAccountName } : {}),
    containers: pod.containers.map((c) => withDatasetMount(c, mount)),
    ...(pod.initContainers ? { initContainers: pod.initContainers.map((c) => withDatasetMount(c, mount)) } : {}),
    volumes: [...(pod.volumes ?? []), volume],
  };
}

function build(scope: Construct, input: OperationInput<DataProcessSpec>): BuiltOperation {
  const { operation, runtime } = input;
  const spec = operation.spec;
  const ds = datasetRefOf(runtime);
  // Fluid leaves fluid.io/dataset-id empty here (the value is never passed); we fill it like every other object.
  const id = operationIdentity('DataProcess', operation.metadata.name, 'fluid-dataprocess', ds.name, datasetId(ds), spec.policy);
  const volume: Volume = { name: DATASET_VOLUME, persistentVolumeClaim: { claimName: persistentVolumeClaimName(ds) } };
  const mount: VolumeMount = { name: DATASET_VOLUME, mountPath: spec.dataset.mountPath, ...(spec.dataset.subPath ? { subPath: spec.dataset.subPath } : {}) };
  const scriptConfigMap = `${id.release}-scripts`;
  if (spec.processor.script) {
    new RuntimeConfigMap(scope, 'ProcessScript', { name: scriptConfigMap, labels: scriptLabels(id), data: { [SCRIPT_FILE]: spec.processor.script.source } });
  }
  const pod = spec.processor.script ? scriptPod(spec, scriptConfigMap, mount, volume) : jobPod(spec, mount, volume);
  const job = new OperationJob(scope, 'DataProcess', {
    name: id.jobName,
    labels: jobLabels(id),
    schedule: scheduleOf(id, spec.schedule),
    template: { labels: podLabels(id, spec.processor.podMetadata?.labels), annotations: podAnnotations(spec.processor.podMetadata, operation.metadata.annotations), spec: pod },
  });
  return { kind: job.kind, name: job.name };
}

export const dataProcess: OperationBuilder<DataProcessSpec> = { build };
