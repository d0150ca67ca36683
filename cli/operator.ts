// `fluid-cdk8s operator`: runs the operator with the in-cluster config, or KUBECONFIG / ~/.kube/config.
import * as k8s from '@kubernetes/client-node';
import { Command, InvalidArgumentError, Option } from 'commander';
import { hostname } from 'node:os';
import { DEFAULT_MOUNT_ROOT } from '../constructs/object-names';
import { DEFAULT_PORT_RANGE, parsePortRange, PortRange } from '../operator/reconcilers/host-ports';
import { registryWith } from './engine-modules';
import { webhookOptionsOf, WebhookFlags, registerWebhookFlags } from './operator-webhook-flags';
import { BindAddress, parseBindAddress, SERVER_OFF } from '../operator/bind-address';
import { DEFAULT_CACHE_SYNC_PERIOD_MS, DEFAULT_CLIENT_RATE_LIMIT, DEFAULT_HEALTH_PROBE_PORT, DEFAULT_METRICS_PORT, DEFAULT_OPERATOR_WORKERS, Operator, OperatorOptions } from '../operator/operator';
import { LOG_LEVELS, LogLevel, processLogger } from '../operator/process-logger';

type Address = BindAddress | typeof SERVER_OFF;

/** The flags as parsed; the older names (`--metrics-port`, `--lease-namespace`) are folded in by operatorSettings. */
export interface OperatorFlags extends Partial<WebhookFlags> {
  readonly workers: number;
  readonly kubeApiQps: number;
  readonly kubeApiBurst: number;
  readonly metricsBindAddress?: Address;
  readonly healthProbeBindAddress?: Address;
  readonly metricsPort?: number;
  readonly leaderElect: boolean;
  readonly leaderElectionNamespace?: string;
  readonly leaseNamespace?: string;
  readonly logLevel: LogLevel;
  readonly kubeconfig?: string;
  readonly engine: string[];
  readonly runtimeNodePortRange: PortRange;
  readonly cacheSyncPeriod: number;
}

export const DEFAULT_LEASE_NAMESPACE = 'fluid-system';

export function registerOperatorCommand(program: Command): void {
  const command = program
    .command('operator')
    .description('run the operator: reconcile Datasets and runtimes in the cluster')
    .option('--kubeconfig <path>', 'kubeconfig file (default: in-cluster, then KUBECONFIG, then ~/.kube/config)')
    .option('--workers <n>', 'reconcile workers per controller', parseCountFlag, DEFAULT_OPERATOR_WORKERS)
    .option('--kube-api-qps <n>', 'requests per second the operator sends to the apiserver (Fluid\'s flag)', parseRateFlag, DEFAULT_CLIENT_RATE_LIMIT.qps)
    .option('--kube-api-burst <n>', 'requests the operator may send at once above that rate (Fluid\'s flag)', parseCountFlag, DEFAULT_CLIENT_RATE_LIMIT.burst)
    .option('--metrics-bind-address <address>', `where /metrics listens, [host]:port, or 0 for off (default ":${DEFAULT_METRICS_PORT}")`, parseAddressFlag)
    .option('--health-probe-bind-address <address>', `where /healthz and /readyz listen, [host]:port, or 0 for off (default ":${DEFAULT_HEALTH_PROBE_PORT}")`, parseAddressFlag)
    .option('--leader-elect [true|false]', 'reconcile only while holding the leader Lease, so several replicas can run (false: one replica only)', parseBooleanFlag, true)
    .option('--leader-election-namespace <ns>', `namespace of the leader-election Lease (default "${DEFAULT_LEASE_NAMESPACE}")`)
    .addOption(new Option('--log-level <level>', 'least severe level logged').choices(LOG_LEVELS).default('info'))
    .option('--runtime-node-port-range <first-last>', 'host ports for runtimes on the host network (Fluid\'s flag)', parsePortRangeFlag, DEFAULT_PORT_RANGE)
    .option('--cache-sync-period <seconds>', 'seconds between two cache queries of a bound runtime (cache figures, mounts)', parseSecondsFlag, DEFAULT_CACHE_SYNC_PERIOD_MS / 1000)
    .option('--engine <modules...>', "also run the runtime engines these JavaScript modules export (a runtime author's own)", [])
    // The names of earlier releases, kept so existing Deployments keep working.
    .addOption(new Option('--metrics-port <port>', 'older form: /healthz, /readyz and /metrics on this one port (0 = any free port), unless the bind-address flags are given').argParser(parsePortFlag))
    .addOption(new Option('--lease-namespace <ns>', 'older name of --leader-election-namespace'));
  registerWebhookFlags(command);
  command
    .action(async (flags: OperatorFlags) => {
      const settings = operatorSettings(flags);
      const logger = processLogger('fluid-cdk8s', flags.logLevel);
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
        ...settings,
        webhook: webhookOptionsOf(flags as OperatorFlags & WebhookFlags, process.env.POD_NAMESPACE ?? settings.lease.namespace),
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
      for (const { port, paths } of operator.listening) logger.info({ port }, `Serving ${joinPaths(paths)}`);
    });
}

/** The serving addresses and leader election the flags ask for; the newer names win over the older ones. */
export function operatorSettings(flags: OperatorFlags): Pick<OperatorOptions, 'metricsAddress' | 'healthAddress' | 'metricsPort' | 'leaderElect' | 'lease'> {
  return {
    metricsAddress: flags.metricsBindAddress,
    healthAddress: flags.healthProbeBindAddress,
    metricsPort: flags.metricsPort,
    leaderElect: flags.leaderElect,
    lease: { namespace: flags.leaderElectionNamespace ?? flags.leaseNamespace ?? DEFAULT_LEASE_NAMESPACE, name: 'fluid-cdk8s-operator' },
  };
}

/** `/healthz, /readyz and /metrics` */
function joinPaths(paths: readonly string[]): string {
  return paths.length < 2 ? paths.join('') : `${paths.slice(0, -1).join(', ')} and ${paths.at(-1)}`;
}

function parseAddressFlag(value: string): Address {
  try {
    return parseBindAddress(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function parsePortFlag(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`expected a port from 0 to 65535, got "${value}"`);
  return port;
}

/** Go's flag syntax for booleans, as controller-runtime's `--leader-elect=false`. */
function parseBooleanFlag(value: string): boolean {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new InvalidArgumentError(`expected true or false, got "${value}"`);
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
