import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mountsUnder } from './real-node/mounts';

/** The folder a cluster lives in: PKI, kubeconfig, etcd data, logs and the state file. */
export interface ClusterDir {
  readonly path: string;
  /** True when the harness created the folder, so it may delete the folder itself and not only its contents. */
  readonly created: boolean;
}

/**
 * Uses `requested` if given (it must be missing or empty, because stopping deletes what is inside),
 * otherwise a fresh temp folder.
 */
export function prepareClusterDir(requested?: string): ClusterDir {
  if (requested === undefined) {
    return { path: fs.mkdtempSync(path.join(os.tmpdir(), 'fluid-cdk8s-cluster-')), created: true };
  }
  const dir = path.resolve(requested);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    return { path: dir, created: true };
  }
  const entries = fs.readdirSync(dir);
  if (entries.length > 0) {
    throw new Error(`cluster folder ${dir} is not empty (${entries.slice(0, 5).join(', ')}); ` +
      'is a cluster already running there? Stop it with `cluster down --dir` or choose another folder');
  }
  return { path: dir, created: false };
}

/**
 * Deletes what the harness put there; the folder itself too if the harness created it. Refuses while anything is
 * mounted below it: deleting through a fuse or bind mount would delete the data behind it.
 */
export function removeClusterDir(dir: ClusterDir): void {
  const mounts = fs.existsSync('/proc/self/mountinfo') ? mountsUnder(dir.path) : [];
  if (mounts.length > 0) {
    throw new Error(`not removing ${dir.path}: ${mounts.length} mounts are still below it (${mounts.slice(0, 3).join(', ')}); ` +
      `\`fluid-cdk8s cluster down --dir ${dir.path}\` unmounts them`);
  }
  if (dir.created) {
    fs.rmSync(dir.path, { recursive: true, force: true });
    return;
  }
  for (const entry of fs.readdirSync(dir.path)) fs.rmSync(path.join(dir.path, entry), { recursive: true, force: true });
}
