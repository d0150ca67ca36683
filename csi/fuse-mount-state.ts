// Is a runtime's fuse serving at fluid_path? Decided from the mount table and one stat of the path, the two things
// a dead FUSE daemon changes: its mount stays listed, but stat answers ENOTCONN ("Transport endpoint is not
// connected"). Fluid decides the same with csi/shell/check_mount.sh (the mountinfo line must show mount_type).
import type { MountEntry } from './mount-table';

/** What one stat of a path said. `unresponsive`: no answer in time, as from a FUSE daemon that hangs. */
export type PathProbe =
  | { readonly kind: 'ok'; readonly isDirectory: boolean }
  | { readonly kind: 'missing' }
  | { readonly kind: 'disconnected' }
  | { readonly kind: 'unresponsive'; readonly afterMs: number }
  | { readonly kind: 'error'; readonly code: string };

export type FuseMountState =
  | { readonly live: true; readonly entry: MountEntry }
  | { readonly live: false; readonly reason: string };

/**
 * Whether `top` (the mount on top at fluid_path) is a fuse mount of `mountType` that answers. mount_type is looked
 * for in the file system type, the source and the mount point: check_mount.sh greps the whole `mount` line, and
 * CacheRuntime relies on that, its mount_type `cache` being found only in its fluid_path (`<root>/cache/...`).
 */
export function fuseMountState(fluidPath: string, mountType: string, top: MountEntry | undefined, probe: PathProbe): FuseMountState {
  if (!top) return { live: false, reason: `nothing is mounted at ${fluidPath}` };
  if (mountType && ![top.fsType, top.source, top.mountPoint].some((field) => field.includes(mountType))) {
    return { live: false, reason: `${fluidPath} holds a ${top.fsType} mount of ${top.source}, not one of mount_type ${mountType}` };
  }
  const trouble = probeTrouble(fluidPath, probe);
  return trouble ? { live: false, reason: trouble } : { live: true, entry: top };
}

/** Why a probe's answer means the path cannot be used yet, or undefined when it can. */
export function probeTrouble(target: string, probe: PathProbe): string | undefined {
  switch (probe.kind) {
    case 'ok':
      return undefined;
    case 'missing':
      return `${target} does not exist`;
    case 'disconnected':
      return `the fuse mount at ${target} is not connected (ENOTCONN): its process has died`;
    case 'unresponsive':
      return `stat ${target} had no answer after ${probe.afterMs} ms`;
    case 'error':
      return `stat ${target} failed with ${probe.code}`;
  }
}
