// `demo --keep`: instead of tearing down at the end, say how to look around, then wait for Ctrl-C.

/** Resolves on the first SIGINT or SIGTERM. */
function stopRequested(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.removeListener('SIGINT', on);
      process.removeListener('SIGTERM', on);
      resolve(signal);
    };
    process.once('SIGINT', on);
    process.once('SIGTERM', on);
  });
}

/**
 * Prints how to reach the cluster (its kubeconfig, and the local cluster's kubectl when the demo started one), then
 * waits for SIGINT or SIGTERM; the caller's cleanup runs after.
 */
export async function keepUntilStopped(progress: (line: string) => void, kubeconfig: string, kubectl: string | undefined): Promise<void> {
  progress('--keep: everything keeps running with the example objects. In another shell:');
  progress(`  export KUBECONFIG=${kubeconfig}`);
  progress(`  ${kubectl ?? 'kubectl'} get datasets,pods -A`);
  progress('Ctrl-C here stops what the demo started.');
  progress(`${await stopRequested()}: stopping`);
}
