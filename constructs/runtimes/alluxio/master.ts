// The master StatefulSet `<name>-master` (alluxio-master, alluxio-job-master, optional api-gateway) and its
// per-replica headless Services `<name>-master-<i>` (charts/alluxio/templates/master/statefulset.yaml, service.yaml).
import type { Construct } from 'constructs';
import type { Container, EnvVar, PodSpec, Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { CacheMaster } from '../../components/cache-master';
import type { ServicePort } from '../../components/headless-service';
import type { PodTemplate } from '../../components/pod-template';
import { ARGS, JOURNAL, METRICS_LABEL, PATHS, VOLUMES } from './defaults';
import { initUsersContainer, initUsersVolumes, PASSWD_MOUNTS } from './init-users';
import { masterSelector, roleLabels } from './labels';
import { componentPod, fieldEnv, hadoopConfig, mapEnv, namedPorts, serverContainer, uniqueVolumes } from './pod-parts';
import { restoreOf, Restore } from './restore';
import { level0Path } from './tiered-store';
import { hasLocalMount, nativeVolumes, secretVolumes, upsertVolume } from './ufs-mounts';
import { userVolumes } from './user-volumes';
import type { AlluxioValues } from './values';

/** The mount-config ConfigMap as executable scripts (modes 0550) and the mount list (0444). */
function mountConfigVolume(v: AlluxioValues): Volume {
  const items = [
    { key: 'entrypoint.script', path: 'entrypoint.sh', mode: 0o550 },
    { key: 'mount.script', path: 'mount.sh', mode: 0o550 },
    { key: 'mount.info', path: 'mount.info', mode: 0o444 },
  ];
  return { name: VOLUMES.mountConfig, configMap: { name: `${v.id.release}-mount-config`, items } };
}

/** The master's volumes from spec.volumes plus one per Secret the mounts read (transformEncryptOptionsToMasterVolumes). */
function masterUserVolumes(v: AlluxioValues): { volumes: Volume[]; mounts: VolumeMount[] } {
  const own = userVolumes(v.spec, 'master');
  const secrets = secretVolumes(v.dataset);
  for (const volume of secrets.volumes) upsertVolume(own.volumes, volume);
  for (const mount of secrets.mounts) upsertVolume(own.mounts, mount);
  return own;
}

/** Mounts alluxio-master and alluxio-job-master share. */
function sharedMounts(v: AlluxioValues): VolumeMount[] {
  return [
    ...hadoopConfig(v).mounts,
    ...(v.initUsers ? PASSWD_MOUNTS : []),
    ...nativeVolumes(v.dataset).mounts,
    ...masterUserVolumes(v).mounts,
  ];
}

/** HA masters address each other by pod name; a single master by its pod IP. */
function hostnameEnv(v: AlluxioValues): EnvVar {
  return fieldEnv('ALLUXIO_MASTER_HOSTNAME', v.masterReplicas > 1 ? 'metadata.name' : 'status.podIP');
}

function masterEnv(v: AlluxioValues, restore: Restore | undefined): EnvVar[] {
  return [
    hostnameEnv(v),
    ...mapEnv({
      ...v.spec.master?.env,
      ALLUXIO_WORKER_TIEREDSTORE_LEVEL0_DIRS_PATH: level0Path(v.tiers, v.ds),
      ...(restore ? { JOURNAL_BACKUP: restore.journalBackup } : {}),
    }),
  ];
}

/**
 * A single master mounts the Dataset's sources from its startup probe, so it turns ready only once they are
 * mounted. HA masters only get ready together, so a probe cannot wait for mounts; Fluid's controller mounts for
 * them from outside instead.
 */
function mountProbe(v: AlluxioValues): Partial<Container> {
  if (v.masterReplicas !== 1) return {};
  const command = ['bash', '-c', `${PATHS.scripts}/mount.sh >> /proc/1/fd/1 2>&1`];
  return { startupProbe: { exec: { command }, initialDelaySeconds: 5, failureThreshold: 10, timeoutSeconds: 15, periodSeconds: 20 } };
}

function masterContainer(v: AlluxioValues, restore: Restore | undefined): Container {
  const { master } = v.ports;
  return {
    ...serverContainer(v, 'alluxio-master', v.resources.master),
    command: [`${PATHS.scripts}/entrypoint.sh`],
    args: [...ARGS.master],
    ...mountProbe(v),
    env: masterEnv(v, restore),
    ports: namedPorts({ rpc: master.rpc, web: master.web, ...(master.embedded ? { embedded: master.embedded } : {}) }),
    volumeMounts: [
      ...(restore ? [restore.mount] : []),
      ...sharedMounts(v),
      { name: JOURNAL.volume, mountPath: JOURNAL.folder },
      { name: VOLUMES.mountConfig, mountPath: PATHS.scripts },
    ],
  };
}

function jobMasterContainer(v: AlluxioValues): Container {
  const { jobMaster } = v.ports;
  const shared = sharedMounts(v);
  return {
    ...serverContainer(v, 'alluxio-job-master', v.resources.jobMaster),
    args: [...ARGS.jobMaster],
    env: [hostnameEnv(v)],
    ports: namedPorts({ 'job-rpc': jobMaster.rpc, 'job-web': jobMaster.web, ...(jobMaster.embedded ? { 'job-embedded': jobMaster.embedded } : {}) }),
    ...(shared.length ? { volumeMounts: shared } : {}),
  };
}

/** The REST gateway (spec.apiGateway.enabled), the first container of the master pod. */
function apiGatewayContainer(v: AlluxioValues, port: number): Container {
  // The chart gives the gateway neither the run-as user nor resources.
  const { securityContext: _user, ...container } = serverContainer(v, 'api-gateway', undefined);
  return { ...container, args: [...ARGS.apiGateway], env: [fieldEnv('ALLUXIO_MASTER_HOSTNAME', 'status.podIP')], ports: namedPorts({ rest: port }) };
}

function masterVolumes(v: AlluxioValues, restore: Restore | undefined): Volume[] {
  const native = nativeVolumes(v.dataset);
  return uniqueVolumes([
    mountConfigVolume(v),
    ...(restore ? [restore.volume] : []),
    ...hadoopConfig(v).volumes,
    ...(v.initUsers ? initUsersVolumes(v.initUsers, true) : []),
    { name: JOURNAL.volume, emptyDir: { sizeLimit: JOURNAL.sizeLimit } },
    ...native.volumes,
    ...masterUserVolumes(v).volumes,
  ]);
}

/** Placement: the master's node selector, the backup's node, and with local:// data the Dataset's nodes. */
function placement(v: AlluxioValues, restore: Restore | undefined): Partial<PodSpec> {
  const nodeSelector = { ...v.spec.master?.nodeSelector, ...restore?.nodeSelector };
  const required = v.dataset.nodeAffinity?.required;
  const tolerations = v.dataset.tolerations ?? [];
  return {
    ...(Object.keys(nodeSelector).length ? { nodeSelector } : {}),
    ...(tolerations.length ? { tolerations } : {}),
    ...(required && hasLocalMount(v.dataset) ? { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } } } : {}),
  };
}

export function masterPodTemplate(v: AlluxioValues): PodTemplate {
  const restore = restoreOf(v.dataset, v.ds);
  const gateway = v.ports.apiGateway;
  const ownLabels = { name: masterSelector(v.id).name, ...roleLabels(v.id, 'alluxio-master') };
  return componentPod(v, 'master', ownLabels, {
    ...placement(v, restore),
    ...(v.initUsers ? { initContainers: [initUsersContainer(v.initUsers, ['init_users'], [])] } : {}),
    containers: [...(gateway ? [apiGatewayContainer(v, gateway)] : []), masterContainer(v, restore), jobMasterContainer(v)],
    volumes: masterVolumes(v, restore),
  });
}

/** Ports each master Service publishes (embedded-journal ports only for HA masters). */
function servicePorts(v: AlluxioValues): ServicePort[] {
  const { master, jobMaster, apiGateway } = v.ports;
  return [
    { name: 'rpc', port: master.rpc },
    { name: 'web', port: master.web },
    { name: 'job-rpc', port: jobMaster.rpc },
    { name: 'job-web', port: jobMaster.web },
    ...(apiGateway ? [{ name: 'rest', port: apiGateway }] : []),
    ...(master.embedded ? [{ name: 'embedded', port: master.embedded }] : []),
    ...(jobMaster.embedded ? [{ name: 'job-embedded', port: jobMaster.embedded }] : []),
  ];
}

export function addMaster(scope: Construct, v: AlluxioValues): CacheMaster {
  const selector = masterSelector(v.id);
  const labels = roleLabels(v.id, 'alluxio-master');
  return new CacheMaster(scope, 'Master', {
    name: `${v.id.release}-master`,
    labels: { name: selector.name, ...labels },
    selector,
    replicas: v.masterReplicas,
    template: masterPodTemplate(v),
    services: {
      kind: 'per-replica',
      ports: servicePorts(v),
      labels: { ...labels, ...(v.spec.disablePrometheus ? {} : METRICS_LABEL) },
      selector: { role: 'alluxio-master', app: v.id.chartName, release: v.id.release },
    },
  });
}
