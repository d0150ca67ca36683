// The Dataset's encrypt options reach CacheRuntime pods as mounted Secrets; runtime.json carries only the file path
// of each key (pkg/ddc/cache/engine/transform_volumes.go, dataset.go). No secret value is ever read or copied.
import type { EncryptOption } from '../../../crds/schema/common/encrypt-option';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { isNativeMount } from '../ufs-namespace';
import { secretFilePath, secretMountPath, secretVolumeName } from './names';

/** Secrets to mount, in Fluid's order: shared encrypt options, then those of each non-native mount; each once. */
export function secretsToMount(dataset: DatasetSpec): string[] {
  const options = [
    ...(dataset.sharedEncryptOptions ?? []),
    ...(dataset.mounts ?? []).filter((m) => !isNativeMount(m.mountPoint)).flatMap((m) => m.encryptOptions ?? []),
  ];
  const names = options.map((o) => o.valueFrom?.secretKeyRef?.name ?? '').filter((name) => name !== '');
  return [...new Set(names)];
}

/** A read-only Secret volume per secret, at /etc/fluid/secrets/<secret>. */
export function secretVolumes(secrets: readonly string[]): { volumes: Volume[]; mounts: VolumeMount[] } {
  return {
    volumes: secrets.map((secret) => ({ name: secretVolumeName(secret), secret: { secretName: secret } })),
    mounts: secrets.map((secret) => ({ name: secretVolumeName(secret), mountPath: secretMountPath(secret), readOnly: true })),
  };
}

/** Option name -> file path of its Secret key; a later option of the same name wins (dataset.go collectEncryptOptions). */
export function encryptOptionPaths(options: readonly EncryptOption[]): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const option of options) {
    const ref = option.valueFrom?.secretKeyRef;
    if (ref?.name && ref.key) paths[option.name] = secretFilePath(ref.name, ref.key);
  }
  return paths;
}
