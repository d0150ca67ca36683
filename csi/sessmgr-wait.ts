// The I/O of the session manager step of NodeStageVolume (sessmgr-readiness.ts decides): label this node, then poll
// for the socket until Fluid's deadline or the caller's, whichever comes first.
import { status } from '@grpc/grpc-js';
import { waitFor, WaitAbortedError, WaitTimeoutError } from '../operator/kube/wait';
import { CsiError } from './csi-error';
import { ANSWER_MARGIN_MS } from './fuse-wait';
import type { NodeContext } from './node-context';
import type { CallContext } from './proto/unary-service';
import { SessMgrNeed, SESSMGR_TIMEOUT_MS, sessMgrTimeoutMessage, socketState } from './sessmgr-readiness';

export async function prepareSessMgr(ctx: NodeContext, what: string, need: SessMgrNeed, call: CallContext): Promise<void> {
  // A merge patch that sets the label is a no-op when it is there already; reading the node first would cost a GET
  // and a permission for nothing.
  await ctx.kube.setNodeLabel(ctx.nodeId, need.nodeLabel.key, need.nodeLabel.value);
  const deadlineMs = Math.max(0, Math.min(SESSMGR_TIMEOUT_MS, call.deadline - Date.now() - ANSWER_MARGIN_MS));
  try {
    await waitFor(`${need.socket} to exist`, deadlineMs, async () => socketState(need.socket, await ctx.prober.probe(need.socket)), {
      intervalMs: ctx.pollMs, abortIf: () => (call.signal.aborted ? 'the caller cancelled the call' : undefined),
    });
  } catch (err) {
    if (err instanceof WaitTimeoutError) throw new CsiError(status.DEADLINE_EXCEEDED, sessMgrTimeoutMessage(what, ctx.nodeId, need, deadlineMs, err.lastObserved));
    if (err instanceof WaitAbortedError) throw new CsiError(status.CANCELLED, `${what}: ${err.reason}`);
    throw err;
  }
}
