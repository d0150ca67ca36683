// `fluid-cdk8s operator`: runs the operator with the in-cluster config, or KUBECONFIG / ~/.kube/config.
import * as k8s from '@kubernetes/client-node';
import type { Command } from 'commander';
import { hostname } from 'node:os';
import { pino } from 'pino';
import { DEFAULT_MOUNT_ROOT } from '../constructs/object-names';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_PORT_RANGE, parsePortRange, PortRange } from '../operator/reconcilers/host-ports';
import { registryWith } from './engine-modules';
import { DEFAULT_CACHE_SYNC_PERIOD_MS, Operator } from '../operator/operator';
import { webhookOptionsOf, WebhookFlags, registerWebhookFlags } from './operator-webhook-flags';

interface OperatorFlags extends WebhookFlags {
  readonly workers: string;
  readonly metricsPort: string;
  readonly leaseNamespace: string;
  readonly kubeconfig?: string;
  readonly engine: string[];
  readonly runtimeNodePortRange: PortRange;
  readonly cacheSyncPeriod: number;
}

export function registerOperatorCommand(program: Command): void {
  const command = program
    .command('operator')
    .description('run the operator: reconcile Datasets and runtimes in the cluster')
    .option('--kubeconfig <path>', 'kubeconfig file (default: in-cluster, then KUBECONFIG, then ~/.kube/config)')
    .option('--workers <n>', 'reconcile workers per controller', '3')
    .option('--metrics-port <port>', 'port of /healthz, /readyz and /metrics (0 = any free port)', '8080')
    .option('--lease-namespace <ns>', 'namespace of the leader-election Lease', 'fluid-system')
    .option('--runtime-node-port-range <first-last>', 'host ports for runtimes on the host network (Fluid\'s flag)', parsePortRangeFlag, DEFAULT_PORT_RANGE)
    .option('--cache-sync-period <seconds>', 'seconds between two cache queries of a bound runtime (cache figures, mounts)', parseSecondsFlag, DEFAULT_CACHE_SYNC_PERIOD_MS / 1000)
    .option('--engine <modules...>', "also run the runtime engines these JavaScript modules export (a runtime author's own)", []);
  registerWebhookFlags(command);
  command
    .action(async (flags: OperatorFlags) => {
      const logger = pino({ name: 'fluid-cdk8s' });
      const kc = new k8s.KubeConfig();
      if (flags.kubeconfig) kc.loadFromFile(flags.kubeconfig);
      else kc.loadFromDefault();
      const operator = new Operator({
        kc,
        registry: registryWith(flags.engine),
        // Settings come from the environment under Fluid's own variable names (MOUNT_ROOT, *_IMAGE_ENV ...).
        settings: { mountRoot: process.env.MOUNT_ROOT ?? DEFAULT_MOUNT_ROOT, env: { ...process.env } },
        logger,
        workers: Number(flags.workers),
        metricsPort: Number(flags.metricsPort),
        lease: { namespace: flags.leaseNamespace, name: 'fluid-cdk8s-operator' },
        identity: process.env.POD_NAME ?? `${hostname()}-${process.pid}`,
        hostPortRange: flags.runtimeNodePortRange,
        cacheSyncPeriodMs: flags.cacheSyncPeriod * 1000,
        webhook: webhookOptionsOf(flags, process.env.POD_NAMESPACE ?? flags.leaseNamespace),
      });
      const stop = (signal: string) => {
        logger.info({ signal }, 'Stopping');
        void operator.stop().then(() => process.exit(0));
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      await operator.start();
      logger.info({ port: operator.port }, 'Serving /healthz, /readyz and /metrics');
    });
}

function parsePortRangeFlag(value: string): PortRange {
  try {
    return parsePortRange(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function parseSecondsFlag(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 1) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a number of seconds (1 or more)`);
  return seconds;
}
