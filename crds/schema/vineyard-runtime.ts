// VineyardRuntime (api/v1alpha1/vineyardruntime_types.go); rendered by constructs/runtimes/vineyard.
import { z } from 'zod';
import { int32, opt, stringMap } from './fields';
import { EncryptOption } from './common/encrypt-option';
import { NetworkMode } from './common/network-mode';
import { PodMetadata } from './common/pod-metadata';
import { TieredStore } from './common/tiered-store';
import { ResourceRequirements, Volume, VolumeMount } from './k8s/core.generated';

const componentFields = {
  image: opt('Image of the component.', z.string()),
  imageTag: opt('Image tag of the component.', z.string()),
  imagePullPolicy: opt('Image pull policy of the component.', z.string()),
  replicas: opt('Replicas of the component.', int32().min(1)),
  networkMode: opt('HostNetwork (default) or ContainerNetwork.', NetworkMode),
  env: opt('Environment variables of the component.', stringMap()),
  options: opt('Vineyard options of the component.', stringMap()),
  ports: opt('Ports by name.', z.record(z.string(), z.int())),
  resources: opt('Resources of the component container.', ResourceRequirements),
  nodeSelector: opt('Node selector of the component pods.', stringMap()),
  podMetadata: opt('Labels and annotations of the component pods.', PodMetadata),
  volumeMounts: opt('Mounts of volumes declared in spec.volumes.', z.array(VolumeMount)),
};

const VineyardFuseSpec = z.strictObject({
  image: opt('Image of the socket client.', z.string()),
  imageTag: opt('Image tag of the socket client.', z.string()),
  imagePullPolicy: opt('Image pull policy of the socket client.', z.string()),
  env: opt('Environment variables of the socket client.', stringMap()),
  cleanPolicy: opt('When client pods are removed.', z.string()),
  resources: opt('Resources of the socket client.', ResourceRequirements),
  networkMode: opt('HostNetwork (default) or ContainerNetwork.', NetworkMode),
  options: opt('Options of the socket client.', stringMap()),
  podMetadata: opt('Labels and annotations of the client pods.', PodMetadata),
});

export const VineyardRuntimeSpec = z.strictObject({
  master: opt(
    'Master (etcd) settings.',
    z.strictObject({
      ...componentFields,
      endpoint: opt(
        'An external master instead of one managed by the runtime.',
        z.strictObject({
          uri: opt('Endpoint of the external master.', z.string()),
          encryptOptions: opt('Secret-backed options for the endpoint.', z.array(EncryptOption)),
          options: opt('Options for the endpoint.', stringMap()),
        }),
      ),
    }),
  ),
  worker: opt('Worker settings.', z.strictObject(componentFields)),
  fuse: opt('Socket client settings.', VineyardFuseSpec),
  replicas: opt('Number of workers.', int32()),
  tieredstore: opt('Cache tiers.', TieredStore),
  disablePrometheus: opt('Do not expose Prometheus metrics.', z.boolean()),
  podMetadata: opt('Labels and annotations of every runtime pod.', PodMetadata),
  volumes: opt('Volumes the components may mount.', z.array(Volume)),
});
export type VineyardRuntimeSpec = z.infer<typeof VineyardRuntimeSpec>;
