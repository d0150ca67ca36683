// The I/O of the session manager step of NodeStageVolume (sessmgr-readiness.ts decides): label this node, then poll
// for the socket until Fluid's deadline or the caller's, whichever comes first.
import { waitWithinCall } from './call-wait';
import type { NodeContext } from './node-context';
import type { CallContext } from './proto/unary-service';
import { SessMgrNeed, SESSMGR_TIMEOUT_MS, sessMgrTimeoutMessage, socketState } from './sessmgr-readiness';

export async function prepareSessMgr(ctx: NodeContext, what: string, need: SessMgrNeed, call: CallContext): Promise<void> {
  // A merge patch that sets the label is a no-op when it is there already; reading the node first would cost a GET
  // and a permission for nothing.
  await ctx.kube.setNodeLabel(ctx.nodeId, need.nodeLabel.key, need.nodeLabel.value);
  await waitWithinCall(ctx, what, `${need.socket} to exist`, SESSMGR_TIMEOUT_MS, call,
    async () => socketState(need.socket, await ctx.prober.probe(need.socket)),
    (deadlineMs, lastObserved) => sessMgrTimeoutMessage(what, ctx.nodeId, need, deadlineMs, lastObserved));
}
