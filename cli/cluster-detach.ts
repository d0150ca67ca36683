// `cluster up --detach`: the same `cluster up` in a process of its own session, which owns the cluster after this
// one has returned, so a script can `eval "$(fluid-cdk8s cluster up --detach)"` as it would `kind create cluster`.
// The owner writes the state file as in the foreground, so `cluster down` stops it the same way (SIGTERM to the
// owner, which stops the components in order and removes the folder).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUILD_DEADLINE_MS } from '../cluster/build-script';
import { done, notYet, waitFor } from '../operator/kube/wait';

/**
 * Names the owner's log folder to the owner, which removes it once `cluster down` (or a signal) has stopped the
 * cluster; an owner that ends any other way keeps it, since its log says why.
 */
export const DETACH_LOG_ENV = 'FLUID_CDK8S_DETACH_LOG';

/** The line the foreground `cluster up` prints once the cluster is ready. */
const READY_LINE = /^export KUBECONFIG=(.+)$/m;

export interface DetachedUp {
  readonly nodes: number;
  readonly realNodes: number;
  readonly dir: string;
}

export interface DetachedCluster {
  readonly kubeconfig: string;
  readonly ownerPid: number;
  /** The owner's stdout and stderr, kept for as long as it runs (it reports an unexpected exit there); `cluster down` removes it. */
  readonly log: string;
}

/**
 * Starts `cluster up` (this same program, argv[1]) detached, passes its progress through to `progress` while it
 * starts, and returns once it has printed the kubeconfig. Throws, with the end of its log, when it exits first.
 */
export async function startDetached(opts: DetachedUp, progress: NodeJS.WritableStream = process.stderr): Promise<DetachedCluster> {
  // Beside the cluster folder, not in it: `cluster up` wants that folder missing or empty.
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluid-cdk8s-cluster-up-'));
  const stdoutFile = path.join(logDir, 'stdout');
  const log = path.join(logDir, 'up.log');
  const out = fs.openSync(stdoutFile, 'w');
  const err = fs.openSync(log, 'w');
  const args = [...process.execArgv, process.argv[1], 'cluster', 'up', '--nodes', String(opts.nodes), '--real-nodes', String(opts.realNodes), '--dir', opts.dir];
  const owner = spawn(process.execPath, args, { detached: true, stdio: ['ignore', out, err], env: { ...process.env, [DETACH_LOG_ENV]: logDir } });
  fs.closeSync(out);
  fs.closeSync(err);
  let exit: string | undefined;
  owner.once('exit', (code, signal) => (exit = signal ? `signal ${signal}` : `exit code ${code}`));
  owner.once('error', (e) => (exit = e.message));

  // Its progress lines, as they come, so a first run's long build is not silent.
  let shown = 0;
  const passProgress = (): void => {
    const text = fs.readFileSync(log);
    if (text.length > shown) progress.write(text.subarray(shown));
    shown = text.length;
  };
  // Ctrl-C while it starts: the owner is in a session of its own and would not see it, so pass it on.
  const interrupt = (): void => {
    owner.kill('SIGTERM');
  };
  process.once('SIGINT', interrupt);
  try {
    const kubeconfig = await waitFor(
      'the detached `cluster up` to report the cluster ready',
      // A cold start builds the control plane first; the build has its own deadline, this one covers it.
      BUILD_DEADLINE_MS + 5 * 60_000,
      async () => {
        passProgress();
        const ready = READY_LINE.exec(fs.readFileSync(stdoutFile, 'utf8'));
        return ready ? done(ready[1]) : notYet('no kubeconfig printed yet');
      },
      { intervalMs: 200, abortIf: () => (exit === undefined ? undefined : `it ended (${exit}); its log ${log} ends with:\n${tail(log)}`) },
    );
    passProgress();
    owner.unref();
    return { kubeconfig, ownerPid: owner.pid!, log };
  } catch (e) {
    // Never leave a half-started owner behind us: it cleans up after itself on SIGTERM.
    if (exit === undefined) owner.kill('SIGTERM');
    throw e;
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
}

function tail(file: string): string {
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
}
