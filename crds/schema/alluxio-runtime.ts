// AlluxioRuntime (api/v1alpha1/alluxioruntime_types.go).
import { z } from 'zod';
import { int32, opt, stringMap } from './fields';
import { InitUsersSpec } from './common/init-users';
import { NetworkMode } from './common/network-mode';
import { PodMetadata } from './common/pod-metadata';
import { RuntimeManagement } from './common/runtime-management';
import { TieredStore } from './common/tiered-store';
import { User } from './common/user';
import { VersionSpec } from './common/version-spec';
import { LocalObjectReference, ResourceRequirements, Volume, VolumeMount } from './k8s/core.generated';

/** Settings of one Alluxio component: master, job master, worker, job worker or API gateway. */
export const AlluxioCompTemplateSpec = z.strictObject({
  replicas: opt('Replicas of the component (masters: 1, or 3 for HA).', int32().min(1)),
  jvmOptions: opt('JVM options of the component.', z.array(z.string())),
  properties: opt('Alluxio properties of the component.', stringMap()),
  ports: opt('Ports by name (rpc, web, ...).', z.record(z.string(), z.int())),
  resources: opt('Resources of the component containers.', ResourceRequirements),
  env: opt('Environment variables of the component.', stringMap()),
  enabled: opt('Whether the component runs (API gateway).', z.boolean()),
  nodeSelector: opt('Node selector of the component pods.', stringMap()),
  networkMode: opt('HostNetwork (default) or ContainerNetwork.', NetworkMode),
  volumeMounts: opt('Mounts of volumes declared in spec.volumes.', z.array(VolumeMount)),
  podMetadata: opt('Labels and annotations of the component pods.', PodMetadata),
  imagePullSecrets: opt('Pull secrets of the component pods.', z.array(LocalObjectReference)),
});
export type AlluxioCompTemplateSpec = z.infer<typeof AlluxioCompTemplateSpec>;

export const AlluxioFuseSpec = z.strictObject({
  image: opt('Fuse image.', z.string()),
  imageTag: opt('Fuse image tag.', z.string()),
  imagePullPolicy: opt('Fuse image pull policy.', z.string()),
  imagePullSecrets: opt('Pull secrets of the fuse pods.', z.array(LocalObjectReference)),
  jvmOptions: opt('JVM options of the fuse.', z.array(z.string())),
  properties: opt('Alluxio properties of the fuse.', stringMap()),
  env: opt('Environment variables of the fuse.', stringMap()),
  resources: opt('Resources of the fuse container.', ResourceRequirements),
  args: opt('Arguments of the fuse command; replaces the default fuse options.', z.array(z.string())),
  nodeSelector: opt('Nodes the fuse may run on, besides where the dataset is used.', stringMap()),
  cleanPolicy: opt('When fuse pods are removed: OnRuntimeDeleted (default) or OnDemand.', z.string()),
  networkMode: opt('HostNetwork (default) or ContainerNetwork.', NetworkMode),
  volumeMounts: opt('Mounts of volumes declared in spec.volumes.', z.array(VolumeMount)),
  podMetadata: opt('Labels and annotations of the fuse pods.', PodMetadata),
});
export type AlluxioFuseSpec = z.infer<typeof AlluxioFuseSpec>;

export const AlluxioRuntimeSpec = z.strictObject({
  alluxioVersion: opt('Image of the Alluxio servers.', VersionSpec),
  master: opt('Master settings.', AlluxioCompTemplateSpec),
  jobMaster: opt('Job master settings.', AlluxioCompTemplateSpec),
  worker: opt('Worker settings.', AlluxioCompTemplateSpec),
  jobWorker: opt('Job worker settings.', AlluxioCompTemplateSpec),
  apiGateway: opt('REST API gateway settings.', AlluxioCompTemplateSpec),
  initUsers: opt('Init container creating the runAs user.', InitUsersSpec),
  fuse: opt('Fuse client settings.', AlluxioFuseSpec),
  properties: opt('Alluxio properties for every component.', stringMap()),
  jvmOptions: opt('JVM options for every component.', z.array(z.string())),
  tieredstore: opt('Cache tiers of the workers.', TieredStore),
  data: opt(
    'Data replication settings.',
    z.strictObject({
      replicas: opt('Replicas of each cached block (alluxio.user.file.replication.max); default 1.', int32()),
      pin: opt('Pin the dataset in the cache.', z.boolean()),
    }),
  ),
  runAs: opt('User and group the runtime runs as.', User),
  disablePrometheus: opt('Do not expose Prometheus metrics.', z.boolean()),
  hadoopConfig: opt('ConfigMap with hdfs-site.xml and core-site.xml, mounted at /hdfs-config.', z.string()),
  replicas: opt('Number of cache workers.', int32()),
  podMetadata: opt('Labels and annotations of every runtime pod.', PodMetadata),
  volumes: opt('Volumes the components may mount.', z.array(Volume)),
  management: opt('Runtime management policies.', RuntimeManagement),
  imagePullSecrets: opt('Pull secrets of every runtime pod.', z.array(LocalObjectReference)),
});
export type AlluxioRuntimeSpec = z.infer<typeof AlluxioRuntimeSpec>;
