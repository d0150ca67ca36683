// Waiting, with a deadline, until a volume's fuse serves at fluid_path and the folder the volume shows exists.
// A wait that runs out answers DEADLINE_EXCEEDED with what it saw last; the kubelet retries the call.
import { done, notYet } from '../operator/kube/wait';
import { waitWithinCall } from './call-wait';
import { invalidArgument } from './csi-error';
import { fuseMountState, probeTrouble } from './fuse-mount-state';
import type { MountEntry } from './mount-table';
import { topMountAt } from './mount-table';
import type { NodeContext } from './node-context';
import { relativeInside } from './plugin-paths';
import type { CallContext } from './proto/unary-service';
import { VolumeAttributes, volumeSource } from './volume-attributes';

/** The plugin sees fuse mounts only through its mount of the mount root, so a fluid_path elsewhere never shows. */
export function checkUnderMountRoot(ctx: NodeContext, volumeId: string, attrs: VolumeAttributes): void {
  if (!relativeInside(ctx.mountRoot, attrs.fluidPath)) {
    throw invalidArgument(`volume ${volumeId}: fluid_path ${attrs.fluidPath} is not under the plugin's mount root ${ctx.mountRoot} ` +
      '(its --mount-root, the MOUNT_ROOT the runtimes mount under)');
  }
}

/**
 * Resolves with the fuse's mount once fluid_path is a live mount of the volume's mount type and the volume's folder
 * exists in it. With skip-check-mount-ready-target selecting MountPod, only the folder's existence is awaited, and
 * the result is undefined.
 */
export async function waitForFuse(ctx: NodeContext, what: string, attrs: VolumeAttributes, call: CallContext): Promise<MountEntry | undefined> {
  const source = volumeSource(attrs);
  const description = attrs.skipMountCheck ? `${source} to exist` : `fluid_path ${attrs.fluidPath} to be a live ${attrs.mountType || 'fuse'} mount${attrs.subPath ? ` with ${attrs.subPath} in it` : ''}`;
  const hint = attrs.runtime ? ` The fuse pods of runtime ${attrs.runtime.namespace}/${attrs.runtime.name} mount it on nodes that carry its fuse label.` : '';
  return waitWithinCall(ctx, what, description, ctx.mountTimeoutMs, call, async () => {
    let fuse: MountEntry | undefined;
    if (!attrs.skipMountCheck) {
      const table = await ctx.mounts.readMountTable();
      const state = fuseMountState(attrs.fluidPath, attrs.mountType, topMountAt(table, attrs.fluidPath), await ctx.prober.probe(attrs.fluidPath));
      if (!state.live) return notYet(state.reason);
      fuse = state.entry;
    }
    if (source !== attrs.fluidPath || attrs.skipMountCheck) {
      const probe = await ctx.prober.probe(source);
      const trouble = probeTrouble(source, probe) ?? (probe.kind === 'ok' && !probe.isDirectory ? `${source} is not a folder` : undefined);
      if (trouble) return notYet(trouble);
    }
    return done(fuse);
  }, (deadlineMs, lastObserved) => `${what}: waited ${(deadlineMs / 1000).toFixed(0)} s for ${description}; last seen: ${lastObserved}.${hint}`);
}
