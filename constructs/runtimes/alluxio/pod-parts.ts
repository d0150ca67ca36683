// Pieces every Alluxio pod template of the chart shares: the config env, the run-as user, the network mode,
// the hadoop config volume and the pod-level fields (charts/alluxio/templates/{master,worker}/statefulset.yaml,
// fuse/daemonset.yaml).
import type { Container, ContainerPort, EnvFromSource, EnvVar, PodSpec, ResourceRequirements, SecurityContext, Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import type { PodTemplate } from '../../components/pod-template';
import { PATHS, VOLUMES } from './defaults';
import { imageRef } from './images';
import { podMetadata } from './labels';
import type { AlluxioValues } from './values';

/** `<name>-config`, which every Alluxio container loads as its environment. */
export function configMapName(v: AlluxioValues): string {
  return `${v.id.release}-config`;
}

export function configEnvFrom(v: AlluxioValues): EnvFromSource[] {
  return [{ configMapRef: { name: configMapName(v) } }];
}

/** An env var read from the pod's own status or metadata. */
export function fieldEnv(name: string, fieldPath: string): EnvVar {
  return { name, valueFrom: { fieldRef: { fieldPath } } };
}

/** A component's `env` map as env vars, by name (the chart ranges over the map, which Go sorts). */
export function mapEnv(env: Record<string, string> | undefined): EnvVar[] {
  return Object.keys(env ?? {})
    .sort()
    .map((name) => ({ name, value: env![name] }));
}

/** Alluxio containers run as spec.runAs, else root. */
export function runAsContext(v: AlluxioValues): SecurityContext {
  return { runAsUser: v.user.uid, runAsGroup: v.user.gid };
}

/** Host network needs ClusterFirstWithHostNet to still resolve cluster names. */
export function networkFields(hostNetwork: boolean): Pick<PodSpec, 'hostNetwork' | 'dnsPolicy'> {
  return hostNetwork ? { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } : {};
}

/**
 * spec.hadoopConfig, mounted read-only at /hdfs-config. Fluid lists only the keys the ConfigMap has; rendering
 * from files cannot look, so both files are listed and the volume is optional.
 */
export function hadoopConfig(v: AlluxioValues): { volumes: Volume[]; mounts: VolumeMount[] } {
  const name = v.spec.hadoopConfig;
  if (!name) return { volumes: [], mounts: [] };
  const items = ['hdfs-site.xml', 'core-site.xml'].map((key) => ({ key, path: key }));
  return {
    volumes: [{ name: VOLUMES.hadoopConfig, configMap: { name, items, optional: true } }],
    mounts: [{ name: VOLUMES.hadoopConfig, mountPath: PATHS.hadoopConfig, readOnly: true }],
  };
}

/** Volumes of a pod, each name once: a later volume of the same name is dropped (Fluid would render both). */
export function uniqueVolumes(volumes: readonly Volume[]): Volume[] {
  const byName = new Map<string, Volume>();
  for (const volume of volumes) if (!byName.has(volume.name)) byName.set(volume.name, volume);
  return [...byName.values()];
}

/** Named container ports, in order. */
export function namedPorts(ports: Record<string, number>): ContainerPort[] {
  return Object.entries(ports).map(([name, containerPort]) => ({ containerPort, name }));
}

/** What every Alluxio server container shares: the server image, the run-as user, its resources, the config env. */
export function serverContainer(v: AlluxioValues, name: string, resources: ResourceRequirements | undefined): Container {
  return {
    name,
    image: imageRef(v.image),
    imagePullPolicy: v.image.pullPolicy,
    securityContext: runAsContext(v),
    ...(resources ? { resources } : {}),
    command: ['/entrypoint.sh'],
    envFrom: configEnvFrom(v),
  };
}

/**
 * A component's pod template: its labels and the runtime's podMetadata, pull secrets, no service links,
 * restart always, its network mode, then the component's own fields.
 */
export function componentPod(v: AlluxioValues, component: 'master' | 'worker' | 'fuse', ownLabels: Record<string, string>, spec: PodSpec): PodTemplate {
  const { labels, annotations } = podMetadata(v.spec, component, ownLabels);
  const secrets = v.pullSecrets[component];
  return {
    labels,
    annotations,
    spec: {
      ...(secrets.length ? { imagePullSecrets: secrets } : {}),
      enableServiceLinks: false,
      restartPolicy: 'Always',
      ...networkFields(v.hostNetwork[component]),
      ...spec,
    },
  };
}
