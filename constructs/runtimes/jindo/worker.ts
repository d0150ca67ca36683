// The Jindo cache workers: StatefulSet `<name>-jindofs-worker` (charts/jindocache/templates/worker/statefulset.yaml),
// placed by Fluid's worker affinity (CacheWorker) and scaled to spec.replicas.
import { Construct } from 'constructs';
import type { JindoRuntimeSpec } from '../../../crds/schema/jindo-runtime';
import type { Container, EnvVar, NodeSelector, Toleration } from '../../../crds/schema/k8s/core.generated';
import { CacheWorker } from '../../components/cache-worker';
import type { PodTemplate } from '../../components/pod-template';
import { withMemoryRequest } from '../memory-tier';
import { masterRpcAddresses } from './config';
import { componentLabels, names, workerSelector } from './labels';
import * as parts from './pod-parts';
import { byKey, dataVolume, dataVolumeMount } from './tiered-store';
import type { JindoValues } from './values';

function workerEnv(v: JindoValues, spec: JindoRuntimeSpec): EnvVar[] {
  const addresses = masterRpcAddresses(v).join(',');
  const env: EnvVar[] = addresses
    ? [
        { name: 'STORAGE_NAMESPACE_RPC_ADDRESS', value: addresses },
        { name: 'CLIENT_NAMESPACE_RPC_ADDRESS', value: addresses },
      ]
    : [];
  env.push(...parts.runAsUserEnv(spec));
  if (v.hostNetwork) {
    env.push({ name: 'STORAGE_ADDRESS', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } });
  } else {
    env.push(
      { name: 'STORAGE_ADDRESS', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'STORAGE_DATA_PATH', value: v.cache.dataPath },
    );
  }
  return [...env, ...parts.envFromMap(spec.worker?.env)];
}

function workerContainer(v: JindoValues, spec: JindoRuntimeSpec): Container {
  const resources = withMemoryRequest(spec.worker?.resources, v.cache.workerMemory);
  return {
    name: 'jindofs-worker',
    image: `${v.smartdata.image}:${v.smartdata.tag}`,
    imagePullPolicy: v.smartdata.pullPolicy,
    ...(resources ? { resources } : {}),
    command: ['/entrypoint.sh'],
    args: ['worker'],
    env: workerEnv(v, spec),
    ...(v.rdma ? { securityContext: { capabilities: { add: ['SYS_RESOURCE', 'IPC_LOCK'] } } } : {}),
    ports: [{ containerPort: v.ports.workerRpc, name: 'rpc' }],
    volumeMounts: [
      ...parts.configMounts(parts.CLIENT_FILES),
      ...byKey([...v.cache.worker, ...v.localVolumes]).map(dataVolumeMount),
      ...parts.sourceParts(v, spec).mounts,
      ...(spec.worker?.volumeMounts ?? []),
    ],
  };
}

export function workerTemplate(v: JindoValues, spec: JindoRuntimeSpec, datasetTolerations: readonly Toleration[] | undefined): PodTemplate {
  const meta = parts.podMetadata(spec, 'worker');
  return {
    labels: { ...componentLabels(v, 'jindofs-worker'), ...meta.labels },
    annotations: meta.annotations,
    spec: {
      ...parts.pullSecrets(spec, 'worker'),
      hostNetwork: v.hostNetwork,
      securityContext: parts.ROOT_SECURITY,
      ...parts.placementParts(spec.worker, datasetTolerations),
      containers: [workerContainer(v, spec)],
      ...parts.dnsParts(v, v.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst'),
      volumes: [
        ...byKey([...v.cache.worker, ...v.localVolumes]).map((vol) => dataVolume(vol, true)),
        ...parts.sourceParts(v, spec).volumes,
        ...parts.userVolumes(spec, spec.worker?.volumeMounts),
        parts.configVolume(v),
      ],
    },
  };
}

export interface WorkerInputs {
  /** spec.replicas. */
  readonly replicas: number;
  /** The Dataset's tolerations, before the worker's own. @default - none */
  readonly datasetTolerations?: readonly Toleration[];
  /** The Dataset's nodeAffinity.required. @default - none */
  readonly datasetNodeAffinity?: NodeSelector;
}

export function addWorkers(scope: Construct, v: JindoValues, spec: JindoRuntimeSpec, inputs: WorkerInputs): CacheWorker {
  return new CacheWorker(scope, 'Worker', {
    name: names.worker(v),
    labels: componentLabels(v, 'jindofs-worker'),
    selector: workerSelector(v),
    replicas: inputs.replicas,
    template: workerTemplate(v, spec, inputs.datasetTolerations),
    datasetId: v.datasetId,
    placement: v.placement,
    fuseLabelKey: v.fuseLabelKey,
    datasetNodeAffinity: inputs.datasetNodeAffinity,
    podManagementPolicy: 'Parallel',
  });
}
