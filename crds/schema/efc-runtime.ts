// EFCRuntime (api/v1alpha1/efcruntime_types.go); its engine is constructs/runtimes/efc.
import { z } from 'zod';
import { int32, opt, stringMap } from './fields';
import { NetworkMode } from './common/network-mode';
import { PodMetadata } from './common/pod-metadata';
import { CleanCachePolicy } from './common/runtime-management';
import { TieredStore } from './common/tiered-store';
import { VersionSpec } from './common/version-spec';
import { ResourceRequirements } from './k8s/core.generated';

const EFCCompTemplateSpec = z.strictObject({
  version: opt('Image of the component.', VersionSpec),
  replicas: opt('Replicas of the component.', int32().min(1)),
  properties: opt('Properties of the component.', stringMap()),
  ports: opt('Ports by name.', z.record(z.string(), z.int())),
  resources: opt('Resources of the component container.', ResourceRequirements),
  nodeSelector: opt('Node selector of the component pods.', stringMap()),
  networkMode: opt('HostNetwork (default) or ContainerNetwork.', NetworkMode),
  disabled: opt('Do not run the component.', z.boolean()),
  podMetadata: opt('Labels and annotations of the component pods.', PodMetadata),
});

const EFCFuseSpec = z.strictObject({
  version: opt('Image of the fuse.', VersionSpec),
  properties: opt('Properties of the fuse.', stringMap()),
  resources: opt('Resources of the fuse container.', ResourceRequirements),
  nodeSelector: opt('Nodes the fuse may run on.', stringMap()),
  cleanPolicy: opt('When fuse pods are removed.', z.string()),
  networkMode: opt('HostNetwork (default) or ContainerNetwork.', NetworkMode),
  podMetadata: opt('Labels and annotations of the fuse pods.', PodMetadata),
});

export const EFCRuntimeSpec = z.strictObject({
  master: opt('Master settings.', EFCCompTemplateSpec),
  worker: opt('Worker settings.', EFCCompTemplateSpec),
  initFuse: opt('Init container of the fuse.', z.strictObject({ version: opt('Image of the init container.', VersionSpec) })),
  fuse: opt('Fuse settings.', EFCFuseSpec),
  tieredstore: opt('Cache tiers.', TieredStore),
  replicas: opt('Number of cache workers.', int32()),
  osAdvise: opt(
    'Operating-system tuning advice.',
    z.strictObject({ osVersion: opt('Operating system version.', z.string()), enabled: opt('Apply the advice.', z.boolean()) }),
  ),
  cleanCachePolicy: opt('Cache clean-up on shutdown.', CleanCachePolicy),
  podMetadata: opt('Labels and annotations of every runtime pod.', PodMetadata),
});
export type EFCRuntimeSpec = z.infer<typeof EFCRuntimeSpec>;
