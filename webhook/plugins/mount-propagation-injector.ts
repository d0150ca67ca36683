// MountPropagationInjector (pkg/webhook/plugins/mountpropagationinjector, utils.InjectMountPropagation): a
// container mounting a Dataset's PVC sees it with HostToContainer propagation, so a fuse the CSI plugin remounts
// after a crash (fuse recovery) shows up in the running container. Init containers are left as Fluid leaves them.
import { clonePod } from '../pod';
import type { PodPlugin } from './pod-plugin';

export const mountPropagationInjector: PodPlugin = {
  name: 'MountPropagationInjector',
  mutate(pod, uses) {
    if (uses.length === 0) return { pod };
    const claims = new Set(uses.map((u) => u.claimName));
    const volumes = new Set((pod.spec.volumes ?? []).filter((v) => v.persistentVolumeClaim && claims.has(v.persistentVolumeClaim.claimName)).map((v) => v.name));
    const out = clonePod(pod);
    for (const container of out.spec.containers) {
      for (const mount of container.volumeMounts ?? []) {
        if (volumes.has(mount.name) && mount.mountPropagation === undefined) mount.mountPropagation = 'HostToContainer';
      }
    }
    return { pod: out };
  },
};
