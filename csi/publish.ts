// NodePublishVolume and NodeUnpublishVolume: one pod's view of a staged volume. Publishing bind-mounts fluid_path
// (or its sub-folder) at the target path the kubelet hands out, read-only when asked, or links it when the PV asks
// for symlink publishing (pkg/csi/plugins/nodeserver.go). Unpublishing undoes exactly that, every stacked layer
// included (fuse recovery stacks binds, recovery-plan.ts).
import { status } from '@grpc/grpc-js';
import { lstat, mkdir, readlink, rmdir, symlink, unlink } from 'node:fs/promises';
import { CsiError, invalidArgument } from './csi-error';
import { checkUnderMountRoot, waitForFuse } from './fuse-wait';
import { MountCallError } from './mount-io';
import { mountsAt, topMountAt } from './mount-table';
import type { NodeContext } from './node-context';
import type { NodePublishVolumeRequest, NodeUnpublishVolumeRequest } from './proto/csi-messages';
import type { CallContext } from './proto/unary-service';
import { planPublication, publicationSource } from './publication';
import { fuseLabelKeyOf, parseVolumeAttributes } from './volume-attributes';

/** More layers than any recovery would stack: a target that keeps showing a mount after this many is stuck. */
const MAX_LAYERS = 64;

export async function publishVolume(ctx: NodeContext, req: NodePublishVolumeRequest, call: CallContext): Promise<object> {
  if (!req.volume_id) throw invalidArgument('NodePublishVolume: volume_id is not set');
  const attrs = parseVolumeAttributes(req.volume_id, req.volume_context);
  checkUnderMountRoot(ctx, req.volume_id, attrs);
  const plan = planPublication(req, attrs, attrs.runtime ? fuseLabelKeyOf(req.volume_id, attrs, attrs.runtime) : attrs.fuseLabelKey);
  const what = `NodePublishVolume ${req.volume_id}`;
  return ctx.locks.run(plan.targetPath, what, async () => {
    const started = Date.now();
    const source = publicationSource(plan);
    const fuse = await waitForFuse(ctx, what, attrs, call);
    if (plan.method === 'symlink') {
      await linkTarget(plan.targetPath, source, what);
    } else {
      const top = topMountAt(await ctx.mounts.readMountTable(), plan.targetPath);
      // Published already (the kubelet repeats calls it is unsure of) while it shows the live fuse, or any mount when
      // the runtime asked not to check the fuse. A target showing an older fuse gets a fresh bind on top, as in recovery.
      if (!top || (fuse && top.device !== fuse.device)) {
        if (!top) await mkdir(plan.targetPath, { recursive: true, mode: 0o750 });
        if (plan.readOnly) await ctx.mounts.bindReadOnly(source, plan.targetPath);
        else await ctx.mounts.bind(source, plan.targetPath);
      }
    }
    await ctx.publications.save(plan);
    const pod = req.volume_context['csi.storage.k8s.io/pod.namespace'] ? `${req.volume_context['csi.storage.k8s.io/pod.namespace']}/${req.volume_context['csi.storage.k8s.io/pod.name']}` : undefined;
    ctx.logger.info({ volumeId: req.volume_id, pod, target: plan.targetPath, source, method: plan.method, readOnly: plan.readOnly, publishMs: Date.now() - started }, 'Published');
    return {};
  });
}

/** The target becomes a link to the source; the empty folder the kubelet may have made there goes first (Fluid's CreateSymlink). */
async function linkTarget(target: string, source: string, what: string): Promise<void> {
  const existing = await lstat(target).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
  if (existing?.isSymbolicLink()) {
    if (await readlink(target) === source) return;
    await unlink(target);
  } else if (existing?.isDirectory()) {
    await rmdir(target).catch((err: NodeJS.ErrnoException) => {
      throw new CsiError(status.FAILED_PRECONDITION, `${what}: target_path ${target} is a folder that is not empty (${err.code}); cannot link it to ${source}`);
    });
  } else if (existing) {
    throw new CsiError(status.FAILED_PRECONDITION, `${what}: target_path ${target} exists and is neither a folder nor a link`);
  }
  await symlink(source, target);
}

export async function unpublishVolume(ctx: NodeContext, req: NodeUnpublishVolumeRequest): Promise<object> {
  const target = req.target_path;
  const what = `NodeUnpublishVolume ${req.volume_id}`;
  if (!target) throw invalidArgument(`${what}: target_path is not set`);
  return ctx.locks.run(target, what, async () => {
    const entry = await lstat(target).catch((err: NodeJS.ErrnoException) => err);
    if (entry instanceof Error && (entry as NodeJS.ErrnoException).code === 'ENOENT') {
      await ctx.publications.remove(target);
      return {};
    }
    if (!(entry instanceof Error) && entry.isSymbolicLink()) {
      await unlink(target);
    } else {
      // lstat of a target bound to a dead fuse fails with ENOTCONN; unmounting it works all the same.
      const layers = await unmountAll(ctx, target, what);
      await rmdir(target).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return;
        throw new CsiError(status.INTERNAL, `${what}: ${target} is unmounted (${layers} layers) but could not be removed: ${err.code}; it is left as it is`);
      });
    }
    await ctx.publications.remove(target);
    ctx.logger.info({ volumeId: req.volume_id, target }, 'Unpublished');
    return {};
  });
}

/** Unmounts every mount stacked at `target`, upper first; a busy one is detached lazily. Returns how many. */
async function unmountAll(ctx: NodeContext, target: string, what: string): Promise<number> {
  let count = 0;
  for (;;) {
    const stack = mountsAt(await ctx.mounts.readMountTable(), target);
    if (stack.length === 0) return count;
    if (count >= MAX_LAYERS) throw new CsiError(status.INTERNAL, `${what}: ${target} still shows ${stack.length} mounts after ${count} unmounts`);
    try {
      await ctx.mounts.unmount(target);
    } catch (err) {
      if (!(err instanceof MountCallError && err.errno === 'EBUSY')) throw new CsiError(status.INTERNAL, `${what}: ${err instanceof Error ? err.message : String(err)}`);
      // The kubelet unpublishes after the pod's containers stopped; whatever still holds the mount is not the pod.
      await ctx.mounts.unmount(target, true);
    }
    count++;
  }
}
