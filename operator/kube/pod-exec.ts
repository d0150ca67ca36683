// Runs a command in a pod's container through the apiserver's `pods/exec` subresource (a websocket, protocol v5 or
// v4: stdout on channel 1, stderr on 2, the exit status as a Status object on 3), the way an engine asks a cache
// master for its figures. The only place in the project that does exec I/O. Output is never logged here: callers
// decide what of it is safe to show.
import * as k8s from '@kubernetes/client-node';
import { Writable } from 'node:stream';

export interface PodExecTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
}

export interface PodExecOptions {
  /** Deadline for the whole call, connecting included; the websocket is torn down when it passes. @default 30000 */
  readonly timeoutMs?: number;
  /** Bytes kept of stdout, and separately of stderr; the rest is read and dropped. @default 1048576 (1 MiB) */
  readonly maxOutputBytes?: number;
}

export interface PodExecResult {
  readonly stdout: string;
  readonly stderr: string;
  /** 0, or the command's non-zero exit code. A command that could not run rejects instead. */
  readonly exitCode: number;
  /** Whether stdout or stderr went over `maxOutputBytes` and was cut there. */
  readonly truncated: boolean;
}

export const DEFAULT_EXEC_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 1 << 20;

/** Why an exec gave no exit code: the deadline, the websocket handshake, a close without a status, or a Failure status. */
export type PodExecFailure = 'timeout' | 'connect' | 'closed' | 'status';

export class PodExecError extends Error {
  constructor(
    readonly target: PodExecTarget,
    readonly command: readonly string[],
    readonly failure: PodExecFailure,
    detail: string,
    /** The Status the apiserver sent on the status channel, for `status` failures. */
    readonly status?: k8s.V1Status,
  ) {
    super(`exec ${JSON.stringify(command)} in pod ${target.namespace}/${target.pod} container ${target.container}: ${detail}`);
    this.name = 'PodExecError';
  }
}

/** The parts of the `ws` socket that client-node's Exec resolves with (typed loosely there). */
interface ExecSocket {
  close(): void;
  terminate(): void;
  once(event: 'close', listener: (code: number) => void): void;
}

/** Runs `command` (argv, no shell) in the target container and resolves with its output and exit code. */
export function podExec(kc: k8s.KubeConfig, target: PodExecTarget, command: readonly string[], options: PodExecOptions = {}): Promise<PodExecResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new CappedOutput(maxBytes);
  const stderr = new CappedOutput(maxBytes);
  const fail = (failure: PodExecFailure, detail: string, status?: k8s.V1Status): PodExecError =>
    new PodExecError(target, command, failure, detail, status);
  return new Promise<PodExecResult>((resolve, reject) => {
    let settled = false;
    let socket: ExecSocket | undefined;
    const settle = (outcome: PodExecResult | PodExecError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof PodExecError) {
        // A hung command keeps its connection open; terminate() drops it without the closing handshake.
        socket?.terminate();
        reject(outcome);
      } else {
        socket?.close();
        resolve(outcome);
      }
    };
    const timer = setTimeout(() => settle(fail('timeout', `no exit status within ${timeoutMs} ms; connection closed`)), timeoutMs);
    const onStatus = (status: k8s.V1Status): void => {
      const outcome = execOutcome(status);
      if ('failure' in outcome) settle(fail('status', outcome.failure, status));
      else settle({ stdout: stdout.text(), stderr: stderr.text(), exitCode: outcome.exitCode, truncated: stdout.truncated || stderr.truncated });
    };
    new k8s.Exec(kc)
      .exec(target.namespace, target.pod, target.container, [...command], sinkOf(stdout), sinkOf(stderr), null, false, onStatus)
      .then((ws: unknown) => {
        socket = ws as ExecSocket;
        // Settled already (the deadline passed while connecting): drop the late connection.
        if (settled) socket.terminate();
        // Frames are handled in order, so a status that came before the close has settled the call already.
        else socket.once('close', (code) => settle(fail('closed', `connection closed (code ${code}) before the exit status arrived`)));
      })
      .catch((err: unknown) => settle(fail('connect', `could not open the exec stream: ${describe(err)}`)));
  });
}

/** What a status-channel Status means: the command's exit code, or why there is none. */
export type ExecOutcome = { readonly exitCode: number } | { readonly failure: string };

// kwok (v0.8.0, the simulated kubelet of the local cluster's fake nodes) wraps the command's exit error
// (pkg/utils/exec/exec.go, "cmd wait: <argv>: %w"), so cri-streaming's type check misses it and the apiserver
// relays an InternalError whose text ends in Go's "exit status N". Anchored on both kwok's prefix and Go's suffix.
const KWOK_EXIT_STATUS = /cmd wait: [\s\S]*: exit status (\d+)$/;

/**
 * Success → 0; Failure with reason NonZeroExitCode → its ExitCode cause (what a kubelet sends); kwok's InternalError
 * for a non-zero exit → the code in its text; any other Failure (no such container, exec refused) → a failure.
 */
export function execOutcome(status: k8s.V1Status): ExecOutcome {
  if (status.status === 'Success') return { exitCode: 0 };
  const causes = status.details?.causes ?? [];
  if (status.reason === 'NonZeroExitCode') {
    const code = Number(causes.find((c) => c.reason === 'ExitCode')?.message);
    return Number.isInteger(code) && code > 0 ? { exitCode: code } : { failure: `NonZeroExitCode without a usable ExitCode cause: ${JSON.stringify(status)}` };
  }
  if (status.reason === 'InternalError') {
    for (const text of [...causes.map((c) => c.message ?? ''), status.message ?? '']) {
      const kwok = KWOK_EXIT_STATUS.exec(text);
      if (kwok) return { exitCode: Number(kwok[1]) };
    }
  }
  return { failure: `${status.reason ?? status.status ?? 'unknown status'}: ${status.message ?? JSON.stringify(status)}` };
}

/** Keeps the first `maxBytes` bytes written and counts the rest, so a chatty command cannot exhaust memory. */
export class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  constructor(private readonly maxBytes: number) {}

  add(chunk: Buffer): void {
    const room = this.maxBytes - this.kept;
    if (chunk.length <= room) {
      this.chunks.push(chunk);
      this.kept += chunk.length;
      return;
    }
    if (room > 0) this.chunks.push(chunk.subarray(0, room));
    this.kept += Math.max(room, 0);
    this.dropped += chunk.length - Math.max(room, 0);
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  /** UTF-8; a character cut at the cap decodes as U+FFFD. */
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

// client-node's Exec writes each frame's payload to a Writable and ends it when the status arrives.
function sinkOf(output: CappedOutput): Writable {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback): void {
      output.add(chunk);
      callback();
    },
  });
  // A frame after the status would be a write after end(); an unhandled 'error' event would crash the process.
  sink.on('error', () => undefined);
  return sink;
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  // ws reports a failed handshake as an ErrorEvent: `{message: 'Unexpected server response: 404', error}`.
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}
