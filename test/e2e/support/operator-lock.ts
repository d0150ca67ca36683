// One operator at a time: the e2e files each run a whole operator (a process, or a pod from the image), and two
// operators would both reconcile every Dataset in the shared cluster. Jest runs files in parallel workers, so the
// files take turns through a lock folder in the cluster folder. A holder that died leaves its pid, and is skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clusterEnv } from '../../integration/support/cluster-env';
import { done, notYet, waitFor } from '../../integration/support/cluster-client';

/** Long enough for the other operator file to finish (several minutes on a loaded 2-core machine). */
export const OPERATOR_LOCK_DEADLINE_MS = 20 * 60_000;

function lockDir(): string {
  return path.join(clusterEnv('dir'), 'e2e-operator.lock');
}

export async function acquireOperatorLock(holder: string): Promise<void> {
  const dir = lockDir();
  await waitFor(`the shared cluster's operator lock (held by ${readHolder(dir)})`, OPERATOR_LOCK_DEADLINE_MS, async () => {
    try {
      fs.mkdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readHolder(dir);
      if (owner.pid !== undefined && !alive(owner.pid)) fs.rmSync(dir, { recursive: true, force: true });
      return notYet(`held by ${owner.text}`);
    }
    fs.writeFileSync(path.join(dir, 'holder'), `${process.pid} ${holder}`);
    return done(true);
  }, { intervalMs: 1000 });
}

export function releaseOperatorLock(): void {
  const dir = lockDir();
  if (readHolder(dir).pid === process.pid) fs.rmSync(dir, { recursive: true, force: true });
}

function readHolder(dir: string): { pid?: number; text: string } {
  try {
    const text = fs.readFileSync(path.join(dir, 'holder'), 'utf8');
    return { pid: Number(text.split(' ')[0]), text };
  } catch {
    return { text: 'nobody yet' };
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
