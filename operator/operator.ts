// The operator process: caches, controllers, leader election, health and metrics, and a clean stop.
import type * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import type { EngineSettings } from '../constructs/runtimes/runtime-engine';
import { ClusterCache } from './cluster-cache';
import { Controllers } from './controllers';
import { HealthServer, startHealthServer } from './health-server';
import { ApiReachability } from './kube/api-reachability';
import { ClientRateLimit, limitRequests } from './kube/kube-request';
import { EventRecorder } from './kube/events';
import { KubeLeaseStore } from './kube/lease';
import { ResourceCatalog } from './kube/resources';
import { LeaderElector } from './leader-election';
import { OperatorMetrics } from './metrics';
import { podExec } from './kube/pod-exec';
import { DEFAULT_PORT_RANGE, PortRange } from './reconcilers/host-ports';

export interface OperatorOptions {
  readonly kc: k8s.KubeConfig;
  readonly registry: EngineRegistry;
  readonly settings: EngineSettings;
  readonly logger: Logger;
  /** Reconcile workers per controller. @default DEFAULT_OPERATOR_WORKERS */
  readonly workers?: number;
  /** Client-side limit on the operator's requests (--kube-api-qps, --kube-api-burst). @default DEFAULT_CLIENT_RATE_LIMIT */
  readonly clientRateLimit?: ClientRateLimit;
  /** Port of /healthz, /readyz and /metrics; 0 picks a free one. @default 8080 */
  readonly metricsPort?: number;
  /** Namespace and name of the leader-election Lease. */
  readonly lease: { readonly namespace: string; readonly name: string };
  /** Unique per replica (the pod name in a cluster). */
  readonly identity: string;
  /** Where runtimes on the host network get their ports. @default 20000-26000, Fluid's Alluxio range */
  readonly hostPortRange?: PortRange;
  /** Between two cache sync rounds of one bound runtime. @default 60 s, Fluid's */
  readonly cacheSyncPeriodMs?: number;
}

export const DEFAULT_CACHE_SYNC_PERIOD_MS = 60_000;

/**
 * Workers per controller. Fluid's `runtimeWorkers` is 3, but a reconcile here spends most of its time waiting for the
 * apiserver's answers, not computing: with 3, a thousand Thin pairs created at once took 676 s with the operator
 * busy for 97 s of them (bench:scale). Each worker holds one key, so more cost no memory worth counting.
 */
export const DEFAULT_OPERATOR_WORKERS = 8;

/**
 * Requests per second (and burst) the operator sends. Fluid's controllers take client-go's 20 / 30, which a thousand
 * pairs at ten writes each would need over eight minutes to get through; this bounds a runaway loop without being
 * the bottleneck of a large batch.
 */
export const DEFAULT_CLIENT_RATE_LIMIT: ClientRateLimit = { qps: 200, burst: 400 };

export class Operator {
  private readonly metrics = new OperatorMetrics();
  private readonly cache: ClusterCache;
  private readonly controllers: Controllers;
  private readonly elector: LeaderElector;
  private server?: HealthServer;
  private leading = false;

  constructor(private readonly options: OperatorOptions) {
    const { kc, logger } = options;
    limitRequests(kc, options.clientRateLimit ?? DEFAULT_CLIENT_RATE_LIMIT);
    const reachability = new ApiReachability(logger);
    const catalog = new ResourceCatalog(options.registry.definitions());
    this.cache = new ClusterCache(kc, catalog, options.registry, logger, reachability);
    const recorder = new EventRecorder({ kubeConfig: kc, identity: options.identity, logger, countWrite: this.metrics.countApiWrite });
    this.controllers = new Controllers({
      kc,
      catalog,
      cache: this.cache,
      registry: options.registry,
      settings: options.settings,
      events: { record: async (e) => void (await recorder.record(e.regarding, e)) },
      metrics: this.metrics,
      logger,
      workers: options.workers ?? DEFAULT_OPERATOR_WORKERS,
      reachability,
      hostPortRange: options.hostPortRange ?? DEFAULT_PORT_RANGE,
      exec: (target, command, execOptions) => podExec(kc, target, command, execOptions),
      cacheSyncPeriodMs: options.cacheSyncPeriodMs ?? DEFAULT_CACHE_SYNC_PERIOD_MS,
    });
    const store = new KubeLeaseStore({ kubeConfig: kc, namespace: options.lease.namespace, name: options.lease.name, countWrite: this.metrics.countApiWrite });
    this.elector = new LeaderElector({ store, identity: options.identity, logger, reachability });
  }

  /** The port /metrics listens on (after start). */
  get port(): number | undefined {
    return this.server?.port;
  }

  async start(): Promise<void> {
    const { logger } = this.options;
    this.server = await startHealthServer({ port: this.options.metricsPort ?? 8080, ready: () => this.cache.synced, metrics: this.metrics, logger });
    await this.cache.start();
    logger.info({ kinds: [...this.cache.informers.keys()].length }, 'Synced caches');
    void this.elector.run({
      onStartedLeading: () => {
        this.leading = true;
        logger.info({ identity: this.options.identity }, 'Started leading');
        this.controllers.start();
      },
      // The lease could not be renewed in time (the apiserver unreachable, or another replica holds it now). The
      // process stays: exiting would leave a single replica down until something restarts it, and nobody else can
      // lead through an outage anyway. Controllers pause before the lease expires for others; the caches stay warm,
      // and keys keep queueing, so leading again resumes where the cluster is.
      onStoppedLeading: () => {
        if (!this.leading) return;
        this.leading = false;
        logger.warn({ identity: this.options.identity }, 'Stopped leading; paused controllers until the lease is held again');
        void this.controllers.pause();
      },
      // Said on standard error too: it is the one line a user starting the operator by hand must read.
      onFatal: (error) => {
        process.stderr.write(`fluid-cdk8s operator: ${error.message}\n`);
        void this.stop().finally(() => process.exit(1));
      },
    });
  }

  async stop(): Promise<void> {
    this.leading = false;
    await this.controllers.stop();
    await this.elector.stop();
    await this.cache.stop();
    await this.server?.close();
  }
}
