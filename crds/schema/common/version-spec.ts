import { z } from 'zod';
import { opt } from '../fields';

/** Image settings of an engine component. */
export const VersionSpec = z.strictObject({
  image: opt('Image repository, for example alluxio/alluxio.', z.string()),
  imageTag: opt('Image tag.', z.string()),
  imagePullPolicy: opt('Image pull policy: Always, IfNotPresent or Never (Fluid default IfNotPresent).', z.string()),
});
export type VersionSpec = z.infer<typeof VersionSpec>;
