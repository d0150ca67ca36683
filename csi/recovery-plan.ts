// Fuse recovery, decided: which published targets still show a file system the fuse no longer serves, and what to
// mount on them. A fuse that restarts mounts a new file system at fluid_path (a new device number); a target bound
// to the old one is broken (ENOTCONN once a FUSE daemon died) or stale. The repair mounts a fresh bind ON TOP of
// the old one rather than unmounting it first: an application container sees the target through a mount that is a
// slave of the target's mount (mountPropagation: HostToContainer), so only a mount stacked on the target reaches it;
// after an unmount, a new bind at the same path would be a stranger to it (Fluid's pkg/csi/recover/recover.go stacks
// for the same reason). NodeUnpublishVolume later removes every layer.
import { FuseMountState } from './fuse-mount-state';
import { MountEntry, mountPointsBelow, mountsAt } from './mount-table';
import { podSubpathsDir, podVolumeOfTarget, relativeInside } from './plugin-paths';
import { Publication, publicationSource } from './publication';

/** Why a target whose folder was deleted from the old file system waits forever. */
export const UNREPAIRABLE = 'the folder it shows was deleted from the old file system, so nothing can be mounted on it; the pod must restart to see the fuse again';

export interface Repair {
  readonly mountPoint: string;
  /** Bind this on top of `mountPoint`. */
  readonly source: string;
  readonly readOnly: boolean;
  /** Mounts stacked at `mountPoint` before the repair. */
  readonly layers: number;
  readonly volumeId: string;
}

export interface RecoveryPlan {
  readonly repairs: readonly Repair[];
  /** Targets that need a repair once their fuse serves again: target -> why not yet. */
  readonly waiting: ReadonlyMap<string, string>;
}

/** The fluid_paths whose state the plan needs: those of bind-published targets that are still mounted. */
export function fuseMountsToCheck(table: readonly MountEntry[], publications: readonly Publication[]): string[] {
  return [...new Set(publications.filter((p) => p.method === 'bind' && mountsAt(table, p.targetPath).length > 0).map((p) => p.fluidPath))];
}

export function planRecovery(
  kubeletDir: string,
  table: readonly MountEntry[],
  publications: readonly Publication[],
  fuseStates: ReadonlyMap<string, FuseMountState>,
): RecoveryPlan {
  const repairs: Repair[] = [];
  const waiting = new Map<string, string>();
  for (const p of publications) {
    // A symlink follows fluid_path by itself; nothing to repair (Fluid: recovery needs bind-mount publishing).
    if (p.method !== 'bind') continue;
    const stack = mountsAt(table, p.targetPath);
    // Not mounted: being unpublished, or the mount was never made. Never mount where the kubelet is cleaning up.
    if (stack.length === 0) continue;
    const top = stack[stack.length - 1];
    const fuse = fuseStates.get(p.fluidPath);
    if (!fuse || !fuse.live) {
      if (fuse) waiting.set(p.targetPath, fuse.reason);
      continue;
    }
    if (top.device !== fuse.entry.device) {
      if (top.rootDeleted) waiting.set(p.targetPath, UNREPAIRABLE);
      else repairs.push({ mountPoint: p.targetPath, source: publicationSource(p), readOnly: p.readOnly, layers: stack.length, volumeId: p.volumeId });
    }
    for (const r of subPathRepairs(kubeletDir, table, p, stack, fuse.entry)) {
      if ('unrepairable' in r) waiting.set(r.unrepairable, UNREPAIRABLE);
      else repairs.push(r);
    }
  }
  // Two volumes of one pod on the same fuse (a reference dataset beside its physical one) find the same subPath binds.
  const unique = repairs.filter((r, i) => repairs.findIndex((o) => o.mountPoint === r.mountPoint) === i);
  return { repairs: unique, waiting };
}

/**
 * The kubelet binds each container's volumeMounts[].subPath from the target into `volume-subpaths/`; those binds
 * point at the old file system too. They are recognised by their file system: one the target showed (any layer).
 * The mount's root says which folder of it they show, and the same folder of the new file system is their source.
 */
function subPathRepairs(kubeletDir: string, table: readonly MountEntry[], p: Publication, targetStack: readonly MountEntry[], fuse: MountEntry): (Repair | { unrepairable: string })[] {
  const pod = podVolumeOfTarget(kubeletDir, p.targetPath);
  if (!pod) return [];
  const published = new Set(targetStack.map((e) => e.device));
  const repairs: (Repair | { unrepairable: string })[] = [];
  for (const point of mountPointsBelow(table, podSubpathsDir(kubeletDir, pod.podUid))) {
    const stack = mountsAt(table, point);
    const top = stack[stack.length - 1];
    if (top.device === fuse.device || !published.has(top.device)) continue;
    if (top.rootDeleted) {
      repairs.push({ unrepairable: point });
      continue;
    }
    const inside = relativeInside(fuse.root, top.root);
    if (inside === undefined) continue;
    repairs.push({ mountPoint: point, source: inside ? `${p.fluidPath}/${inside}` : p.fluidPath, readOnly: top.options.includes('ro'), layers: stack.length, volumeId: p.volumeId });
  }
  return repairs;
}
