// One operation at a time per volume or target path. The kubelet retries a call answered ABORTED, so a second call
// for a key that is busy is refused rather than queued (as Fluid's utils.VolumeLocks TryAcquire); fuse recovery
// skips a busy target until its next round.
import { status } from '@grpc/grpc-js';
import { CsiError } from './csi-error';

export class KeyLocks {
  private readonly busy = new Map<string, string>();

  /** Runs `fn` holding `key`, or throws ABORTED naming what holds it. */
  async run<T>(key: string, what: string, fn: () => Promise<T>): Promise<T> {
    const holder = this.busy.get(key);
    if (holder !== undefined) throw new CsiError(status.ABORTED, `${what}: ${holder} is in progress on ${key}; retry later`);
    this.busy.set(key, what);
    try {
      return await fn();
    } finally {
      this.busy.delete(key);
    }
  }

  isBusy(key: string): boolean {
    return this.busy.has(key);
  }
}
