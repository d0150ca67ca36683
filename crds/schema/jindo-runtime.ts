// JindoRuntime (api/v1alpha1/jindoruntime_types.go).
import { z } from 'zod';
import { int32, opt, stringMap } from './fields';
import { NetworkMode } from './common/network-mode';
import { PodMetadata } from './common/pod-metadata';
import { CleanCachePolicy } from './common/runtime-management';
import { TieredStore } from './common/tiered-store';
import { User } from './common/user';
import { VersionSpec } from './common/version-spec';
import { LocalObjectReference, ResourceRequirements, Toleration, Volume, VolumeMount } from './k8s/core.generated';

export const JindoCompTemplateSpec = z.strictObject({
  replicas: opt('Replicas; a master with 3 runs raft HA, anything else runs one master.', int32().min(1)),
  properties: opt('Jindo properties of the component.', stringMap()),
  ports: opt('Ports by name (rpc, raft).', z.record(z.string(), z.int())),
  resources: opt('Resources of the component container.', ResourceRequirements),
  env: opt('Environment variables of the component.', stringMap()),
  nodeSelector: opt('Node selector of the component pods.', stringMap()),
  tolerations: opt('Tolerations of the component pods.', z.array(Toleration)),
  labels: opt('Deprecated: use podMetadata.labels.', stringMap()),
  podMetadata: opt('Labels and annotations of the component pods.', PodMetadata),
  disabled: opt('Do not run the component (master and worker both disabled: fuse-only mode).', z.boolean()),
  volumeMounts: opt('Mounts of volumes declared in spec.volumes.', z.array(VolumeMount)),
  imagePullSecrets: opt('Pull secrets of the component pods.', z.array(LocalObjectReference)),
});
export type JindoCompTemplateSpec = z.infer<typeof JindoCompTemplateSpec>;

/** Client metrics of the Jindo fuse. */
export const ClientMetrics = z.strictObject({
  enabled: opt('Expose client metrics.', z.boolean()),
  scrapeTarget: opt('Comma list of MountPod, Sidecar, All or None (default).', z.string()),
});

export const JindoFuseSpec = z.strictObject({
  image: opt('Fuse image.', z.string()),
  imageTag: opt('Fuse image tag.', z.string()),
  imagePullPolicy: opt('Fuse image pull policy.', z.string()),
  imagePullSecrets: opt('Pull secrets of the fuse pods.', z.array(LocalObjectReference)),
  properties: opt('Jindo properties of the fuse.', stringMap()),
  env: opt('Environment variables of the fuse.', stringMap()),
  resources: opt('Resources of the fuse container.', ResourceRequirements),
  args: opt('Arguments of the fuse command.', z.array(z.string())),
  nodeSelector: opt('Nodes the fuse may run on.', stringMap()),
  tolerations: opt('Tolerations of the fuse pods.', z.array(Toleration)),
  labels: opt('Deprecated: use podMetadata.labels.', stringMap()),
  podMetadata: opt('Labels and annotations of the fuse pods.', PodMetadata),
  cleanPolicy: opt('When fuse pods are removed: OnRuntimeDeleted (default) or OnDemand.', z.string()),
  disabled: opt('Do not run the fuse.', z.boolean()),
  logConfig: opt('Log settings of the fuse.', stringMap()),
  metrics: opt('Client metrics of the fuse.', ClientMetrics),
});
export type JindoFuseSpec = z.infer<typeof JindoFuseSpec>;

export const JindoRuntimeSpec = z.strictObject({
  jindoVersion: opt('Image of the Jindo servers.', VersionSpec),
  master: opt('Master settings.', JindoCompTemplateSpec),
  worker: opt('Worker settings.', JindoCompTemplateSpec),
  fuse: opt('Fuse client settings.', JindoFuseSpec),
  properties: opt('Jindo properties for every component.', stringMap()),
  tieredstore: opt('Cache tiers; only the first level is used.', TieredStore),
  replicas: opt('Number of cache workers.', int32()),
  runAs: opt('User and group the runtime runs as.', User),
  user: opt('User name the runtime runs as.', z.string()),
  hadoopConfig: opt('ConfigMap with Hadoop configuration files.', z.string()),
  secret: opt('Secret holding AccessKeyId and AccessKeySecret.', z.string()),
  labels: opt('Deprecated: use podMetadata.labels.', stringMap()),
  podMetadata: opt('Labels and annotations of every runtime pod.', PodMetadata),
  logConfig: opt('Log settings of the servers.', stringMap()),
  networkmode: opt('HostNetwork (default) or ContainerNetwork; note the lower-case m, as in Fluid.', NetworkMode),
  cleanCachePolicy: opt('Cache clean-up on shutdown.', CleanCachePolicy),
  volumes: opt('Volumes the components may mount.', z.array(Volume)),
  imagePullSecrets: opt('Pull secrets of every runtime pod.', z.array(LocalObjectReference)),
});
export type JindoRuntimeSpec = z.infer<typeof JindoRuntimeSpec>;
