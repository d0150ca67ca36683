// The worker StatefulSet `<name>-worker` (alluxio-worker, alluxio-job-worker) with its cache tiers
// (charts/alluxio/templates/worker/statefulset.yaml). Rendered with spec.replicas and Fluid's worker affinity:
// the state Fluid's controller reaches after scaling the chart's 0 replicas up.
import type { Construct } from 'constructs';
import type { Container, EnvVar, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { CacheWorker } from '../../components/cache-worker';
import type { PodTemplate } from '../../components/pod-template';
import { ARGS } from './defaults';
import { initUsersContainer, initUsersVolumes, PASSWD_MOUNTS } from './init-users';
import { roleLabels, workerSelector } from './labels';
import { componentPod, fieldEnv, hadoopConfig, mapEnv, namedPorts, serverContainer, uniqueVolumes } from './pod-parts';
import { level0Path, tierVolumes } from './tiered-store';
import { nativeVolumes } from './ufs-mounts';
import { userVolumes } from './user-volumes';
import type { AlluxioValues } from './values';

/** Workers advertise their node's IP; in container network Alluxio also needs the pod's own. */
function addressEnv(v: AlluxioValues): EnvVar[] {
  return [
    fieldEnv('ALLUXIO_WORKER_HOSTNAME', 'status.hostIP'),
    ...(v.hostNetwork.worker ? [] : [fieldEnv('ALLUXIO_WORKER_CONTAINER_HOSTNAME', 'status.podIP')]),
  ];
}

/** Mounts alluxio-worker and alluxio-job-worker share. */
function sharedMounts(v: AlluxioValues): VolumeMount[] {
  return [
    ...hadoopConfig(v).mounts,
    ...(v.initUsers ? PASSWD_MOUNTS : []),
    ...nativeVolumes(v.dataset).mounts,
    ...tierVolumes(v.renderedTiers, false).mounts,
    ...userVolumes(v.spec, 'worker').mounts,
  ];
}

function workerContainer(v: AlluxioValues): Container {
  const { worker } = v.ports;
  return {
    ...serverContainer(v, 'alluxio-worker', v.resources.worker),
    args: [...ARGS.worker],
    env: [...addressEnv(v), ...mapEnv({ ...v.spec.worker?.env, ALLUXIO_WORKER_TIEREDSTORE_LEVEL0_DIRS_PATH: level0Path(v.tiers, v.ds) })],
    ports: namedPorts({ rpc: worker.rpc, web: worker.web }),
    volumeMounts: sharedMounts(v),
  };
}

function jobWorkerContainer(v: AlluxioValues): Container {
  const { jobWorker } = v.ports;
  return {
    ...serverContainer(v, 'alluxio-job-worker', v.resources.jobWorker),
    args: [...ARGS.jobWorker],
    env: addressEnv(v),
    ports: namedPorts({ 'job-rpc': jobWorker.rpc, 'job-data': jobWorker.data, 'job-web': jobWorker.web }),
    volumeMounts: sharedMounts(v),
  };
}

export function workerPodTemplate(v: AlluxioValues): PodTemplate {
  const tiers = tierVolumes(v.renderedTiers, false);
  const nodeSelector = v.spec.worker?.nodeSelector ?? {};
  const tolerations = v.dataset.tolerations ?? [];
  const init = v.initUsers;
  return componentPod(v, 'worker', roleLabels(v.id, 'alluxio-worker'), {
    ...(Object.keys(nodeSelector).length ? { nodeSelector } : {}),
    ...(tolerations.length ? { tolerations } : {}),
    // The init container hands the tier folders to the runAs user.
    ...(init ? { initContainers: [initUsersContainer(init, ['init_users', 'chmod_tierpath'], tiers.mounts)] } : {}),
    containers: [workerContainer(v), jobWorkerContainer(v)],
    volumes: uniqueVolumes([
      ...hadoopConfig(v).volumes,
      ...(init ? initUsersVolumes(init, true) : []),
      ...tiers.volumes,
      ...nativeVolumes(v.dataset).volumes,
      ...userVolumes(v.spec, 'worker').volumes,
    ]),
  });
}

export function addWorker(scope: Construct, v: AlluxioValues): CacheWorker {
  return new CacheWorker(scope, 'Worker', {
    name: `${v.id.release}-worker`,
    labels: roleLabels(v.id, 'alluxio-worker'),
    selector: workerSelector(v.id),
    replicas: v.spec.replicas ?? 0,
    template: workerPodTemplate(v),
    datasetId: v.id.datasetId,
    placement: v.dataset.placement === 'Shared' ? 'Shared' : 'Exclusive',
    fuseLabelKey: v.fuseLabelKey,
    datasetNodeAffinity: v.dataset.nodeAffinity?.required,
  });
}
