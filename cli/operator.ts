// `fluid-cdk8s operator`: runs the operator with the in-cluster config, or KUBECONFIG / ~/.kube/config.
import * as k8s from '@kubernetes/client-node';
import type { Command } from 'commander';
import { hostname } from 'node:os';
import { pino } from 'pino';
import { DEFAULT_MOUNT_ROOT } from '../constructs/object-names';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_PORT_RANGE, parsePortRange, PortRange } from '../operator/reconcilers/host-ports';
import { registryWith } from './engine-modules';
import { DEFAULT_CACHE_SYNC_PERIOD_MS, DEFAULT_CLIENT_RATE_LIMIT, DEFAULT_OPERATOR_WORKERS, Operator } from '../operator/operator';

interface OperatorFlags {
  readonly workers: number;
  readonly kubeApiQps: number;
  readonly kubeApiBurst: number;
  readonly metricsPort: string;
  readonly leaseNamespace: string;
  readonly kubeconfig?: string;
  readonly engine: string[];
  readonly runtimeNodePortRange: PortRange;
  readonly cacheSyncPeriod: number;
}

export function registerOperatorCommand(program: Command): void {
  program
    .command('operator')
    .description('run the operator: reconcile Datasets and runtimes in the cluster')
    .option('--kubeconfig <path>', 'kubeconfig file (default: in-cluster, then KUBECONFIG, then ~/.kube/config)')
    .option('--workers <n>', 'reconcile workers per controller', parseCountFlag, DEFAULT_OPERATOR_WORKERS)
    .option('--kube-api-qps <n>', 'requests per second the operator sends to the apiserver (Fluid\'s flag)', parseRateFlag, DEFAULT_CLIENT_RATE_LIMIT.qps)
    .option('--kube-api-burst <n>', 'requests the operator may send at once above that rate (Fluid\'s flag)', parseCountFlag, DEFAULT_CLIENT_RATE_LIMIT.burst)
    .option('--metrics-port <port>', 'port of /healthz, /readyz and /metrics (0 = any free port)', '8080')
    .option('--lease-namespace <ns>', 'namespace of the leader-election Lease', 'fluid-system')
    .option('--runtime-node-port-range <first-last>', 'host ports for runtimes on the host network (Fluid\'s flag)', parsePortRangeFlag, DEFAULT_PORT_RANGE)
    .option('--cache-sync-period <seconds>', 'seconds between two cache queries of a bound runtime (cache figures, mounts)', parseSecondsFlag, DEFAULT_CACHE_SYNC_PERIOD_MS / 1000)
    .option('--engine <modules...>', "also run the runtime engines these JavaScript modules export (a runtime author's own)", [])
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
        workers: flags.workers,
        clientRateLimit: { qps: flags.kubeApiQps, burst: flags.kubeApiBurst },
        metricsPort: Number(flags.metricsPort),
        lease: { namespace: flags.leaseNamespace, name: 'fluid-cdk8s-operator' },
        identity: process.env.POD_NAME ?? `${hostname()}-${process.pid}`,
        hostPortRange: flags.runtimeNodePortRange,
        cacheSyncPeriodMs: flags.cacheSyncPeriod * 1000,
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

function parseCountFlag(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a whole number of 1 or more`);
  return n;
}

function parseRateFlag(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a rate above 0`);
  return n;
}
