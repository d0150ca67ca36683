// The optional worker StatefulSet `<name>-worker` (charts/thin/templates/worker/statefuleset.yaml,
// pkg/ddc/thin/transform.go transformWorkers), rendered only when the runtime sets worker.enabled.
import type { Construct } from 'constructs';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import type { Container, LocalObjectReference, PodSpec, Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { CacheWorker } from '../../components/cache-worker';
import type { PodTemplate } from '../../components/pod-template';
import { NO_SIDECAR } from '../../fluid-labels';
import { fuseLabelKey } from '../../object-names';
import { CACHE_DIR_VOLUME, WORKER_CONTAINER, WORKER_ROLE } from './defaults';
import { roleLabels, ThinLayout } from './layout';
import { componentFields, pullSecretsField } from './container';
import type { MergedWorker } from './merge';
import { workerName } from './names';
import { joinVolumeSets, VolumeSet } from './volumes';

export interface ThinWorkerProps {
  readonly layout: ThinLayout;
  /** Profile and runtime worker settings, merged. */
  readonly worker: MergedWorker;
  /** The runtime's spec.replicas (ThinRuntime.Replicas()). */
  readonly replicas: number;
  /** The Dataset: tolerations, placement and node affinity of the workers. */
  readonly dataset: DatasetSpec;
  /** Level-0 tiered-store path, mounted from the host at the same path. @default - no cache-dir volume */
  readonly cacheDir?: string;
  /** Pull secrets of the pod when the worker names none (runtime, else profile). @default - none */
  readonly imagePullSecrets?: readonly LocalObjectReference[];
}

/**
 * The chart mounts cache-dir but never declares the volume, so a worker with a tiered store would be refused by the
 * API server; we declare the hostPath the fuse uses too.
 */
function cacheDirVolume(cacheDir: string | undefined): VolumeSet {
  if (!cacheDir) return { volumes: [], mounts: [] };
  const volumes: Volume[] = [{ name: CACHE_DIR_VOLUME, hostPath: { path: cacheDir, type: 'DirectoryOrCreate' } }];
  const mounts: VolumeMount[] = [{ name: CACHE_DIR_VOLUME, mountPath: cacheDir }];
  return { volumes, mounts };
}

function workerContainer(worker: MergedWorker, mounts: readonly VolumeMount[]): Container {
  return {
    name: WORKER_CONTAINER,
    ...componentFields(worker),
    ...(worker.imagePullPolicy ? { imagePullPolicy: worker.imagePullPolicy } : {}),
    ...(worker.env.length ? { env: [...worker.env] } : {}),
    securityContext: { privileged: true },
    volumeMounts: [...mounts],
  };
}

export function workerPodTemplate(props: ThinWorkerProps): PodTemplate {
  const { worker } = props;
  const volumes = joinVolumeSets([cacheDirVolume(props.cacheDir), worker.volumes]);
  const spec: PodSpec = {
    ...pullSecretsField(worker, props.imagePullSecrets),
    ...(worker.nodeSelector ? { nodeSelector: { ...worker.nodeSelector } } : {}),
    ...(props.dataset.tolerations?.length ? { tolerations: [...props.dataset.tolerations] } : {}),
    hostNetwork: worker.hostNetwork,
    enableServiceLinks: false,
    containers: [workerContainer(worker, volumes.mounts)],
    restartPolicy: 'Always',
    ...(volumes.volumes.length ? { volumes: [...volumes.volumes] } : {}),
  };
  return { labels: roleLabels(props.layout, WORKER_ROLE).pod, annotations: { ...NO_SIDECAR }, spec };
}

export function addThinWorker(scope: Construct, props: ThinWorkerProps): CacheWorker {
  const labels = roleLabels(props.layout, WORKER_ROLE);
  return new CacheWorker(scope, 'Worker', {
    name: workerName(props.layout.name),
    labels: labels.object,
    selector: labels.selector,
    replicas: props.replicas,
    template: workerPodTemplate(props),
    datasetId: props.layout.datasetId,
    placement: props.dataset.placement === 'Shared' ? 'Shared' : 'Exclusive',
    fuseLabelKey: fuseLabelKey(props.layout.dataset),
    datasetNodeAffinity: props.dataset.nodeAffinity?.required,
  });
}
