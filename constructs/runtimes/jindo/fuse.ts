// The Jindo fuse: DaemonSet `<name>-jindofs-fuse` (charts/jindocache/templates/fuse/daemonset.yaml) on the nodes
// the CSI plugin labels, mounting the dataset at `<root>/jindo/<ns>/<name>/jindofs-fuse` (/jfs/jindofs-fuse inside).
import { Construct } from 'constructs';
import type { JindoRuntimeSpec } from '../../../crds/schema/jindo-runtime';
import type { Container, EnvVar } from '../../../crds/schema/k8s/core.generated';
import { FuseDaemonSet } from '../../components/fuse-daemon-set';
import type { PodTemplate } from '../../components/pod-template';
import { criticalFusePod } from '../fluid-switches';
import { FUSE_CONTAINER_DIR, FUSE_MOUNT_POINT, FUSE_RUNTIME_TYPE } from './defaults';
import { componentLabels, fuseSelector, names } from './labels';
import * as parts from './pod-parts';
import { byKey, dataVolume, dataVolumeMount } from './tiered-store';
import type { JindoValues } from './values';

/** Fluid's fuse image reads its mode and identity from these. */
function fuseEnv(v: JindoValues, spec: JindoRuntimeSpec): EnvVar[] {
  return [
    { name: 'CLIENT_NAMESPACE_RPC_ADDRESS', value: `${names.master(v)}-0.${v.ds.namespace}:${v.ports.masterRpc}` },
    ...parts.runAsUserEnv(spec),
    { name: 'FLUID_FUSE_MOUNTPOINT', value: FUSE_MOUNT_POINT },
    { name: 'FLUID_FUSE_MODE', value: v.fuseOnly ? 'fuseOnly' : '' },
    { name: 'FLUID_RUNTIME_TYPE', value: FUSE_RUNTIME_TYPE },
    { name: 'FLUID_RUNTIME_NS', value: v.ds.namespace },
    { name: 'FLUID_RUNTIME_NAME', value: v.ds.name },
    ...parts.envFromMap(spec.fuse?.env),
  ];
}

/** Cache folders on the host are shared with the fuse; emptyDir tiers are the workers' own. */
const hostCacheVolumes = (v: JindoValues) => byKey([...v.cache.worker, ...v.localVolumes]).filter((vol) => vol.type === 'hostPath');

function fuseContainer(v: JindoValues, spec: JindoRuntimeSpec): Container {
  return {
    name: 'jindofs-fuse',
    image: `${v.fuseImage.image}:${v.fuseImage.tag}`,
    lifecycle: { preStop: { exec: { command: ['/prestop.sh'] } } },
    imagePullPolicy: v.fuseImage.pullPolicy,
    ...(spec.fuse?.resources ? { resources: spec.fuse.resources } : {}),
    command: ['/entrypoint.sh'],
    ...(v.fuseArgs.length ? { args: [...v.fuseArgs] } : {}),
    env: fuseEnv(v, spec),
    ...(v.ports.fuseMetrics ? { ports: [{ name: 'jindo-metrics', containerPort: v.ports.fuseMetrics }] } : {}),
    volumeMounts: [
      ...parts.configMounts(parts.CLIENT_FILES),
      ...hostCacheVolumes(v).map(dataVolumeMount),
      ...parts.sourceParts(v, spec).mounts,
    ],
  };
}

export function fuseTemplate(v: JindoValues, spec: JindoRuntimeSpec, hostPid: boolean): PodTemplate {
  const meta = parts.podMetadata(spec, 'fuse');
  return {
    labels: { ...componentLabels(v, 'jindofs-fuse'), ...meta.labels },
    annotations: meta.annotations,
    spec: {
      ...parts.pullSecrets(spec, 'fuse'),
      hostNetwork: v.hostNetwork,
      ...(hostPid ? { hostPID: true } : {}),
      securityContext: parts.ROOT_SECURITY,
      containers: [fuseContainer(v, spec)],
      // The chart keeps host-network DNS for the fuse in both network modes.
      ...parts.dnsParts(v, 'ClusterFirstWithHostNet'),
      terminationGracePeriodSeconds: 60,
      volumes: [
        ...hostCacheVolumes(v).map((vol) => dataVolume(vol, false)),
        ...parts.sourceParts(v, spec).volumes,
        parts.configVolume(v),
      ],
    },
  };
}

export function addFuse(scope: Construct, v: JindoValues, spec: JindoRuntimeSpec, hostPid: boolean): FuseDaemonSet {
  return new FuseDaemonSet(scope, 'Fuse', {
    name: names.fuse(v),
    labels: componentLabels(v, 'jindofs-fuse'),
    selector: fuseSelector(v),
    template: fuseTemplate(v, spec, hostPid),
    fuseLabelKey: v.fuseLabelKey,
    nodeSelector: spec.fuse?.nodeSelector,
    mountPoint: { volumeName: 'jindofs-fuse-mount', hostPath: v.fuseHostDir, containerPath: FUSE_CONTAINER_DIR },
    fuseDeviceVolume: 'jindofs-fuse-device',
    priorityClassName: criticalFusePod(v.env) ? 'system-node-critical' : null,
  });
}
