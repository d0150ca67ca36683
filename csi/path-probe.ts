// One stat of a path, classified (fuse-mount-state.ts PathProbe). stat on a FUSE mount whose daemon hangs never
// returns and holds one of libuv's few threads; so a probe that takes too long is reported as unresponsive, and
// no second probe of the same path starts while one is pending: a hung fuse ties up at most one thread per path.
import { stat } from 'node:fs/promises';
import type { PathProbe } from './fuse-mount-state';

/** Long enough for a busy fuse, short enough that a stage wait notices a hung one. */
export const DEFAULT_PROBE_TIMEOUT_MS = 2000;

export class PathProber {
  private readonly pending = new Map<string, Promise<PathProbe>>();

  constructor(private readonly timeoutMs = DEFAULT_PROBE_TIMEOUT_MS) {}

  probe(path: string): Promise<PathProbe> {
    let pending = this.pending.get(path);
    if (!pending) {
      pending = stat(path).then(
        (s): PathProbe => ({ kind: 'ok', isDirectory: s.isDirectory() }),
        (err: NodeJS.ErrnoException): PathProbe => classify(err),
      ).finally(() => this.pending.delete(path));
      this.pending.set(path, pending);
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<PathProbe>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'unresponsive', afterMs: this.timeoutMs }), this.timeoutMs);
    });
    return Promise.race([pending, late]).finally(() => clearTimeout(timer));
  }
}

function classify(err: NodeJS.ErrnoException): PathProbe {
  if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return { kind: 'missing' };
  if (err.code === 'ENOTCONN') return { kind: 'disconnected' };
  return { kind: 'error', code: err.code ?? err.message };
}
