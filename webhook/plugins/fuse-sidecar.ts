// FuseSidecar (pkg/webhook/plugins/fusesidecar, pkg/application/inject/fuse): on a serverless platform there is no
// CSI plugin to mount a Dataset's PVC, so the fuse runs in the pod itself. Per Dataset PVC, in PVC name order:
// - the PVC volume becomes a hostPath at the fuse's mount path (the PV's fluid_path), which the app's containers
//   see with HostToContainer propagation;
// - the fuse container of the engine's FuseDaemonSet joins the pod with the volumes it mounts (suffixed `-<n>`), as
//   `fluid-fuse-<n>` first among the containers ("legacy"), or as a native sidecar (an init container with
//   restartPolicy Always) first among the init containers ("native-sidecar"); init containers that read the
//   Dataset get a short-lived `init-fluid-fuse-<n>` copy in legacy mode, as in Fluid;
// - the fuse container's postStart hook waits for its mount (mount-check-hook.ts), so the app starts after it;
// - labels name the Dataset of each fuse container, and `done.sidecar.fluid.io/inject` marks the pod done.
// Fluid's "default" platform (a privileged sidecar) only: the unprivileged platform needs a device plugin we lack.
import type { Container, Pod, Volume } from '../pod';
import { clonePod, podNameOf } from '../pod';
import { DatasetUse, FuseTemplate, sortedUses } from '../dataset-use';
import {
  CONTAINER_DATASET_NAME, CONTAINER_DATASET_NAMESPACE, enabled, INJECT_CACHE_DIR, INJECT_SIDECAR_DONE, INJECT_SIDECAR_POST_START, INJECT_UNPRIVILEGED, MANAGED_BY,
} from '../pod-labels';
import { containerPathOf, withMountCheck } from './mount-check-hook';
import { PluginError, PodPlugin, SidecarInjectionMode } from './pod-plugin';

export const FUSE_CONTAINER = 'fluid-fuse';
export const INIT_FUSE_CONTAINER = 'init-fluid-fuse';

/** Cache folders of the fuse (Jindo datavolume-*, Alluxio mem/ssd/hdd, JuiceFS cache-dir): a sidecar keeps them only on request. */
const CACHE_DIR_PREFIXES = ['datavolume-', 'volume-localtime', 'cache-dir', 'mem', 'ssd', 'hdd'];

function isCacheDir(name: string): boolean {
  return CACHE_DIR_PREFIXES.some((p) => name.startsWith(p));
}

/** Fluid's utils.ReplacePrefix: the first len(prefix)+1 characters give way to `<prefix>-`. */
function replacePrefix(input: string, prefix: string): string {
  return input.length + 1 <= prefix.length ? prefix : `${prefix}-${input.slice(prefix.length + 1)}`;
}

/** A volume name not yet taken. Fluid retries random suffixes; a counter gives the same answer every time. */
function freeName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  let candidate = replacePrefix(wanted, 'fluid');
  for (let i = 1; taken.has(candidate); i++) candidate = replacePrefix(wanted, `fluid-${i}`);
  return candidate;
}

/**
 * The template as the sidecar uses it: cache folders dropped unless asked for, metrics ports dropped, and the mount
 * check as postStart hook unless the pod turns it off.
 */
function sidecarTemplate(fuse: FuseTemplate, labels: Readonly<Record<string, string>> | undefined): { container: Container; volumes: Volume[] } {
  let container = structuredClone(fuse.container) as Container;
  let volumes = structuredClone([...fuse.volumes]) as Volume[];
  if (!enabled(labels, INJECT_CACHE_DIR)) {
    container.volumeMounts = (container.volumeMounts ?? []).filter((m) => !isCacheDir(m.name));
    volumes = volumes.filter((v) => !isCacheDir(v.name));
  }
  // Fluid scrapes a sidecar's fuse metrics only when the runtime asks for it, which we do not support yet.
  if (container.ports) {
    const ports = container.ports.filter((p) => !(p.name ?? '').endsWith('-metrics'));
    if (ports.length) container.ports = ports;
    else delete container.ports;
  }
  const mountPoint = containerPathOf(container, volumes, fuse.hostMountPath);
  if (mountPoint !== undefined && labels?.[INJECT_SIDECAR_POST_START] !== 'false') container = withMountCheck(container, mountPoint, fuse.subPath);
  return { container, volumes };
}

function injectOne(pod: Pod, use: DatasetUse, fuse: FuseTemplate, index: number, mode: SidecarInjectionMode): void {
  const suffix = `-${index}`;
  const { container, volumes: fuseVolumes } = sidecarTemplate(fuse, pod.metadata.labels);
  const hostPath = fuse.subPath ? `${fuse.hostMountPath}/${fuse.subPath}` : fuse.hostMountPath;

  // The Dataset's volume: the fuse's host folder instead of the PVC.
  const replaced = new Set<string>();
  pod.spec.volumes = (pod.spec.volumes ?? []).map((v) => {
    if (v.persistentVolumeClaim?.claimName !== use.claimName) return v;
    replaced.add(v.name);
    return { name: v.name, hostPath: { path: hostPath } };
  });
  const reads = (containers: Container[] | undefined) => {
    let used = false;
    for (const c of containers ?? []) {
      for (const m of c.volumeMounts ?? []) {
        if (!replaced.has(m.name)) continue;
        m.mountPropagation = 'HostToContainer';
        used = true;
      }
    }
    return used;
  };
  const usedByContainers = reads(pod.spec.containers);
  const usedByInit = reads(pod.spec.initContainers);

  // The fuse's volumes, suffixed; a name already taken gets another, and the fuse's mounts follow.
  const taken = new Set((pod.spec.volumes ?? []).map((v) => v.name));
  const renamed = new Map<string, string>();
  for (const v of fuseVolumes) {
    const name = freeName(v.name + suffix, taken);
    taken.add(name);
    renamed.set(v.name, name);
    pod.spec.volumes.push({ ...v, name });
  }
  const withVolumes = (c: Container): Container => ({ ...c, volumeMounts: (c.volumeMounts ?? []).map((m) => ({ ...m, name: renamed.get(m.name) ?? m.name })) });
  const label = (name: string) => {
    pod.metadata.labels = { ...pod.metadata.labels, [CONTAINER_DATASET_NAMESPACE + name]: use.namespace, [CONTAINER_DATASET_NAME + name]: use.name };
  };

  if (mode === 'native-sidecar') {
    if (!usedByContainers && !usedByInit) return;
    const name = FUSE_CONTAINER + suffix;
    pod.spec.initContainers = [{ ...withVolumes(container), name, restartPolicy: 'Always' }, ...(pod.spec.initContainers ?? [])];
    label(name);
    return;
  }
  if (usedByContainers) {
    const name = FUSE_CONTAINER + suffix;
    pod.spec.containers = [{ ...withVolumes(container), name }, ...pod.spec.containers];
    label(name);
  }
  if (usedByInit) {
    // An init container runs to completion before the next starts: this fuse only has to mount, then step aside.
    const name = INIT_FUSE_CONTAINER + suffix;
    const { lifecycle: _lifecycle, ...rest } = withVolumes(container);
    pod.spec.initContainers = [{ ...rest, name, command: ['sleep'], args: ['2s'] }, ...(pod.spec.initContainers ?? [])];
    label(name);
  }
}

export const fuseSidecar: PodPlugin = {
  name: 'FuseSidecar',
  mutate(pod, uses, settings) {
    if (enabled(pod.metadata.labels, INJECT_SIDECAR_DONE)) return { pod };
    if (enabled(pod.metadata.labels, INJECT_UNPRIVILEGED)) {
      throw new PluginError(`pod ${podNameOf(pod)}: metadata.labels["${INJECT_UNPRIVILEGED}"]: an unprivileged fuse sidecar is not supported; remove the label to get Fluid's default (privileged) sidecar`);
    }
    const out = clonePod(pod);
    // Sidecars injected by an earlier round keep their numbers.
    let index = out.spec.containers.filter((c) => c.name.startsWith(FUSE_CONTAINER)).length;
    for (const use of sortedUses(uses)) {
      if (!use.fuse) {
        throw new PluginError(`pod ${podNameOf(pod)}: spec.volumes: the PVC ${use.claimName} is served by a ${use.runtimeType} runtime that runs no fuse, so no fuse sidecar can serve it`);
      }
      injectOne(out, use, use.fuse, index, settings.sidecarInjectionMode ?? 'default');
      index++;
    }
    out.metadata.labels = { ...out.metadata.labels, [INJECT_SIDECAR_DONE]: 'true', [MANAGED_BY]: 'fluid' };
    return { pod: out };
  },
};
