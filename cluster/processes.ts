import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { done, notYet, ProbeResult, waitFor, WaitTimeoutError } from '../operator/kube/wait';

export interface ProcessSpec {
  /** Short name used in messages and the log file name, e.g. `kube-apiserver`. */
  readonly name: string;
  /** Absolute path of the binary. */
  readonly command: string;
  readonly args: readonly string[];
  /** stdout and stderr are both appended here. */
  readonly logFile: string;
  /** Environment variables that differ from the harness's own. @default none */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** How a stop went: `exited` (on SIGTERM), `killed` (SIGKILL after the grace period) or `gone` (was not running). */
export interface StopOutcome {
  readonly name: string;
  readonly pid: number;
  readonly how: 'exited' | 'killed' | 'gone';
  readonly ms: number;
}

/** Grace period before SIGKILL; the slowest measured clean exit is the apiserver's 3 s. */
export const DEFAULT_STOP_GRACE_MS = 10_000;
/** A SIGKILLed process should vanish at once; this only bounds the wait if the kernel is slow to reap. */
const AFTER_KILL_DEADLINE_MS = 5_000;

/** A child process started by the harness, with its exit observed through the `exit` event. */
export class ManagedProcess {
  private exit: ExitInfo | undefined;
  readonly exited: Promise<ExitInfo>;

  private constructor(
    readonly spec: ProcessSpec,
    readonly pid: number,
    exited: Promise<ExitInfo>,
  ) {
    this.exited = exited.then((info) => (this.exit = info));
  }

  get name(): string {
    return this.spec.name;
  }

  /**
   * Spawns the process in its own session (`detached`), so a Ctrl-C on the terminal reaches only the
   * harness. The harness then stops components in order; a signal to all at once can leave the apiserver
   * retrying a dead etcd forever (hack/control-plane/README.md, "Gotchas").
   */
  static start(spec: ProcessSpec): Promise<ManagedProcess> {
    const logFd = fs.openSync(spec.logFile, 'a');
    try {
      const child = spawn(spec.command, [...spec.args], { detached: true, stdio: ['ignore', logFd, logFd], env: { ...process.env, ...spec.env } });
      // Not unref'd handles would keep a parent (jest, the CLI) alive if it forgot to stop us; stop() keeps
      // the event loop busy with its own timer while it waits.
      child.unref();
      const exited = new Promise<ExitInfo>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      return new Promise((resolve, reject) => {
        child.once('error', (err) => reject(new Error(`could not start ${spec.name} (${spec.command}): ${err.message}`)));
        child.once('spawn', () => resolve(new ManagedProcess(spec, child.pid!, exited)));
      });
    } finally {
      fs.closeSync(logFd);
    }
  }

  /** A sentence saying the process has exited and where its log is, or undefined while it runs. */
  exitReport(): string | undefined {
    if (this.exit === undefined) return undefined;
    const how = this.exit.signal !== null ? `signal ${this.exit.signal}` : `code ${this.exit.code}`;
    return `${this.name} (pid ${this.pid}) exited with ${how}; see ${this.spec.logFile}`;
  }

  /** The last `lines` lines of the process's log, for error reports. */
  logTail(lines = 15): string {
    try {
      return fs.readFileSync(this.spec.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return `(no log at ${this.spec.logFile})`;
    }
  }

  /** SIGTERM, wait up to `graceMs` for the exit event, then SIGKILL. */
  async stop(graceMs = DEFAULT_STOP_GRACE_MS): Promise<StopOutcome> {
    const started = Date.now();
    const outcome = (how: StopOutcome['how']): StopOutcome => ({ name: this.name, pid: this.pid, how, ms: Date.now() - started });
    if (this.exit !== undefined || !signal(this.pid, 'SIGTERM')) return outcome('gone');
    if (await settlesWithin(this.exited, graceMs)) return outcome('exited');
    signal(this.pid, 'SIGKILL');
    if (await settlesWithin(this.exited, AFTER_KILL_DEADLINE_MS)) return outcome('killed');
    throw new Error(`${this.name} (pid ${this.pid}) still running ${AFTER_KILL_DEADLINE_MS} ms after SIGKILL`);
  }
}

/** A process recorded in a state file by another harness process. */
export interface RecordedProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolved path of the executable, compared with /proc/<pid>/exe. */
  readonly command: string;
}

/** The running process as a state file records it. */
export function recordOf(proc: ManagedProcess): RecordedProcess {
  return { name: proc.name, pid: proc.pid, command: fs.realpathSync(proc.spec.command) };
}

/** The current process (the harness owner) as a state file records it. */
export function recordSelf(): RecordedProcess {
  return { name: 'harness owner', pid: process.pid, command: fs.realpathSync(process.execPath) };
}

/**
 * Stops a process that is not our child (`cluster down`). Its exit cannot be observed by event, so
 * liveness is polled. The pid is only signalled while /proc says it still runs `command`, so a pid
 * reused by an unrelated process is left alone.
 */
export async function stopRecordedProcess(proc: RecordedProcess, graceMs = DEFAULT_STOP_GRACE_MS): Promise<StopOutcome> {
  const started = Date.now();
  const outcome = (how: StopOutcome['how']): StopOutcome => ({ name: proc.name, pid: proc.pid, how, ms: Date.now() - started });
  if (!runs(proc) || !signal(proc.pid, 'SIGTERM')) return outcome('gone');
  const gone = async (): Promise<ProbeResult<true>> =>
    runs(proc) ? notYet(`pid ${proc.pid} still running`) : done(true);
  try {
    await waitFor(`${proc.name} (pid ${proc.pid}) to exit after SIGTERM`, graceMs, gone);
    return outcome('exited');
  } catch (err) {
    if (!(err instanceof WaitTimeoutError)) throw err;
  }
  signal(proc.pid, 'SIGKILL');
  await waitFor(`${proc.name} (pid ${proc.pid}) to exit after SIGKILL`, AFTER_KILL_DEADLINE_MS, gone);
  return outcome('killed');
}

/** Last-resort stop for `process.on('exit')`, where nothing asynchronous can run. Order does not matter for SIGKILL. */
export function killNow(pid: number): void {
  signal(pid, 'SIGKILL');
}

/** True while `pid` is alive (not a zombie) and runs the executable `command`. */
export function runs(proc: RecordedProcess): boolean {
  try {
    // A rebuilt binary shows up as "<path> (deleted)" for processes started before the rebuild.
    const exe = fs.readlinkSync(`/proc/${proc.pid}/exe`).replace(/ \(deleted\)$/, '');
    if (exe !== proc.command) return false;
    const stat = fs.readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
    // The state letter follows the parenthesised command name, which may itself contain spaces.
    const afterName = stat.slice(stat.lastIndexOf(')') + 2);
    return afterName[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Sends a signal; false when the process no longer exists. */
function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
