// Volumes a component mounts from spec.volumes: only those its volumeMounts name reach its pods
// (pkg/ddc/alluxio/transform_volumes.go transform{Master,Worker,Fuse}Volumes).
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';

export type VolumeComponent = 'master' | 'worker' | 'fuse';

export interface UserVolumes {
  /** The spec.volumes entries the component's volumeMounts name, each once. */
  readonly volumes: Volume[];
  /** The component's volumeMounts that name a volume of spec.volumes. */
  readonly mounts: VolumeMount[];
}

/** A mount naming no volume is skipped here; engine.check reports it first. */
export function userVolumes(spec: AlluxioRuntimeSpec, component: VolumeComponent): UserVolumes {
  const result: UserVolumes = { volumes: [], mounts: [] };
  for (const mount of spec[component]?.volumeMounts ?? []) {
    const volume = (spec.volumes ?? []).find((v) => v.name === mount.name);
    if (!volume) continue;
    result.mounts.push(mount);
    if (!result.volumes.some((v) => v.name === volume.name)) result.volumes.push(volume);
  }
  return result;
}
