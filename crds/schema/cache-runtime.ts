// CacheRuntime (api/v1alpha1/cacheruntime_types.go, cacheruntime_status.go): the generic runtime whose
// topology comes from a CacheRuntimeClass.
import { z } from 'zod';
import { dateTime, int32, opt, quantity, req, stringMap, withDefault } from './fields';
import { PodMetadata } from './common/pod-metadata';
import { RuntimeCondition } from './common/runtime-status';
import { VersionSpec } from './common/version-spec';
import { EnvVar, LocalObjectReference, NodeAffinity, ResourceRequirements, Toleration, Volume, VolumeMount } from './k8s/core.generated';

/**
 * One cache tier of a CacheRuntime component. Fluid's shape names exactly one medium (processMemory, emptyDir or
 * hostPath); the CacheRuntime guide also writes a tier as `path` + `quota` + `medium.emptyDir`, which we accept too.
 */
export const RuntimeTieredStoreLevel = z.strictObject({
  processMemory: opt(
    'Cache in the memory of the cache process (at most one such level).',
    z.strictObject({ quota: req('Memory quota of the level.', quantity()) }),
  ),
  emptyDir: opt(
    'Cache in an emptyDir volume.',
    z.strictObject({
      quota: req('Size of the emptyDir.', quantity()),
      medium: opt('"" for disk or Memory for tmpfs.', z.string()),
    }),
  ),
  hostPath: opt(
    'Cache in host directories.',
    z.strictObject({
      paths: req('Host directories.', z.array(z.string()).min(1)),
      quotas: req('Quota per directory, as many as paths.', z.array(quantity()).min(1)),
      type: opt('HostPath type, for example DirectoryOrCreate.', z.string()),
    }),
  ),
  high: opt('High watermark ratio, for example "0.95".', z.string()),
  low: opt('Low watermark ratio, for example "0.7".', z.string()),
  path: opt('Cache directory (CacheRuntime guide form).', z.string()),
  quota: opt('Quota of the level (CacheRuntime guide form).', quantity()),
  medium: opt(
    'Medium of the level (CacheRuntime guide form).',
    z.strictObject({
      emptyDir: opt('Cache in an emptyDir.', z.strictObject({ medium: opt('"" or Memory.', z.string()) })),
      hostPath: opt('Cache in a host directory.', z.strictObject({ type: opt('HostPath type.', z.string()) })),
    }),
  ),
});
export type RuntimeTieredStoreLevel = z.infer<typeof RuntimeTieredStoreLevel>;

export const RuntimeTieredStore = z.strictObject({
  levels: opt('Cache tiers, fastest first.', z.array(RuntimeTieredStoreLevel)),
});

const componentCommon = {
  disabled: opt('Do not run this component.', z.boolean()),
  runtimeVersion: opt('Image of container[0]; applied only when image and tag are both set.', VersionSpec),
  options: opt('Options of the component, over the class and runtime options.', stringMap()),
  podMetadata: opt('Labels and annotations of the component pods.', PodMetadata),
  resources: opt('Replaces the resources of container[0].', ResourceRequirements),
  env: opt('Appended to the environment of container[0].', z.array(EnvVar)),
  volumeMounts: opt('Mounts of volumes declared in spec.volumes.', z.array(VolumeMount)),
  args: opt('Replaces the arguments of container[0].', z.array(z.string())),
  nodeSelector: opt('Merged into the node selector of the component pods.', stringMap()),
  tolerations: opt('Appended after the Dataset tolerations.', z.array(Toleration)),
};

export const CacheRuntimeMasterSpec = z.strictObject({
  ...componentCommon,
  replicas: withDefault('Replicas of the master.', int32().min(0), 1),
});
export const CacheRuntimeWorkerSpec = z.strictObject({
  ...componentCommon,
  replicas: withDefault('Replicas of the worker.', int32().min(0), 1),
  tieredStore: opt('Cache tiers of the worker.', RuntimeTieredStore),
});
export const CacheRuntimeClientSpec = z.strictObject({
  ...componentCommon,
  tieredStore: opt('Cache tiers of the client.', RuntimeTieredStore),
  cleanPolicy: withDefault('When client pods are removed.', z.enum(['OnRuntimeDeleted', 'OnDemand']), 'OnRuntimeDeleted'),
});

export const CacheRuntimeSpec = z.strictObject({
  runtimeClassName: req('Name of the CacheRuntimeClass describing the topology.', z.string()),
  master: opt('Master settings.', CacheRuntimeMasterSpec),
  worker: opt('Worker settings.', CacheRuntimeWorkerSpec),
  client: opt('Client (fuse) settings.', CacheRuntimeClientSpec),
  options: opt('Options merged into every component.', stringMap()),
  podMetadata: opt('Labels and annotations of every runtime pod.', PodMetadata),
  imagePullSecrets: opt('Pull secrets of every runtime pod.', z.array(LocalObjectReference)),
  volumes: opt('Volumes the components may mount.', z.array(Volume)),
});
export type CacheRuntimeSpec = z.infer<typeof CacheRuntimeSpec>;

export const RuntimeComponentStatus = z.strictObject({
  phase: req('"", NotReady, PartialReady or Ready.', z.string()),
  reason: opt('Reason of the last phase change.', z.string()),
  message: opt('Details of the last phase change.', z.string()),
  readyReplicas: opt('Pods ready.', int32()),
  currentReplicas: opt('Pods scheduled.', int32()),
  desiredReplicas: opt('Pods wanted.', int32()),
  unavailableReplicas: opt('Pods not available.', int32()),
  availableReplicas: opt('Pods available.', int32()),
});

export const CacheRuntimeStatus = z.strictObject({
  valueFile: opt('ConfigMap holding runtime.json.', z.string()),
  setupDuration: opt('Time from creation to the first ready state.', z.string()),
  conditions: opt('Observed conditions, one per type.', z.array(RuntimeCondition)),
  selector: opt('Label selector of the worker pods.', z.string()),
  cacheAffinity: opt('Node affinity of the cache workers.', NodeAffinity),
  mountTime: opt('When the data sources were last mounted.', dateTime()),
  master: opt('Status of the master.', RuntimeComponentStatus),
  worker: opt('Status of the worker.', RuntimeComponentStatus),
  client: opt('Status of the client.', RuntimeComponentStatus),
});
export type CacheRuntimeStatus = z.infer<typeof CacheRuntimeStatus>;
