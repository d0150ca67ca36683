// NodeStageVolume and NodeUnstageVolume: the node's share of a volume, not any pod's. Staging labels the node so the
// runtime's fuse DaemonSet starts a fuse pod here (an EFC volume first has the node's session manager start and
// serve: sessmgr-readiness.ts), then waits for its mount; nothing is mounted at the staging path
// (Fluid's plugin mounts nothing there either). Unstaging takes the label off when the runtime's clean policy says so.
//
// A dead fuse mount at fluid_path is left to the fuse pod, which detaches it before mounting again (real-node.md,
// trap 5). Fluid's plugin unmounts it here (cleanUpBrokenMountPoint), but the plugin sees the mount root as a slave
// (HostToContainer): an unmount changes only its own view, and a fuse that then mounts over the dead mount on the
// host would never show in that view.
import { readFile } from 'node:fs/promises';
import { invalidArgument } from './csi-error';
import { decideFuseLabel } from './fuse-label-decision';
import { FUSE_GENERATION_LABEL, fuseGenerationOf, fuseMetadataLabelsFile } from './fuse-generation';
import { checkUnderMountRoot, waitForFuse } from './fuse-wait';
import type { ObjectRef } from './kube/csi-kube';
import { mountPointsBelow } from './mount-table';
import type { NodeContext } from './node-context';
import { targetsOfVolume } from './plugin-paths';
import type { NodeStageVolumeRequest, NodeUnstageVolumeRequest } from './proto/csi-messages';
import type { CallContext } from './proto/unary-service';
import { fuseCleanPolicyOf, runtimeKindOf } from './runtime-clean-policy';
import { fuseLabelKeyOf, parseVolumeAttributes, ATTR } from './volume-attributes';
import { podsUsingClaim, publicationsOnFuse } from './volume-users';
import { sessMgrNeed } from './sessmgr-readiness';
import { prepareSessMgr } from './sessmgr-wait';

export async function stageVolume(ctx: NodeContext, req: NodeStageVolumeRequest, call: CallContext): Promise<object> {
  const volumeId = req.volume_id;
  if (!volumeId) throw invalidArgument('NodeStageVolume: volume_id is not set');
  const attrs = parseVolumeAttributes(volumeId, req.volume_context);
  checkUnderMountRoot(ctx, volumeId, attrs);
  const sessMgr = sessMgrNeed(ctx.mountRoot, volumeId, attrs);
  return ctx.locks.run(volumeId, 'NodeStageVolume', async () => {
    const started = Date.now();
    // EFC: the node's session manager first, as Fluid does; its fuse needs the socket to mount.
    if (sessMgr) {
      await prepareSessMgr(ctx, `NodeStageVolume ${volumeId}`, sessMgr, call);
      ctx.logger.info({ volumeId, socket: sessMgr.socket, waitedMs: Date.now() - started }, 'EFC session manager serves on this node');
    }
    const runtime = attrs.runtime ?? await runtimeOfVolume(ctx, volumeId);
    const labelKey = fuseLabelKeyOf(volumeId, attrs, runtime);
    await ctx.kube.setNodeLabel(ctx.nodeId, labelKey, 'true');
    const labelledMs = Date.now() - started;
    await waitForFuse(ctx, `NodeStageVolume ${volumeId}`, { ...attrs, runtime }, call);
    ctx.logger.info({ volumeId, labelKey, fluidPath: attrs.fluidPath, labelledMs, readyMs: Date.now() - started }, 'Staged: the fuse serves on this node');
    return {};
  });
}

/** For PVs without runtime_namespace/runtime_name: the claim the PV is bound to names the Dataset (Fluid's fallback). */
async function runtimeOfVolume(ctx: NodeContext, volumeId: string): Promise<ObjectRef> {
  const pv = await ctx.kube.getPersistentVolume(volumeId);
  const claim = pv?.spec?.claimRef;
  if (!claim?.namespace || !claim.name) {
    throw invalidArgument(`volume ${volumeId}: attributes ${ATTR.runtimeNamespace} and ${ATTR.runtimeName} are not set, and PersistentVolume ${volumeId} ${pv ? 'has no claimRef' : 'does not exist'} to name the Dataset`);
  }
  return { namespace: claim.namespace, name: claim.name };
}

export async function unstageVolume(ctx: NodeContext, req: NodeUnstageVolumeRequest): Promise<object> {
  const volumeId = req.volume_id;
  if (!volumeId) throw invalidArgument('NodeUnstageVolume: volume_id is not set');
  return ctx.locks.run(volumeId, 'NodeUnstageVolume', async () => {
    const log = ctx.logger.child({ volumeId });
    // NodeUnstageVolume carries no volume attributes: the PV has them (pkg/csi/plugins/nodeserver.go getCleanFuseFunc).
    const pv = await ctx.kube.getPersistentVolume(volumeId);
    const context = pv?.spec?.csi?.volumeAttributes;
    const claim = pv?.spec?.claimRef;
    if (!context || !claim?.namespace || !claim.name) {
      // Deleted with its runtime, whose deletion removes the fuse labels everywhere.
      log.info('Unstaged; the PV or its claim is gone, so the fuse label is left to the runtime\'s deletion');
      return {};
    }
    const attrs = parseVolumeAttributes(volumeId, context);
    const runtime = attrs.runtime ?? { namespace: claim.namespace, name: claim.name };
    const labelKey = fuseLabelKeyOf(volumeId, attrs, runtime);
    const dataset = await ctx.kube.getDataset(runtime);
    const kind = dataset && runtimeKindOf(dataset, runtime);
    const runtimeObject = kind && await ctx.kube.getRuntime(kind, runtime);
    if (!kind || !runtimeObject) {
      log.info({ runtime }, 'Unstaged; the Dataset or its runtime is gone, so the fuse label is left to the runtime\'s deletion');
      return {};
    }
    const policy = fuseCleanPolicyOf(kind, runtimeObject);
    const claimRef = { namespace: claim.namespace, name: claim.name };
    const decision = decideFuseLabel(policy === 'OnRuntimeDeleted'
      ? { labelKey, policy, users: [] }
      : { labelKey, policy, users: await fuseUsers(ctx, volumeId, claimRef, labelKey, attrs.fluidPath), ...(policy === 'OnFuseChanged' ? await fuseGenerations(ctx, kind.type, runtime, claimRef) : {}) });
    if (decision.remove) await ctx.kube.setNodeLabel(ctx.nodeId, labelKey, null);
    log.info({ labelKey, policy, removed: decision.remove, reason: decision.reason }, 'Unstaged');
    return {};
  });
}

/** Pods here that mount the claim, targets published on the same fuse, and targets of this volume still mounted. */
async function fuseUsers(ctx: NodeContext, volumeId: string, claim: ObjectRef, labelKey: string, fluidPath: string): Promise<string[]> {
  const [pods, publications, table] = await Promise.all([ctx.kube.listPodsOnNode(ctx.nodeId), ctx.publications.list(), ctx.mounts.readMountTable()]);
  const mounted = targetsOfVolume(ctx.kubeletDir, volumeId, mountPointsBelow(table, ctx.kubeletDir)).map((t) => `target ${t}`);
  return [...new Set([...podsUsingClaim(pods, claim), ...publicationsOnFuse(publications, { labelKey, fluidPath }), ...mounted])];
}

async function fuseGenerations(ctx: NodeContext, runtimeType: string, runtime: ObjectRef, claim: ObjectRef): Promise<{ pvcFuseGeneration?: string; runningFuseGeneration?: string }> {
  const pvc = await ctx.kube.getPersistentVolumeClaim(claim);
  let running: string | undefined;
  try {
    running = fuseGenerationOf(await readFile(fuseMetadataLabelsFile(ctx.mountRoot, runtimeType, runtime), 'utf8'));
  } catch {
    // No metadata file: the fuse pods do not write one, and the generation is unknown.
  }
  const recorded = pvc?.metadata?.labels?.[FUSE_GENERATION_LABEL];
  return { ...(recorded ? { pvcFuseGeneration: recorded } : {}), ...(running ? { runningFuseGeneration: running } : {}) };
}
