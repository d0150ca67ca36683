// `fluid-cdk8s csi`: the fuse.csi.fluid.io node plugin, as the DaemonSet `fluid-cdk8s install` prints runs it on
// every node: in-cluster config, the node's name from the downward API, the kubelet's folder and the mount root
// mounted at their host paths.
import * as k8s from '@kubernetes/client-node';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { processLogger } from '../operator/process-logger';
import { DEFAULT_MOUNT_ROOT } from '../constructs/object-names';
import { CsiPlugin } from '../csi/csi-plugin';
import { DEFAULT_RECOVERY_PERIOD_MS } from '../csi/fuse-recovery';
import { DEFAULT_KUBELET_DIR } from '../csi/plugin-paths';

/** Below the kubelet's two minutes for NodeStageVolume (pkg/volume/csi csiTimeout), so our error is the one it sees. */
const DEFAULT_MOUNT_TIMEOUT_S = 90;

interface CsiFlags {
  readonly nodeId?: string;
  readonly kubeletDir: string;
  readonly mountRoot: string;
  readonly kubeconfig?: string;
  readonly mountTimeout: number;
  readonly recoveryPeriod: number;
}

export function registerCsiCommand(program: Command): void {
  program
    .command('csi')
    .description('run the fuse.csi.fluid.io CSI node plugin on this node (registers itself with the kubelet)')
    .option('--node-id <name>', 'this node\'s name (default: $NODE_NAME)')
    .option('--kubelet-dir <path>', 'the kubelet\'s --root-dir', DEFAULT_KUBELET_DIR)
    .option('--mount-root <path>', "host folder under which fuses mount (Fluid's MOUNT_ROOT)", DEFAULT_MOUNT_ROOT)
    .option('--kubeconfig <path>', 'kubeconfig file (default: in-cluster, then KUBECONFIG, then ~/.kube/config)')
    .option('--mount-timeout <seconds>', 'how long staging and publishing wait for the fuse mount', seconds, DEFAULT_MOUNT_TIMEOUT_S)
    .option('--recovery-period <seconds>', 'how often broken fuse mounts are looked for (0: never)', seconds, DEFAULT_RECOVERY_PERIOD_MS / 1000)
    .action(async (flags: CsiFlags) => {
      const logger = processLogger('fluid-cdk8s-csi');
      const nodeId = flags.nodeId ?? process.env.NODE_NAME;
      if (!nodeId) throw new InvalidArgumentError('--node-id is not set and neither is $NODE_NAME');
      const kc = new k8s.KubeConfig();
      if (flags.kubeconfig) kc.loadFromFile(flags.kubeconfig);
      else kc.loadFromDefault();
      const plugin = await CsiPlugin.start({
        kc, nodeId, kubeletDir: flags.kubeletDir, mountRoot: flags.mountRoot, logger,
        mountTimeoutMs: flags.mountTimeout * 1000, recoveryPeriodMs: flags.recoveryPeriod * 1000,
      });
      const stop = (signal: string) => {
        logger.info({ signal }, 'Stopping');
        void plugin.stop().then(() => process.exit(0));
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number of seconds, got "${value}"`);
  return n;
}
