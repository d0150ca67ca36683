// ThinRuntime (api/v1alpha1/thinruntime_types.go): a fuse for any file system, described by a profile.
import { z } from 'zod';
import { int32, opt } from './fields';
import { RuntimeManagement } from './common/runtime-management';
import { TieredStore } from './common/tiered-store';
import { User } from './common/user';
import { LocalObjectReference, Volume } from './k8s/core.generated';
import { ThinCompTemplateSpec, ThinFuseSpec } from './thin-components';

export const ThinRuntimeSpec = z.strictObject({
  profileName: opt('ThinRuntimeProfile to start from; empty serves a reference (dataset://) dataset.', z.string()),
  worker: opt('Worker settings; a worker runs only when enabled.', ThinCompTemplateSpec),
  fuse: opt('Fuse settings, merged over the profile.', ThinFuseSpec),
  tieredstore: opt('Cache tiers; level 0 path becomes the cache directory.', TieredStore),
  replicas: opt('Number of workers.', int32()),
  runAs: opt('User and group the runtime runs as.', User),
  disablePrometheus: opt('Do not expose Prometheus metrics.', z.boolean()),
  volumes: opt('Volumes the components may mount.', z.array(Volume)),
  management: opt('Runtime management policies.', RuntimeManagement),
  imagePullSecrets: opt('Pull secrets of every runtime pod.', z.array(LocalObjectReference)),
});
export type ThinRuntimeSpec = z.infer<typeof ThinRuntimeSpec>;
