// JuiceFS cache workers: StatefulSet `<name>-worker` running `<name>-worker-script` (charts/juicefs/templates/worker/
// statefulset.yaml), placed by Fluid's worker affinity (CacheWorker) and scaled to spec.replicas.
import { Construct } from 'constructs';
import type { JuiceFSRuntimeSpec } from '../../../crds/schema/juicefs-runtime';
import type { NodeSelector, Toleration, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { CacheWorker } from '../../components/cache-worker';
import type { PodTemplate } from '../../components/pod-template';
import { withMemoryRequest } from '../memory-tier';
import { cacheVolumes } from './cache-volumes';
import { workerOptions, workerScript } from './commands';
import { componentLabels, names, selectorOf } from './labels';
import * as parts from './pod-parts';
import type { JuiceValues } from './values';

/** Worker volumeMounts may name a volumeClaimTemplate instead of a volume; those need no pod volume. */
function claimTemplateNames(spec: JuiceFSRuntimeSpec): Set<string> {
  return new Set((spec.volumeClaimTemplates ?? []).map((pvc) => pvc.metadata?.name ?? ''));
}

/**
 * The enterprise worker keeps a memory tier in its own memory (unless worker options set cache-size), so its request
 * is raised to the tier (transform_resources.go transformResourcesForWorker).
 */
function workerResources(v: JuiceValues, spec: JuiceFSRuntimeSpec) {
  const tier = v.edition === 'enterprise' && !spec.worker?.options?.['cache-size'] ? v.memoryTier : undefined;
  return withMemoryRequest(spec.worker?.resources, tier);
}

export function workerTemplate(v: JuiceValues, spec: JuiceFSRuntimeSpec, datasetTolerations: readonly Toleration[] | undefined): PodTemplate {
  const meta = parts.podMetadata(spec, 'worker');
  const own: readonly VolumeMount[] = spec.worker?.volumeMounts ?? [];
  const cache = cacheVolumes(workerOptions(v, spec)['cache-dir'], v.level, own);
  const claims = claimTemplateNames(spec);
  const resources = workerResources(v, spec);
  const nodeSelector = spec.worker?.nodeSelector;
  return {
    labels: { ...componentLabels(v, 'juicefs-worker'), ...meta.labels },
    annotations: meta.annotations,
    spec: {
      ...parts.pullSecretParts(v),
      ...parts.networkParts(v.workerHostNetwork),
      enableServiceLinks: false,
      ...(nodeSelector && Object.keys(nodeSelector).length ? { nodeSelector } : {}),
      ...(datasetTolerations?.length ? { tolerations: [...datasetTolerations] } : {}),
      containers: [
        {
          ...parts.scriptContainer('juicefs-worker', v.workerImage, v, v.workerMetricsPort),
          ...(resources ? { resources } : {}),
          env: parts.containerEnv(v, spec.worker?.env),
          volumeMounts: [parts.SCRIPT_MOUNT, ...own, ...cache.mounts],
        },
      ],
      volumes: [
        parts.scriptVolume(names.workerScript(v)),
        ...parts.userVolumes(
          spec,
          own.filter((m) => !claims.has(m.name)),
        ),
        ...cache.volumes,
      ],
    },
  };
}

export interface WorkerInputs {
  /** spec.replicas. */
  readonly replicas: number;
  /** The Dataset's tolerations, the workers' only ones. @default - none */
  readonly datasetTolerations?: readonly Toleration[];
  /** The Dataset's nodeAffinity.required. @default - none */
  readonly datasetNodeAffinity?: NodeSelector;
}

export function addWorkers(scope: Construct, v: JuiceValues, spec: JuiceFSRuntimeSpec, inputs: WorkerInputs): CacheWorker {
  parts.addScript(scope, v, 'juicefs-worker', workerScript(v, spec));
  return new CacheWorker(scope, 'Worker', {
    name: names.worker(v),
    labels: componentLabels(v, 'juicefs-worker'),
    selector: selectorOf(v, 'juicefs-worker'),
    replicas: inputs.replicas,
    template: workerTemplate(v, spec, inputs.datasetTolerations),
    datasetId: v.datasetId,
    placement: v.placement,
    fuseLabelKey: v.fuseLabelKey,
    datasetNodeAffinity: inputs.datasetNodeAffinity,
    volumeClaimTemplates: spec.volumeClaimTemplates,
    podManagementPolicy: 'Parallel',
  });
}
