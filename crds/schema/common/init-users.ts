import { z } from 'zod';
import { opt, stringMap } from '../fields';
import { ResourceRequirements } from '../k8s/core.generated';

/** The init container that creates the runAs user inside runtime pods. */
export const InitUsersSpec = z.strictObject({
  image: opt('Image of the init-users container.', z.string()),
  imageTag: opt('Tag of the init-users image.', z.string()),
  imagePullPolicy: opt('Pull policy of the init-users image.', z.string()),
  env: opt('Environment variables of the init-users container.', stringMap()),
  resources: opt('Resources of the init-users container.', ResourceRequirements),
});
