// The operator process: caches, controllers, leader election, health and metrics, and a clean stop.
import type * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import type { EngineSettings } from '../constructs/runtimes/runtime-engine';
import { ClusterCache } from './cluster-cache';
import { Controllers } from './controllers';
import { HealthServer, startHealthServer } from './health-server';
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
  /** Reconcile workers per controller. @default 3 */
  readonly workers?: number;
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
  /** Serve the pod admission webhook on every replica. @default - no webhook */
  readonly webhook?: WebhookOptions;
}

export const DEFAULT_CACHE_SYNC_PERIOD_MS = 60_000;
const WEBHOOK_RETRY_MS = 10_000;

export class Operator {
  private readonly metrics = new OperatorMetrics();
  private readonly cache: ClusterCache;
  private readonly controllers: Controllers;
  private readonly elector: LeaderElector;
  private server?: HealthServer;
  private webhook?: PodWebhook;
  private leading = false;

  constructor(private readonly options: OperatorOptions) {
    const { kc, logger } = options;
    const catalog = new ResourceCatalog(options.registry.definitions());
    this.cache = new ClusterCache(kc, catalog, options.registry, logger);
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
      workers: options.workers ?? 3,
      hostPortRange: options.hostPortRange ?? DEFAULT_PORT_RANGE,
      exec: (target, command, execOptions) => podExec(kc, target, command, execOptions),
      cacheSyncPeriodMs: options.cacheSyncPeriodMs ?? DEFAULT_CACHE_SYNC_PERIOD_MS,
    });
    const store = new KubeLeaseStore({ kubeConfig: kc, namespace: options.lease.namespace, name: options.lease.name, countWrite: this.metrics.countApiWrite });
    this.elector = new LeaderElector({ store, identity: options.identity, logger });
  }

  /** The port the pod webhook listens on (after start), if it runs. */
  get webhookPort(): number | undefined {
    return this.webhook?.port;
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
    void this.elector.run({
      onStartedLeading: () => {
        this.leading = true;
        logger.info({ identity: this.options.identity }, 'Started leading');
        this.controllers.start();
      },
      // A replica that lost the lease may hold stale decisions in flight: exit and let the pod restart clean.
      onStoppedLeading: () => {
        if (!this.leading) return;
        logger.warn({ identity: this.options.identity }, 'Stopped leading; exiting');
        void this.stop().finally(() => process.exit(1));
      },
    });
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
    await this.elector.stop();
    const webhook = this.webhook;
    this.webhook = undefined;
    await webhook?.stop();
    await this.cache.stop();
    await this.server?.close();
  }
}
