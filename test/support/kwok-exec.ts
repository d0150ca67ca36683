// Canned answers for commands exec'd into KWOK pods of the shared cluster. kwok (--enable-crds=ClusterExec) runs an
// exec into a pod it simulates as a process on this machine, under the first ClusterExec whose selector matches the
// pod; kwok passes the pod-side argv through unchanged (pkg/kwok/server/debugging_exec.go, v0.8.0):
//   - a bare command (`alluxio`) is looked up on kwok's own PATH, whose first folder is kwokExecBinDir(); a rule's
//     env does not take part in that lookup. answer() links the name there to the dispatcher below.
//   - an absolute command (`/etc/fluid/scripts/mount.sh`) runs that very path on this machine. answer() links the
//     path to the dispatcher, which needs write access there (root for /etc) and refuses to replace an existing file;
//     the link is removed by delete(). Two test files must not stub the same absolute path at the same time.
// The dispatcher reads the rule's environment to find this test's answers folder, where each answer sits under the
// SHA-256 of the pod-side argv (each element followed by a NUL byte).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import { kwokExecBinDir } from '../../cluster/components';
import { KubeApiError, kubeRequest } from '../../operator/kube/kube-request';
import { podExec, PodExecTarget } from '../../operator/kube/pod-exec';
import { done, notYet, waitFor } from '../../operator/kube/wait';
import { clusterEnv } from '../integration/support/cluster-env';

/** What the command prints and how it exits. */
export interface CannedAnswer {
  /** @default '' */
  readonly stdout?: string;
  /** @default '' */
  readonly stderr?: string;
  /** @default 0 */
  readonly exitCode?: number;
}

/** A POSIX sh script body to run instead; it gets the argv's arguments as "$@" and the answers folder as its cwd. */
export interface ScriptAnswer {
  readonly script: string;
}

export interface KwokExecOptions {
  /** Containers the rule serves. @default every container of every pod in the namespace */
  readonly containers?: readonly string[];
  /** The shared cluster's folder. @default from the integration project's environment */
  readonly clusterDir?: string;
}

const DISPATCHER = 'fluid-kwok-exec-stub';
const ENV = { answers: 'FLUID_KWOK_EXEC_ANSWERS', bin: 'FLUID_KWOK_EXEC_BIN' } as const;
const SERVED_DEADLINE_MS = 30_000;

// Runs as kwok's child. `$0` is the path kwok ran: inside the bin folder for a bare command, else the absolute one.
// `fluid-kwok-exec-stub --ready` prints the answers folder, so a test can tell that kwok serves its rule.
const DISPATCHER_SCRIPT = `#!/bin/sh
# Written by test/support/kwok-exec.ts: answers a command exec'd into a KWOK pod from the test's answers folder.
set -u
# kwok's PATH starts with the stub folder: without this, a stubbed cat or bash would answer the dispatcher's and
# the answer scripts' own commands.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
answers=\${${ENV.answers}:?the ClusterExec that ran this sets no ${ENV.answers}}
case $0 in
  "\${${ENV.bin}:-}"/*) cmd=\${0##*/} ;;
  *) cmd=$0 ;;
esac
if [ "$cmd" = ${DISPATCHER} ] && [ "$*" = --ready ]; then printf '%s\\n' "$answers"; exit 0; fi
key=$(printf '%s\\0' "$cmd" "$@" | sha256sum)
answer=$answers/\${key%% *}
if [ -x "$answer/run" ]; then exec "$answer/run" "$@"; fi
if [ ! -d "$answer" ]; then
  printf 'kwok-exec stub: no answer in %s for argv:' "$answers" >&2
  printf ' [%s]' "$cmd" "$@" >&2
  echo >&2
  exit 127
fi
cat "$answer/stdout"
cat "$answer/stderr" >&2
exit "$(cat "$answer/exit-code")"
`;

/** The answers folder's key for an argv; the dispatcher computes the same with printf and sha256sum. */
export function argvKey(argv: readonly string[]): string {
  return crypto.createHash('sha256').update(argv.map((a) => `${a}\0`).join('')).digest('hex');
}

/** One ClusterExec rule for the pods of one namespace, and the answers its commands get. */
export class KwokExecStubs {
  private readonly links: string[] = [];
  private readonly createdDirs: string[] = [];

  private constructor(
    private readonly kc: k8s.KubeConfig,
    readonly namespace: string,
    readonly ruleName: string,
    readonly answersDir: string,
    private readonly binDir: string,
  ) {}

  /** Creates the rule. Commands only reach it once kwok has seen it: see waitServed(). */
  static async create(kc: k8s.KubeConfig, namespace: string, options: KwokExecOptions = {}): Promise<KwokExecStubs> {
    const binDir = kwokExecBinDir(options.clusterDir ?? clusterEnv('dir'));
    writeDispatcher(binDir);
    const answersDir = fs.mkdtempSync(path.join(os.tmpdir(), `kwok-exec-${namespace}-`));
    const ruleName = `kwok-exec-${namespace}`;
    const local = { workDir: answersDir, envs: [{ name: ENV.answers, value: answersDir }, { name: ENV.bin, value: binDir }] };
    const rule = {
      apiVersion: 'kwok.x-k8s.io/v1alpha1', kind: 'ClusterExec', metadata: { name: ruleName },
      spec: { selector: { matchNamespaces: [namespace] }, execs: [{ ...(options.containers ? { containers: [...options.containers] } : {}), local }] },
    };
    await kubeRequest(kc, 'POST', '/apis/kwok.x-k8s.io/v1alpha1/clusterexecs', rule);
    return new KwokExecStubs(kc, namespace, ruleName, answersDir, binDir);
  }

  /** Declares what `argv` (as the pod sees it: a bare or an absolute command, then its arguments) answers. */
  answer(argv: readonly string[], answer: CannedAnswer | ScriptAnswer): void {
    const command = argv[0] ?? '';
    if (path.isAbsolute(command)) this.linkAbsolute(command);
    else if (command !== '' && !command.includes('/')) linkBare(this.binDir, command);
    else throw new Error(`kwok-exec: ${JSON.stringify(command)} is neither a bare command nor an absolute path`);
    const dir = path.join(this.answersDir, argvKey(argv));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'argv.json'), JSON.stringify(argv) + '\n');
    if ('script' in answer) {
      fs.writeFileSync(path.join(dir, 'run'), `#!/bin/sh\n${answer.script}\n`, { mode: 0o755 });
      return;
    }
    fs.writeFileSync(path.join(dir, 'stdout'), answer.stdout ?? '');
    fs.writeFileSync(path.join(dir, 'stderr'), answer.stderr ?? '');
    fs.writeFileSync(path.join(dir, 'exit-code'), `${answer.exitCode ?? 0}\n`);
  }

  /** Waits until an exec into `target` reaches this rule's dispatcher (kwok picks rules up from a watch). */
  async waitServed(target: PodExecTarget, deadlineMs = SERVED_DEADLINE_MS): Promise<void> {
    await waitFor(`kwok to serve ClusterExec ${this.ruleName} for pod ${target.namespace}/${target.pod}`, deadlineMs, async () => {
      try {
        const r = await podExec(this.kc, target, [DISPATCHER, '--ready'], { timeoutMs: 5_000 });
        return r.stdout.trim() === this.answersDir ? done(true) : notYet(`exit ${r.exitCode}, stdout ${JSON.stringify(r.stdout)}`);
      } catch (err) {
        return notYet(err instanceof Error ? err.message : String(err));
      }
    }, { intervalMs: 200 });
  }

  /** Deletes the rule, the links to absolute paths this object made, and the answers folder. */
  async delete(): Promise<void> {
    try {
      await kubeRequest(this.kc, 'DELETE', `/apis/kwok.x-k8s.io/v1alpha1/clusterexecs/${this.ruleName}`);
    } catch (err) {
      if (!(err instanceof KubeApiError && err.status === 404)) throw err;
    }
    for (const link of this.links.splice(0)) fs.rmSync(link, { force: true });
    // Deepest first; a folder someone else has put something in since stays.
    for (const dir of this.createdDirs.splice(0).reverse()) {
      try {
        fs.rmdirSync(dir);
      } catch {
        // not empty, or gone already
      }
    }
    fs.rmSync(this.answersDir, { recursive: true, force: true });
  }

  private linkAbsolute(command: string): void {
    if (this.links.includes(command)) return;
    const target = path.join(this.binDir, DISPATCHER);
    this.createdDirs.push(...mkdirsRecorded(path.dirname(command)));
    try {
      fs.symlinkSync(target, command);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new Error(`kwok-exec: ${command} already exists on this machine, and kwok would run it for the pod; ` +
          `remove it, or stub another path (another test file may be stubbing it right now)`);
      }
      throw new Error(`kwok-exec: cannot link ${command} to the stub (kwok runs absolute commands as host paths, so ` +
        `this needs write access there): ${(err as Error).message}`);
    }
    this.links.push(command);
  }
}

// Same content from every test file, so concurrent writers are harmless; the rename makes each write atomic.
function writeDispatcher(binDir: string): void {
  fs.mkdirSync(binDir, { recursive: true });
  const tmp = path.join(binDir, `.${DISPATCHER}.${process.pid}`);
  fs.writeFileSync(tmp, DISPATCHER_SCRIPT, { mode: 0o755 });
  fs.renameSync(tmp, path.join(binDir, DISPATCHER));
}

// Shared by every rule: a bare command's answer comes from the folder of whichever rule kwok picked for the pod.
function linkBare(binDir: string, command: string): void {
  const link = path.join(binDir, command);
  try {
    fs.symlinkSync(DISPATCHER, link);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (fs.readlinkSync(link) !== DISPATCHER) throw new Error(`kwok-exec: ${link} exists and is not a link to ${DISPATCHER}`);
  }
}

/** mkdir -p that returns the folders it created, outermost first. */
function mkdirsRecorded(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
  fs.mkdirSync(dir, { recursive: true });
  return missing;
}
