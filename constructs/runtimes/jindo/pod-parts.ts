// Pieces the master, worker and fuse pods share in Fluid's jindocache chart: the config files, the credential and
// PVC volumes, Hadoop configuration, DNS and pod metadata.
import type { JindoCompTemplateSpec, JindoRuntimeSpec } from '../../../crds/schema/jindo-runtime';
import type { EnvVar, PodSpec, Toleration, Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { NO_SIDECAR } from '../../fluid-labels';
import { TOKEN_MOUNT, tokenVolume } from './credentials';
import { names } from './labels';
import type { JindoValues } from './values';

const CONFIG_VOLUME = 'bigboot-config';
const HADOOP_VOLUME = 'hdfs-confs';

/** Mounts of files of `<name>-jindofs-config` at `target`, each by subPath. */
export function configMounts(files: Readonly<Record<string, string>>): VolumeMount[] {
  return Object.entries(files).map(([subPath, mountPath]) => ({ name: CONFIG_VOLUME, mountPath, subPath }));
}

/**
 * Workers and fuse also mount core-site.xml, which the ConfigMap does not hold; the chart does so and the kubelet
 * then mounts an empty folder there, which Jindo ignores.
 */
export const SERVER_FILES = { 'jindocache.cfg': '/jindocache.cfg', 'cacheset.xml': '/cacheset.xml', 'jindosdk.cfg': '/jindosdk.cfg' };
export const CLIENT_FILES = { 'jindocache.cfg': '/jindocache.cfg', 'core-site.xml': '/hdfs-3.2.1/etc/hadoop/core-site.xml', 'jindosdk.cfg': '/jindosdk.cfg' };

export function configVolume(v: JindoValues): Volume {
  return { name: CONFIG_VOLUME, configMap: { name: names.config(v) } };
}

/** The runtime's hadoopConfig ConfigMap: its hdfs-site.xml at /hdfs-site.xml. */
export function hadoopParts(spec: JindoRuntimeSpec): { volumes: Volume[]; mounts: VolumeMount[] } {
  if (!spec.hadoopConfig) return { volumes: [], mounts: [] };
  return {
    volumes: [{ name: HADOOP_VOLUME, configMap: { name: spec.hadoopConfig } }],
    mounts: [{ name: HADOOP_VOLUME, mountPath: '/hdfs-site.xml', subPath: 'hdfs-site.xml' }],
  };
}

/** The credentials volume at /token, when any credential is configured. */
export function tokenParts(v: JindoValues): { volumes: Volume[]; mounts: VolumeMount[] } {
  const volume = tokenVolume(v.credentials);
  return volume ? { volumes: [volume], mounts: [TOKEN_MOUNT] } : { volumes: [], mounts: [] };
}

/** The PVCs of pvc:// mounts at /underFSStorage/<mount> (one volume per claim). */
export function ufsParts(v: JindoValues): { volumes: Volume[]; mounts: VolumeMount[] } {
  const claims = [...new Set(v.ufsVolumes.map((u) => u.claimName))];
  return {
    volumes: claims.map((claimName) => ({ name: claimName, persistentVolumeClaim: { claimName } })),
    mounts: v.ufsVolumes.map((u) => ({ name: u.claimName, mountPath: u.containerPath, readOnly: u.readOnly, ...(u.subPath ? { subPath: u.subPath } : {}) })),
  };
}

/** Hadoop configuration, credentials and PVC sources: what every Jindo pod mounts besides config and cache. */
export function sourceParts(v: JindoValues, spec: JindoRuntimeSpec): { volumes: Volume[]; mounts: VolumeMount[] } {
  const all = [hadoopParts(spec), tokenParts(v), ufsParts(v)];
  return { volumes: all.flatMap((p) => p.volumes), mounts: all.flatMap((p) => p.mounts) };
}

/** Cluster DNS, or JINDO_DNS_SERVER_ENV's server with Jindo's search list (master/statefulset.yaml). */
export function dnsParts(v: JindoValues, clusterPolicy: string): Partial<PodSpec> {
  if (!v.dnsServer) return { dnsPolicy: clusterPolicy };
  return {
    dnsPolicy: 'None',
    enableServiceLinks: false,
    dnsConfig: {
      nameservers: [v.dnsServer],
      options: [{ name: 'ndots', value: '5' }],
      searches: [`${v.ds.namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local', 'tbsite.net', 'aliyun.com'],
    },
  };
}

/** The chart runs every Jindo pod as root (values.yaml user/group 0). */
export const ROOT_SECURITY = { runAsUser: 0, runAsGroup: 0 };

/** A map of environment variables as the chart ranges over it: sorted by name. */
export function envFromMap(env: Readonly<Record<string, string>> | undefined): EnvVar[] {
  return Object.keys(env ?? {})
    .sort()
    .map((name) => ({ name, value: env![name] }));
}

/** spec.user becomes RUN_AS_USER in every Jindo container. */
export function runAsUserEnv(spec: JindoRuntimeSpec): EnvVar[] {
  return spec.user ? [{ name: 'RUN_AS_USER', value: spec.user }] : [];
}

type Component = 'master' | 'worker' | 'fuse';

/**
 * Pod labels and annotations: the runtime's podMetadata under the component's, or the deprecated `labels` fields
 * (check.ts refuses both at once); annotations always come from podMetadata (transform.go transformPodMetadata).
 */
export function podMetadata(spec: JindoRuntimeSpec, component: Component): { labels: Record<string, string>; annotations: Record<string, string> } {
  const own = spec[component];
  const deprecated = [spec.labels, spec.master?.labels, spec.worker?.labels, spec.fuse?.labels].some((l) => l && Object.keys(l).length);
  const labels = deprecated ? { ...spec.labels, ...own?.labels } : { ...spec.podMetadata?.labels, ...own?.podMetadata?.labels };
  return { labels, annotations: { ...NO_SIDECAR, ...spec.podMetadata?.annotations, ...own?.podMetadata?.annotations } };
}

/** The component's pull secrets, else the runtime's. */
export function pullSecrets(spec: JindoRuntimeSpec, component: Component): Partial<PodSpec> {
  const secrets = spec[component]?.imagePullSecrets?.length ? spec[component]!.imagePullSecrets : spec.imagePullSecrets;
  return secrets?.length ? { imagePullSecrets: secrets } : {};
}

/** spec.volumes entries the component's volumeMounts name, once each. */
export function userVolumes(spec: JindoRuntimeSpec, mounts: readonly VolumeMount[] | undefined): Volume[] {
  const wanted = new Set((mounts ?? []).map((m) => m.name));
  return (spec.volumes ?? []).filter((vol) => wanted.has(vol.name));
}

/** The component's node selector, and the Dataset's tolerations followed by the component's (transformTolerations). */
export function placementParts(component: JindoCompTemplateSpec | undefined, datasetTolerations: readonly Toleration[] | undefined): Partial<PodSpec> {
  const tolerations = [...(datasetTolerations ?? []), ...(component?.tolerations ?? [])];
  const nodeSelector = component?.nodeSelector;
  return {
    ...(nodeSelector && Object.keys(nodeSelector).length ? { nodeSelector } : {}),
    ...(tolerations.length ? { tolerations } : {}),
  };
}
