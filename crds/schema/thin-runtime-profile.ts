// ThinRuntimeProfile (api/v1alpha1/thinruntimeprofile_types.go): cluster-scoped defaults for ThinRuntimes.
import { z } from 'zod';
import { opt, req, withDefault } from './fields';
import { LocalObjectReference, Volume } from './k8s/core.generated';
import { ThinCompTemplateSpec, ThinFuseSpec } from './thin-components';

export const NodePublishSecretPolicy = z.enum([
  'NotMountNodePublishSecret',
  'MountNodePublishSecretIfExists',
  'CopyNodePublishSecretAndMountIfNotExists',
]);

export const ThinRuntimeProfileSpec = z.strictObject({
  fileSystemType: req('File system type; becomes the mount_type of the PV.', z.string()),
  worker: opt('Default worker settings.', ThinCompTemplateSpec),
  fuse: opt('Default fuse settings.', ThinFuseSpec),
  volumes: opt('Volumes the components may mount.', z.array(Volume)),
  imagePullSecrets: opt('Pull secrets of every runtime pod.', z.array(LocalObjectReference)),
  nodePublishSecretPolicy: withDefault(
    'What to do with the node-publish Secret of a mounted PV.',
    NodePublishSecretPolicy,
    'MountNodePublishSecretIfExists',
  ),
});
export type ThinRuntimeProfileSpec = z.infer<typeof ThinRuntimeProfileSpec>;

/** Fluid declares an empty status for profiles. */
export const ThinRuntimeProfileStatus = z.strictObject({});
