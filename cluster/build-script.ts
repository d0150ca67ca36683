import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A cold build takes about 13 minutes on 2 cores (hack/control-plane/README.md); a cached one 0.04 s. */
export const BUILD_DEADLINE_MS = 45 * 60_000;

/** The binaries `hack/control-plane/build.sh` leaves in its bin dir. */
export const CONTROL_PLANE_BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'kwok'] as const;
/** The binaries `hack/real-node/build.sh` builds; containerd, runc and the CNI plugins are Debian packages it installs. */
export const REAL_NODE_BINARIES = ['kubelet', 'pause'] as const;
/** What `hack/seaweedfs/build.sh` builds: SeaweedFS's one binary (master, volume, filer, S3, shell, mount). */
export const SEAWEEDFS_BINARIES = ['weed'] as const;

export function buildControlPlane(repoRoot: string, progress: NodeJS.WritableStream = process.stderr): Promise<string> {
  return runBuildScript(path.join(repoRoot, 'hack', 'control-plane', 'build.sh'), CONTROL_PLANE_BINARIES, progress);
}

export function buildRealNodeBinaries(repoRoot: string, progress: NodeJS.WritableStream = process.stderr): Promise<string> {
  return runBuildScript(path.join(repoRoot, 'hack', 'real-node', 'build.sh'), REAL_NODE_BINARIES, progress);
}

/** The cache engine's binary for real-node images; a cold build takes 6.5 min on 2 idle cores (hack/seaweedfs/README.md). */
export function buildSeaweedfs(repoRoot: string, progress: NodeJS.WritableStream = process.stderr): Promise<string> {
  return runBuildScript(path.join(repoRoot, 'hack', 'seaweedfs', 'build.sh'), SEAWEEDFS_BINARIES, progress);
}

/**
 * Runs a build script under hack/, passing its progress (stderr) through, and returns the bin dir it prints as
 * stdout's last line. The scripts return at once when their cache stamp exists.
 */
export async function runBuildScript(script: string, binaries: readonly string[], progress: NodeJS.WritableStream): Promise<string> {
  // Own process group, so a deadline can stop the script together with the `go` builds it runs.
  const child = spawn('bash', [script], { cwd: path.dirname(script), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.pipe(progress, { end: false });
  const exit = await new Promise<{ code: number | null; timedOut: boolean }>((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      resolve({ code: null, timedOut: true });
    }, BUILD_DEADLINE_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${script}: ${err.message}`));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut: false });
    });
  });
  if (exit.timedOut) throw new Error(`${script} did not finish within ${BUILD_DEADLINE_MS / 60_000} min and was killed`);
  if (exit.code !== 0) throw new Error(`${script} failed with exit code ${exit.code}; its messages are above`);
  const binDir = stdout.trim().split('\n').pop() ?? '';
  const missing = binaries.filter((b) => !fs.existsSync(path.join(binDir, b)));
  if (binDir === '' || missing.length > 0) {
    throw new Error(`${script} printed bin dir "${binDir}", which lacks ${missing.join(', ') || 'everything'}`);
  }
  return binDir;
}
