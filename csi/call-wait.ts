// Waiting inside a CSI call: the wait ends at its own limit or just before the caller's gRPC deadline, whichever
// comes first, and stops when the caller cancels. A wait that runs out answers DEADLINE_EXCEEDED with what it saw
// last (the kubelet retries the call); a cancelled one, CANCELLED.
import { status } from '@grpc/grpc-js';
import { ProbeResult, waitFor, WaitAbortedError, WaitTimeoutError } from '../operator/kube/wait';
import { CsiError } from './csi-error';
import type { NodeContext } from './node-context';
import type { CallContext } from './proto/unary-service';

/** Left for answering before the caller's own deadline passes. */
export const ANSWER_MARGIN_MS = 1000;

/**
 * Polls `probe` every `ctx.pollMs` for at most `limitMs` within `call`'s deadline. `timeoutMessage` gets the time
 * waited and the last observation, and says what `what` waited for.
 */
export async function waitWithinCall<T>(
  ctx: NodeContext,
  what: string,
  description: string,
  limitMs: number,
  call: CallContext,
  probe: () => Promise<ProbeResult<T>>,
  timeoutMessage: (deadlineMs: number, lastObserved: string) => string,
): Promise<T> {
  const deadlineMs = Math.max(0, Math.min(limitMs, call.deadline - Date.now() - ANSWER_MARGIN_MS));
  try {
    return await waitFor(description, deadlineMs, probe, {
      intervalMs: ctx.pollMs, abortIf: () => (call.signal.aborted ? 'the caller cancelled the call' : undefined),
    });
  } catch (err) {
    if (err instanceof WaitTimeoutError) throw new CsiError(status.DEADLINE_EXCEEDED, timeoutMessage(deadlineMs, err.lastObserved));
    if (err instanceof WaitAbortedError) throw new CsiError(status.CANCELLED, `${what}: ${err.reason}`);
    throw err;
  }
}
