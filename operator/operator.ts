// The operator process: caches, controllers, leader election, health and metrics, and a clean stop.
import type * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import type { EngineSettings } from '../constructs/runtimes/runtime-engine';
import { ClusterCache } from './cluster-cache';
import { Controllers } from './controllers';
import { BindAddress, sameAddress, SERVER_OFF } from './bind-address';
import { HealthServer, startHealthServer } from './health-server';
import { ApiReachability } from './kube/api-reachability';
import { ClientRateLimit, limitRequests } from './kube/kube-request';
import { ObservedKubeConfig } from './kube/observed-kube-config';
import { EventRecorder } from './kube/events';
import { KubeLeaseStore } from './kube/lease';
import { ResourceCatalog } from './kube/resources';
import { LeaderElector } from './leader-election';
import { OperatorMetrics } from './metrics';
import { podExec } from './kube/pod-exec';
import { DEFAULT_PORT_RANGE, PortRange } from './reconcilers/host-ports';
import { PodWebhook, PodWebhookOptions } from '../webhook/pod-webhook';

/** The pod webhook's own settings; the operator adds its caches, engines and logger. */
export type WebhookOptions = Omit<PodWebhookOptions, 'kubeConfig' | 'view' | 'registry' | 'settings' | 'logger' | 'countWrite'>;

export interface OperatorOptions {
  readonly kc: k8s.KubeConfig;
  readonly registry: EngineRegistry;
  readonly settings: EngineSettings;
  readonly logger: Logger;
  /** Reconcile workers per controller. @default DEFAULT_OPERATOR_WORKERS */
  readonly workers?: number;
  /** Client-side limit on the operator's requests (--kube-api-qps, --kube-api-burst). @default DEFAULT_CLIENT_RATE_LIMIT */
  readonly clientRateLimit?: ClientRateLimit;
  /** Where /metrics listens, or 'off'. @default metricsPort's address, else :8080 (controller-runtime's) */
  readonly metricsAddress?: BindAddress | typeof SERVER_OFF;
  /** Where /healthz and /readyz listen, or 'off'; the metrics address means one server for all three. @default metricsPort's address, else :8081 */
  readonly healthAddress?: BindAddress | typeof SERVER_OFF;
  /** One port for /healthz, /readyz and /metrics (the older form of the two addresses); 0 picks a free one. */
  readonly metricsPort?: number;
  /** Namespace and name of the leader-election Lease. */
  readonly lease: { readonly namespace: string; readonly name: string };
  /** Compete for the Lease and reconcile only while holding it; false reconciles at once (one replica only). @default true */
  readonly leaderElect?: boolean;
  /** Unique per replica (the pod name in a cluster). */
  readonly identity: string;
  /** Where runtimes on the host network get their ports. @default 20000-26000, Fluid's Alluxio range */
  readonly hostPortRange?: PortRange;
  /** Between two cache sync rounds of one bound runtime. @default 60 s, Fluid's */
  readonly cacheSyncPeriodMs?: number;
  /** Serve the pod admission webhook on every replica. @default - no webhook */
  readonly webhook?: WebhookOptions;
}

export const DEFAULT_CACHE_SYNC_PERIOD_MS = 60_000;
const WEBHOOK_RETRY_MS = 10_000;

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

/** controller-runtime's (and kubebuilder's scaffold's) ports for metrics and probes. */
export const DEFAULT_METRICS_PORT = 8080;
export const DEFAULT_HEALTH_PROBE_PORT = 8081;

/** A listening server and the paths it answers. */
export interface Listening {
  readonly port: number;
  readonly paths: readonly string[];
}

export class Operator {
  private readonly metrics = new OperatorMetrics();
  private readonly cache: ClusterCache;
  private readonly controllers: Controllers;
  private readonly elector: LeaderElector;
  private readonly servers: { readonly server: HealthServer; readonly paths: readonly string[] }[] = [];
  private webhook?: PodWebhook;
  private leading = false;

  constructor(private readonly options: OperatorOptions) {
    const { logger } = options;
    const kc = new ObservedKubeConfig(options.kc, this.metrics.countRequest);
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

  /** The port the pod webhook listens on (after start), if it runs. */
  get webhookPort(): number | undefined {
    return this.webhook?.port;
  }

  /** The port /metrics listens on (after start), if it is served. */
  get port(): number | undefined {
    return this.servers.find((s) => s.paths.includes('/metrics'))?.server.port;
  }

  /** The servers started, each with the paths it answers. */
  get listening(): readonly Listening[] {
    return this.servers.map((s) => ({ port: s.server.port, paths: s.paths }));
  }

  async start(): Promise<void> {
    const { logger } = this.options;
    await this.serve();
    await this.cache.start();
    logger.info({ kinds: [...this.cache.informers.keys()].length }, 'Synced caches');
    if (this.options.webhook) {
      // Every replica serves admissions from its own caches; only the leader reconciles.
      this.webhook = new PodWebhook({
        ...this.options.webhook,
        kubeConfig: this.options.kc,
        view: this.cache,
        registry: this.options.registry,
        settings: this.options.settings,
        logger,
        countWrite: this.metrics.countApiWrite,
      });
      void this.startWebhook(this.webhook);
    }
    if (this.options.leaderElect === false) {
      this.leading = true;
      logger.info({ identity: this.options.identity }, 'Started without leader election');
      this.controllers.start();
      return;
    }
    const lease = this.options.lease.name;
    this.metrics.setLeader(lease, false);
    void this.elector.run({
      onStartedLeading: () => {
        this.leading = true;
        this.metrics.setLeader(lease, true);
        logger.info({ identity: this.options.identity }, 'Started leading');
        this.controllers.start();
      },
      // The lease could not be renewed in time (the apiserver unreachable, or another replica holds it now). The
      // process stays: exiting would leave a single replica down until something restarts it, and nobody else can
      // lead through an outage anyway. Controllers pause before the lease expires for others; the caches stay warm,
      // and keys keep queueing, so leading again resumes where the cluster is.
      onStoppedLeading: () => {
        this.metrics.setLeader(lease, false);
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

  /** /metrics and the probes: on one server when their addresses are the same, else on two. */
  private async serve(): Promise<void> {
    const { logger, metricsPort } = this.options;
    const single = metricsPort === undefined ? undefined : { host: '0.0.0.0', port: metricsPort };
    const metricsAt = this.options.metricsAddress ?? single ?? { host: '0.0.0.0', port: DEFAULT_METRICS_PORT };
    const healthAt = this.options.healthAddress ?? single ?? { host: '0.0.0.0', port: DEFAULT_HEALTH_PROBE_PORT };
    const ready = () => this.cache.synced;
    if (metricsAt !== SERVER_OFF && healthAt !== SERVER_OFF && sameAddress(metricsAt, healthAt)) {
      const server = await startHealthServer({ ...metricsAt, ready, metrics: this.metrics, logger });
      this.servers.push({ server, paths: ['/healthz', '/readyz', '/metrics'] });
      return;
    }
    if (healthAt !== SERVER_OFF) this.servers.push({ server: await startHealthServer({ ...healthAt, ready, logger }), paths: ['/healthz', '/readyz'] });
    if (metricsAt !== SERVER_OFF) this.servers.push({ server: await startHealthServer({ ...metricsAt, metrics: this.metrics, logger }), paths: ['/metrics'] });
  }

  /**
   * The webhook never holds up reconciling: a failure (its Secret or configuration not writable yet) is logged and
   * retried, and pods are admitted unmutated meanwhile (failurePolicy Ignore).
   */
  private async startWebhook(webhook: PodWebhook): Promise<void> {
    for (;;) {
      try {
        await webhook.start();
        return;
      } catch (err) {
        if (this.webhook !== webhook) return;
        this.options.logger.error({ err }, 'Starting the pod webhook failed; retrying in 10 s');
        await new Promise((resolve) => setTimeout(resolve, WEBHOOK_RETRY_MS).unref());
        if (this.webhook !== webhook) return;
      }
    }
  }

  async stop(): Promise<void> {
    this.leading = false;
    await this.controllers.stop();
    if (this.options.leaderElect !== false) await this.elector.stop();
    const webhook = this.webhook;
    this.webhook = undefined;
    await webhook?.stop();
    await this.cache.stop();
    await Promise.all(this.servers.map((s) => s.server.close()));
  }
}
