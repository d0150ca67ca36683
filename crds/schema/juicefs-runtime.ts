// JuiceFSRuntime (api/v1alpha1/juicefsruntime_types.go).
import { z } from 'zod';
import { int32, opt, stringMap } from './fields';
import { InitUsersSpec } from './common/init-users';
import { NetworkMode } from './common/network-mode';
import { PodMetadata } from './common/pod-metadata';
import { RuntimeManagement } from './common/runtime-management';
import { TieredStore } from './common/tiered-store';
import { User } from './common/user';
import { VersionSpec } from './common/version-spec';
import { ContainerPort, EnvVar, PersistentVolumeClaim, ResourceRequirements, Volume, VolumeMount } from './k8s/core.generated';

export const JuiceFSCompTemplateSpec = z.strictObject({
  replicas: opt('Replicas of the component.', int32().min(1)),
  ports: opt('Container ports of the component.', z.array(ContainerPort)),
  resources: opt('Resources of the component container.', ResourceRequirements),
  options: opt('JuiceFS mount options of the component.', stringMap()),
  env: opt('Environment variables of the component.', z.array(EnvVar)),
  enabled: opt('Whether the component runs.', z.boolean()),
  nodeSelector: opt('Node selector of the component pods.', stringMap()),
  volumeMounts: opt('Mounts of volumes declared in spec.volumes.', z.array(VolumeMount)),
  podMetadata: opt('Labels and annotations of the component pods.', PodMetadata),
  networkMode: opt('HostNetwork (default) or ContainerNetwork.', NetworkMode),
});
export type JuiceFSCompTemplateSpec = z.infer<typeof JuiceFSCompTemplateSpec>;

export const JuiceFSFuseSpec = z.strictObject({
  image: opt('Fuse image.', z.string()),
  imageTag: opt('Fuse image tag.', z.string()),
  imagePullPolicy: opt('Fuse image pull policy.', z.string()),
  env: opt('Environment variables of the fuse.', z.array(EnvVar)),
  resources: opt('Resources of the fuse container.', ResourceRequirements),
  options: opt('JuiceFS mount options of the fuse.', stringMap()),
  nodeSelector: opt('Nodes the fuse may run on.', stringMap()),
  cleanPolicy: opt('When fuse pods are removed: OnRuntimeDeleted (default) or OnDemand.', z.string()),
  volumeMounts: opt('Mounts of volumes declared in spec.volumes.', z.array(VolumeMount)),
  podMetadata: opt('Labels and annotations of the fuse pods.', PodMetadata),
  networkMode: opt('HostNetwork (default) or ContainerNetwork.', NetworkMode),
});
export type JuiceFSFuseSpec = z.infer<typeof JuiceFSFuseSpec>;

export const JuiceFSRuntimeSpec = z.strictObject({
  juicefsVersion: opt('Image of the JuiceFS workers.', VersionSpec),
  initUsers: opt('Init container creating the runAs user.', InitUsersSpec),
  master: opt('Master settings; JuiceFS runs no master workload.', JuiceFSCompTemplateSpec),
  worker: opt('Worker settings.', JuiceFSCompTemplateSpec),
  jobWorker: opt('Job worker settings.', JuiceFSCompTemplateSpec),
  fuse: opt('Fuse client settings.', JuiceFSFuseSpec),
  tieredstore: opt('Cache directories (level 0 path and quota).', TieredStore),
  configs: opt('Names of configuration files for the JuiceFS client.', z.array(z.string())),
  replicas: opt('Number of cache workers.', int32()),
  runAs: opt('User and group the runtime runs as.', User),
  disablePrometheus: opt('Do not expose Prometheus metrics.', z.boolean()),
  volumes: opt('Volumes the components may mount.', z.array(Volume)),
  podMetadata: opt('Labels and annotations of every runtime pod.', PodMetadata),
  volumeClaimTemplates: opt('Volume claim templates added to the worker StatefulSet.', z.array(PersistentVolumeClaim)),
  management: opt('Runtime management policies.', RuntimeManagement),
});
export type JuiceFSRuntimeSpec = z.infer<typeof JuiceFSRuntimeSpec>;
