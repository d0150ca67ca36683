// The control plane's kubectl run by harness code outside jest (bench, `demo --real`): exec and logs go through the
// apiserver to the real node's kubelet, which only kubectl's streaming client speaks here.
import { execFile } from 'node:child_process';

export interface KubectlRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `kubectl --kubeconfig <kubeconfig> ...args`, with `input` on its stdin; resolves with the exit code, never
 * throws on a non-zero one.
 */
export function runKubectl(kubectl: string, kubeconfig: string, args: readonly string[], timeoutMs = 120_000, input?: string): Promise<KubectlRun> {
  return new Promise((resolve) => {
    const child = execFile(kubectl, ['--kubeconfig', kubeconfig, ...args], { timeout: timeoutMs, maxBuffer: 32 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
    if (input !== undefined) child.stdin!.end(input);
  });
}
