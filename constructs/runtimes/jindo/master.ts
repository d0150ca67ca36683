// The Jindo master: StatefulSet `<name>-jindofs-master` (one pod, or three running raft) and one headless Service
// per pod, as charts/jindocache/templates/master/{statefulset,service}.yaml render them.
import { Construct } from 'constructs';
import type { JindoRuntimeSpec } from '../../../crds/schema/jindo-runtime';
import type { Container, EnvVar, Toleration } from '../../../crds/schema/k8s/core.generated';
import { CacheMaster } from '../../components/cache-master';
import type { PodTemplate } from '../../components/pod-template';
import { masterRpcAddresses } from './config';
import { CHART_NAME } from './defaults';
import { componentLabels, masterSelector, names } from './labels';
import * as parts from './pod-parts';
import { byKey, dataVolume, dataVolumeMount } from './tiered-store';
import { initPortCheck } from './port-check';
import type { JindoValues } from './values';

function raftEnv(v: JindoValues): EnvVar[] {
  const hosts = Array.from({ length: v.masterReplicas }, (_, i) => `${names.master(v)}-${i}.${v.ds.namespace}`);
  const env: EnvVar[] = [{ name: 'CLIENT_NAMESPACE_RPC_ADDRESS', value: masterRpcAddresses(v).join(',') }];
  if (v.ports.raft !== undefined) env.push({ name: 'NAMESPACE_BACKEND_RAFT_INITIAL_CONF', value: hosts.map((h) => `${h}:${v.ports.raft}:0`).join(',') });
  env.push({ name: 'NAMESPACE_BACKEND_RAFT_HOSTNAME', value: hosts.join(',') });
  return env;
}

function masterContainer(v: JindoValues, spec: JindoRuntimeSpec): Container {
  const volumes = byKey([...v.cache.master, ...v.localVolumes]);
  const mounts = [
    ...parts.configMounts(parts.SERVER_FILES),
    ...volumes.map(dataVolumeMount),
    ...parts.sourceParts(v, spec).mounts,
    ...(spec.master?.volumeMounts ?? []),
  ];
  return {
    name: 'jindofs-master',
    image: `${v.smartdata.image}:${v.smartdata.tag}`,
    imagePullPolicy: v.smartdata.pullPolicy,
    ...(spec.master?.resources ? { resources: spec.master.resources } : {}),
    command: ['/entrypoint.sh'],
    args: ['master'],
    env: [...raftEnv(v), ...parts.runAsUserEnv(spec), ...parts.envFromMap(spec.master?.env)],
    ...(v.rdma ? { securityContext: { capabilities: { add: ['SYS_RESOURCE', 'IPC_LOCK'] } } } : {}),
    ports: [{ containerPort: v.ports.masterRpc, name: 'rpc' }, ...(v.ports.raft !== undefined ? [{ containerPort: v.ports.raft, name: 'raft' }] : [])],
    volumeMounts: mounts,
  };
}

/** Masters spread over nodes when they can (master/statefulset.yaml). */
function spreadMasters(v: JindoValues) {
  const term = {
    labelSelector: {
      matchExpressions: [
        { key: 'role', operator: 'In', values: ['jindofs-master'] },
        { key: 'release', operator: 'In', values: [v.ds.name] },
      ],
    },
    topologyKey: 'kubernetes.io/hostname',
  };
  return { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
}

export function masterTemplate(v: JindoValues, spec: JindoRuntimeSpec, datasetTolerations: readonly Toleration[] | undefined): PodTemplate {
  const meta = parts.podMetadata(spec, 'master');
  const portCheck = initPortCheck(v);
  return {
    labels: { ...componentLabels(v, 'jindofs-master'), name: names.master(v), ...meta.labels },
    annotations: meta.annotations,
    spec: {
      ...parts.pullSecrets(spec, 'master'),
      hostNetwork: v.hostNetwork,
      affinity: spreadMasters(v),
      ...parts.placementParts(spec.master, datasetTolerations),
      securityContext: parts.ROOT_SECURITY,
      ...(portCheck ? { initContainers: [portCheck] } : {}),
      containers: [masterContainer(v, spec)],
      ...parts.dnsParts(v, v.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst'),
      volumes: [
        ...byKey([...v.cache.master, ...v.localVolumes]).map((vol) => dataVolume(vol, false)),
        ...parts.sourceParts(v, spec).volumes,
        ...parts.userVolumes(spec, spec.master?.volumeMounts),
        parts.configVolume(v),
      ],
    },
  };
}

export function addMaster(scope: Construct, v: JindoValues, spec: JindoRuntimeSpec, datasetTolerations: readonly Toleration[] | undefined): CacheMaster {
  const labels = { ...componentLabels(v, 'jindofs-master'), name: names.master(v) };
  return new CacheMaster(scope, 'Master', {
    name: names.master(v),
    labels,
    selector: masterSelector(v),
    replicas: v.masterReplicas,
    // The chart names a governing Service "jindofs-master" that it never creates; pods are reached through the
    // per-pod Services below.
    serviceName: 'jindofs-master',
    // No podManagementPolicy in the chart: the Kubernetes default.
    podManagementPolicy: 'OrderedReady',
    template: masterTemplate(v, spec, datasetTolerations),
    services: {
      kind: 'per-replica',
      labels: componentLabels(v, 'jindofs-master'),
      selector: { role: 'jindofs-master', app: CHART_NAME, release: v.ds.name },
      ports: [{ name: 'rpc', port: v.ports.masterRpc }, ...(v.ports.raft !== undefined ? [{ name: 'raft', port: v.ports.raft }] : [])],
    },
  });
}
