// Cache folders as volumes `cache-dir-<i>` (pkg/ddc/juicefs/transform_volume.go transformWorkerCacheVolumes,
// transformFuseCacheVolumes): one per folder of the effective cache-dir option, so cached blocks live where the
// runtime says and are cleaned with it. A folder the user already mounts is left to the user's volume.
import type { Level } from '../../../crds/schema/common/tiered-store';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';

export interface CacheVolumes {
  /** `cache-dir-<i>` volumes, by the index of the folder in cache-dir. */
  readonly volumes: Volume[];
  /** Their mounts at the folders themselves. */
  readonly mounts: VolumeMount[];
}

/** The first tier's folders (":"-separated for JuiceFS) and how they are backed. */
function tierFolders(level: Level | undefined): Map<string, Level> {
  const folders = new Map<string, Level>();
  for (const path of (level?.path ?? '').split(':')) if (path !== '' && level) folders.set(path, level);
  return folders;
}

function cacheVolume(name: string, path: string, tier: Level | undefined): Volume {
  if (tier?.volumeType === 'emptyDir') {
    return tier.volumeSource?.emptyDir ? { ...tier.volumeSource, name } : { name, emptyDir: {} };
  }
  return { name, hostPath: { path, type: 'DirectoryOrCreate' } };
}

export function cacheVolumes(cacheDir: string | undefined, level: Level | undefined, userMounts: readonly VolumeMount[] | undefined): CacheVolumes {
  const tiers = tierFolders(level);
  const taken = new Set((userMounts ?? []).map((m) => m.mountPath));
  const out: CacheVolumes = { volumes: [], mounts: [] };
  (cacheDir ? cacheDir.split(':') : []).forEach((path, i) => {
    if (taken.has(path)) return;
    const name = `cache-dir-${i}`;
    out.volumes.push(cacheVolume(name, path, tiers.get(path)));
    out.mounts.push({ name, mountPath: path });
  });
  return out;
}
