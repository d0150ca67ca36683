import { z } from 'zod';
import { opt, req, stringMap } from '../fields';
import { EncryptOption } from './encrypt-option';

/** One source of data (`spec.mounts[]` of a Dataset), for example `s3://bucket/path` or `pvc://claim/sub`. */
export const Mount = z.strictObject({
  mountPoint: req('URI of the data source (s3://, oss://, hdfs://, pvc://, local://, juicefs://, ...).', z.string().min(5)),
  options: opt('Engine-specific mount options, merged over the Dataset sharedOptions.', stringMap()),
  name: opt('Name of the mount; the default path is /<name>.', z.string().min(0)),
  path: opt('Where the mount appears in the dataset namespace; defaults to /<name>.', z.string()),
  readOnly: opt('Mount the source read-only.', z.boolean()),
  shared: opt('Mark the mount as shared between datasets.', z.boolean()),
  encryptOptions: opt('Secret-backed options of this mount.', z.array(EncryptOption)),
});
export type Mount = z.infer<typeof Mount>;
