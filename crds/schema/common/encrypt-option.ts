import { z } from 'zod';
import { opt, req } from '../fields';

export const SecretKeySelector = z.strictObject({
  name: req('Name of the Secret in the namespace of the Dataset.', z.string()),
  key: opt('Key inside the Secret; several engines require it.', z.string()),
});

/** A secret value a mount needs. Engines mount the Secret; the value is never copied into a ConfigMap. */
export const EncryptOption = z.strictObject({
  name: req('Option name the secret value is passed as (for example "fs.s3a.access.key").', z.string()),
  valueFrom: opt(
    'Where the value comes from.',
    z.strictObject({
      secretKeyRef: opt('The Secret key that holds the value.', SecretKeySelector),
    }),
  ),
});
export type EncryptOption = z.infer<typeof EncryptOption>;
