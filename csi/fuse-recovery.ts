// Fuse recovery: every period, find published targets whose fuse has restarted since they were bound, and bind the
// new mount on top of them (recovery-plan.ts says why on top). Targets busy with a CSI call are left for the next
// round. Fluid runs the same loop every RECOVER_FUSE_PERIOD, 5 s by default (pkg/csi/recover/recover.go).
import { FuseMountState, fuseMountState } from './fuse-mount-state';
import { topMountAt } from './mount-table';
import type { NodeContext } from './node-context';
import { fuseMountsToCheck, planRecovery } from './recovery-plan';

export const DEFAULT_RECOVERY_PERIOD_MS = 5000;

export class FuseRecovery {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** What each waiting target waits for, so a wait is logged when it starts, not every round. */
  private waiting = new Map<string, string>();
  /** The last failure of each repair, logged as a warning only when it changes. */
  private failures = new Map<string, string>();

  constructor(private readonly ctx: NodeContext) {}

  start(periodMs: number): void {
    const tick = () => {
      this.running = this.runOnce().then(() => undefined, (err: unknown) => this.ctx.logger.error({ err: String(err) }, 'Fuse recovery round failed'))
        .finally(() => {
          this.running = undefined;
          if (this.timer !== undefined) this.timer = setTimeout(tick, periodMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round: read the records and the mount table, probe the fuse mounts concerned, repair. Returns the repairs made. */
  async runOnce(): Promise<number> {
    const { ctx } = this;
    const publications = await ctx.publications.list((file, err) => ctx.logger.warn({ file, err: String(err) }, 'Skipping an unreadable publication record'));
    const table = await ctx.mounts.readMountTable();
    const states = new Map<string, FuseMountState>();
    for (const fluidPath of fuseMountsToCheck(table, publications)) {
      const mountType = publications.find((p) => p.fluidPath === fluidPath)?.mountType ?? '';
      states.set(fluidPath, fuseMountState(fluidPath, mountType, topMountAt(table, fluidPath), await ctx.prober.probe(fluidPath)));
    }
    const plan = planRecovery(ctx.kubeletDir, table, publications, states);
    for (const [target, reason] of plan.waiting) {
      if (this.waiting.get(target) !== reason) ctx.logger.warn({ target, reason }, 'A published target waits for its fuse to serve again');
    }
    this.waiting = new Map(plan.waiting);
    let repaired = 0;
    for (const repair of plan.repairs) {
      if (ctx.locks.isBusy(repair.mountPoint)) continue;
      await ctx.locks.run(repair.mountPoint, 'fuse recovery', async () => {
        const started = Date.now();
        try {
          if (repair.readOnly) await ctx.mounts.bindReadOnly(repair.source, repair.mountPoint);
          else await ctx.mounts.bind(repair.source, repair.mountPoint);
          repaired++;
          this.failures.delete(repair.mountPoint);
          ctx.logger.info({ ...repair, recoverMs: Date.now() - started }, 'Fuse recovered: bound the remounted fuse on the published target');
        } catch (err) {
          const failure = String(err);
          const level = this.failures.get(repair.mountPoint) === failure ? 'debug' : 'warn';
          this.failures.set(repair.mountPoint, failure);
          ctx.logger[level]({ ...repair, err: failure }, 'Fuse recovery failed; retrying next round');
        }
      });
    }
    return repaired;
  }
}
