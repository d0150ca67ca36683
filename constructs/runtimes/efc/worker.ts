// EFC workers: StatefulSet `<name>-worker`, the distributed cache the fuse clients share
// (charts/efc/templates/worker/statefulset.yaml). Fluid's worker affinity comes from CacheWorker, as Fluid's
// controller adds it when it scales the workers up.
import { Construct } from 'constructs';
import type { EFCRuntimeSpec } from '../../../crds/schema/efc-runtime';
import type { NodeSelector, ResourceRequirements } from '../../../crds/schema/k8s/core.generated';
import { CacheWorker } from '../../components/cache-worker';
import type { PodTemplate } from '../../components/pod-template';
import { compareQuantities, parseQuantity } from '../../quantity';
import { names, objectLabels, podLabels, podLibraryLabels, selectorOf } from './labels';
import { commonPodSpec, podMetadata, resourcesPart } from './pod-parts';
import { tierMemory, tierVolume } from './tiered-store';
import type { EfcValues } from './values';

/**
 * The worker's resources: a memory tier's quota becomes the memory request when the user asks for less or nothing
 * (transform_resources.go transformResourcesForWorker, which also writes it back into the runtime; we only render it).
 */
export function workerResources(own: ResourceRequirements | undefined, v: EfcValues): ResourceRequirements | undefined {
  const memory = tierMemory(v.workerTier);
  if (!memory) return own;
  const asked = own?.requests?.memory === undefined ? undefined : parseQuantity(own.requests.memory);
  if (asked && asked.nanos !== 0n && compareQuantities(parseQuantity(memory)!, asked) <= 0) return own;
  return { ...own, requests: { ...own?.requests, memory } };
}

export function workerTemplate(v: EfcValues, spec: EFCRuntimeSpec): PodTemplate {
  const meta = podMetadata(spec, 'worker');
  const tier = tierVolume(v.workerTier);
  return {
    labels: { ...podLabels(v, 'efc-worker'), ...podLibraryLabels(v), ...meta.labels },
    annotations: meta.annotations,
    spec: {
      ...commonPodSpec(v, v.workerHostNetwork, spec.worker?.nodeSelector),
      containers: [
        {
          name: 'efc-worker',
          image: `${v.workerImage.image}:${v.workerImage.tag}`,
          imagePullPolicy: v.workerImage.pullPolicy,
          ...resourcesPart(workerResources(spec.worker?.resources, v)),
          command: ['/entrypoint.sh'],
          args: ['worker', v.options.worker],
          ports: [{ containerPort: v.workerRpcPort, name: 'rpc' }],
          volumeMounts: [tier.mount],
        },
      ],
      volumes: [tier.volume],
    },
  };
}

export interface WorkerInputs {
  /** Workers wanted: spec.replicas, 0 when the worker is disabled. */
  readonly replicas: number;
  /** The Dataset's nodeAffinity.required. @default - none */
  readonly datasetNodeAffinity?: NodeSelector;
}

export function addWorkers(scope: Construct, v: EfcValues, spec: EFCRuntimeSpec, inputs: WorkerInputs): CacheWorker {
  return new CacheWorker(scope, 'Worker', {
    name: names.worker(v),
    labels: objectLabels(v, 'efc-worker'),
    selector: selectorOf(v, 'efc-worker'),
    replicas: inputs.replicas,
    template: workerTemplate(v, spec),
    datasetId: v.datasetId,
    placement: v.placement,
    fuseLabelKey: v.fuseLabelKey,
    datasetNodeAffinity: inputs.datasetNodeAffinity,
    // The chart sets no update strategy: Kubernetes' default.
    updateStrategy: 'RollingUpdate',
  });
}
