// What tests need to run containers on the shared cluster's real node: its name, the images imported into it, a
// pod spec that lands there, and the control plane's kubectl for logs and exec through the apiserver.
import { KubectlRun, runKubectl } from '../../../cluster/kubectl-run';
import { REAL_NODE_LABEL } from '../../../cluster/real-node/kubelet-config';
import { clusterEnv } from './cluster-env';

export function realNodeName(): string {
  return clusterEnv('realNodeNames').split(',')[0];
}

export function clusterImages(): { busybox: string; operator: string; extra: string[] } {
  return JSON.parse(clusterEnv('images')) as { busybox: string; operator: string; extra: string[] };
}

/** Scheduling that puts a pod on the real node: its label, and a toleration of its taint. */
export function onRealNode(): { nodeSelector: Record<string, string>; tolerations: object[] } {
  return { nodeSelector: { [REAL_NODE_LABEL]: 'true' }, tolerations: [{ key: REAL_NODE_LABEL, operator: 'Exists' }] };
}

export type KubectlResult = KubectlRun;

export interface KubectlOptions {
  readonly input?: string;
  /** @default the shared cluster's */
  readonly kubeconfig?: string;
  /** @default 60 s */
  readonly timeoutMs?: number;
}

/** Runs the control plane's kubectl; never throws on a non-zero exit. */
export function kubectl(args: readonly string[], options: KubectlOptions = {}): Promise<KubectlResult> {
  const { input, kubeconfig = clusterEnv('kubeconfig'), timeoutMs = 60_000 } = options;
  return runKubectl(clusterEnv('kubectl'), kubeconfig, args, timeoutMs, input);
}
