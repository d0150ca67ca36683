// encryptOptions of a thin Dataset, in Fluid's default `configmap` mode (pkg/ddc/thin/transform_config.go
// transformEncryptOptionsWithSecretVolumes): each named Secret is mounted read-only into the fuse, and the option's
// value in config.json is the path of the key's file. The value itself never leaves the Secret.
import { posix } from 'node:path';
import type { EncryptOption } from '../../../crds/schema/common/encrypt-option';
import { secretMountDir, secretVolumeName } from './names';
import { upsertByName } from '../../components/pod-template';
import { VolumeSet } from './volumes';

export interface SecretFiles {
  /** Option name to the file that holds its value, e.g. `/etc/fluid/secrets/<secret>/<key>`. */
  readonly files: Readonly<Record<string, string>>;
  /** One read-only Secret volume per Secret, mounted at /etc/fluid/secrets/<secret>. */
  readonly secrets: VolumeSet;
}

/** Options in order; a later option of the same name wins, as Fluid's map assignment does. */
export function secretFiles(options: readonly EncryptOption[]): SecretFiles {
  const files: Record<string, string> = {};
  let secrets: VolumeSet = { volumes: [], mounts: [] };
  for (const option of options) {
    const ref = option.valueFrom?.secretKeyRef;
    // check.ts rejects an encryptOption without a Secret; nothing could be mounted for it.
    if (!ref?.name) continue;
    const dir = secretMountDir(ref.name);
    const name = secretVolumeName(ref.name);
    files[option.name] = posix.join(dir, ref.key ?? '');
    secrets = {
      volumes: upsertByName(secrets.volumes, [{ name, secret: { secretName: ref.name } }]),
      mounts: upsertByName(secrets.mounts, [{ name, readOnly: true, mountPath: dir }]),
    };
  }
  return { files, secrets };
}
