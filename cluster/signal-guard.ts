/**
 * Makes sure a harness process never leaves components behind:
 * - SIGINT/SIGTERM run the orderly stop, then hand over to `afterStop` (by default: exit with 128+n);
 *   a second signal while stopping kills at once;
 * - `exit` (someone called process.exit before stopping) SIGKILLs what is left, synchronously.
 */
export interface GuardHandlers {
  readonly stop: (signal: NodeJS.Signals) => Promise<unknown>;
  readonly killNow: () => void;
  readonly afterStop?: (signal: NodeJS.Signals) => void;
  readonly log: (line: string) => void;
}

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGTERM: 15 };

/** Installs the handlers and returns the function that removes them again. */
export function guardProcess(handlers: GuardHandlers): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      handlers.log(`Received ${signal} again while stopping; killing the remaining processes now`);
      handlers.killNow();
      process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 0));
    }
    stopping = true;
    handlers.log(`Received ${signal}; stopping the local cluster`);
    const finish = (): void => {
      if (handlers.afterStop) handlers.afterStop(signal);
      else process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 0));
    };
    handlers.stop(signal).then(finish, (err: unknown) => {
      handlers.log(`Stopping after ${signal} failed: ${String(err)}`);
      handlers.killNow();
      finish();
    });
  };
  const onExit = (): void => handlers.killNow();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', onExit);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', onExit);
  };
}
