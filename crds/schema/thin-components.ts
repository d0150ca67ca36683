// Worker and fuse settings shared by ThinRuntime and ThinRuntimeProfile (api/v1alpha1/thinruntime_types.go).
import { z } from 'zod';
import { int32, opt, stringMap } from './fields';
import { NetworkMode } from './common/network-mode';
import { PodMetadata } from './common/pod-metadata';
import {
  ContainerPort,
  EnvVar,
  LifecycleHandler,
  LocalObjectReference,
  Probe,
  ResourceRequirements,
  VolumeMount,
} from './k8s/core.generated';

export const ThinCompTemplateSpec = z.strictObject({
  image: opt('Worker image.', z.string()),
  imageTag: opt('Worker image tag.', z.string()),
  imagePullPolicy: opt('Worker image pull policy.', z.string()),
  imagePullSecrets: opt('Pull secrets of the worker pods.', z.array(LocalObjectReference)),
  replicas: opt('Replicas of the worker.', int32().min(1)),
  ports: opt('Container ports of the worker.', z.array(ContainerPort)),
  resources: opt('Resources of the worker container.', ResourceRequirements),
  env: opt('Environment variables of the worker.', z.array(EnvVar)),
  enabled: opt('Run a worker StatefulSet.', z.boolean()),
  nodeSelector: opt('Node selector of the worker pods.', stringMap()),
  volumeMounts: opt('Mounts of volumes declared in spec.volumes.', z.array(VolumeMount)),
  livenessProbe: opt('Liveness probe of the worker container.', Probe),
  readinessProbe: opt('Readiness probe of the worker container.', Probe),
  networkMode: opt('HostNetwork (default) or ContainerNetwork.', NetworkMode),
});
export type ThinCompTemplateSpec = z.infer<typeof ThinCompTemplateSpec>;

export const ThinFuseSpec = z.strictObject({
  image: opt('Fuse image.', z.string()),
  imageTag: opt('Fuse image tag.', z.string()),
  imagePullPolicy: opt('Fuse image pull policy.', z.string()),
  imagePullSecrets: opt('Pull secrets of the fuse pods.', z.array(LocalObjectReference)),
  ports: opt('Container ports of the fuse.', z.array(ContainerPort)),
  env: opt('Environment variables of the fuse.', z.array(EnvVar)),
  command: opt('Command of the fuse container.', z.array(z.string())),
  args: opt('Arguments of the fuse container.', z.array(z.string())),
  options: opt('Mount options, merged into MOUNT_OPTIONS.', stringMap()),
  resources: opt('Resources of the fuse container.', ResourceRequirements),
  nodeSelector: opt('Nodes the fuse may run on.', stringMap()),
  cleanPolicy: opt('When fuse pods are removed: OnRuntimeDeleted (default) or OnDemand.', z.string()),
  networkMode: opt('HostNetwork (default) or ContainerNetwork.', NetworkMode),
  livenessProbe: opt('Liveness probe of the fuse container.', Probe),
  readinessProbe: opt('Readiness probe of the fuse container.', Probe),
  volumeMounts: opt('Mounts of volumes declared in spec.volumes.', z.array(VolumeMount)),
  lifecycle: opt(
    'Lifecycle hooks of the fuse container; only preStop is allowed.',
    z.strictObject({
      postStart: opt('Not allowed by Fluid; rejected when set.', LifecycleHandler),
      preStop: opt('Runs before the fuse stops; defaults to unmounting the target path.', LifecycleHandler),
    }),
  ),
  podMetadata: opt('Labels and annotations of the fuse pods.', PodMetadata),
});
export type ThinFuseSpec = z.infer<typeof ThinFuseSpec>;
