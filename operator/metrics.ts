// The operator's Prometheus series, on a registry of its own: the global default registry would be shared
// with every library that registers into it, and two operators in one test process would collide there.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { datasetGaugeValues } from '../constructs/runtimes/cache-figures';
import type { CountApiWrite } from './kube/api-calls';
import type { RuntimeKey } from './reconcilers/runtime-snapshot';
import { CACHE_QUERIES, CacheSyncMetrics } from './sync/cache-sync';
import { Clock, systemClock } from './clock';
import type { OutcomeKind, WorkQueueMetrics } from './work-queue';

/** controller-runtime's reconcile-time buckets (pkg/internal/controller/metrics), in seconds. */
const RECONCILE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60];

/** client-go's workqueue latency buckets: ExponentialBuckets(10e-9, 10, 12), 10 ns to 1000 s. */
const WORKQUEUE_BUCKETS = Array.from({ length: 12 }, (_, i) => Number((10 ** (i - 8)).toPrecision(1)));

/** controller-runtime's `result` label for each of our outcomes (pkg/internal/controller/controller.go). */
const CONTROLLER_RUNTIME_RESULT: Record<OutcomeKind, string> = { done: 'success', requeueAfter: 'requeue_after', retry: 'error', terminal: 'error' };

export interface OperatorMetricsOptions {
  /** Node process metrics (CPU, memory, event loop lag, GC). @default true */
  readonly processMetrics?: boolean;
}

export class OperatorMetrics {
  readonly registry = new Registry();
  readonly reconciles: Counter<'controller' | 'result'>;
  readonly reconcileErrors: Counter<'controller'>;
  readonly workqueueDepth: Gauge<'queue'>;
  readonly apiWrites: Counter<'verb' | 'resource'>;
  readonly reconcileDuration: Histogram<'controller'>;
  // Fluid's own series, names and labels as pkg/metrics declares them, so its dashboards read ours.
  readonly datasetUfsTotalSize: Gauge<'dataset'>;
  readonly datasetUfsFileNum: Gauge<'dataset'>;
  readonly runtimeSetupErrors: Counter<'runtime_type' | 'runtime'>;
  readonly runtimeSyncHealthcheckErrors: Counter<'runtime_type' | 'runtime'>;
  readonly cacheQueryErrors: Counter<'runtime_type' | 'runtime' | 'query'>;
  // controller-runtime's and client-go's series, with their names, labels and buckets, so the dashboards and alerts
  // written for every kubebuilder operator read ours (controller-runtime pkg/internal/controller/metrics,
  // pkg/internal/metrics/workqueue.go, pkg/metrics/client_go_adapter.go and leaderelection.go).
  readonly crReconcileTotal: Counter<'controller' | 'result'>;
  readonly crReconcileErrors: Counter<'controller'>;
  readonly crTerminalReconcileErrors: Counter<'controller'>;
  readonly crReconcileTime: Histogram<'controller'>;
  readonly crMaxConcurrentReconciles: Gauge<'controller'>;
  readonly crActiveWorkers: Gauge<'controller'>;
  readonly wqDepth: Gauge<'name' | 'controller'>;
  readonly wqAdds: Counter<'name' | 'controller'>;
  readonly wqQueueDuration: Histogram<'name' | 'controller'>;
  readonly wqWorkDuration: Histogram<'name' | 'controller'>;
  readonly wqUnfinishedWork: Gauge<'name' | 'controller'>;
  readonly wqLongestRunning: Gauge<'name' | 'controller'>;
  readonly wqRetries: Counter<'name' | 'controller'>;
  readonly restClientRequests: Counter<'code' | 'method' | 'host'>;
  readonly leaderElectionMasterStatus: Gauge<'name'>;
  /** Per queue: when each waiting key became dirty and when each running key was taken, on that queue's clock. */
  private readonly queues = new Map<string, { readonly clock: Clock; readonly added: Map<string, number>; readonly running: Map<string, number> }>();

  constructor(options: OperatorMetricsOptions = {}) {
    const registers = [this.registry];
    this.reconciles = new Counter({ name: 'fluid_cdk8s_reconciles_total', help: 'Reconciles by controller and result (done, requeueAfter, retry, terminal).', labelNames: ['controller', 'result'], registers });
    this.reconcileErrors = new Counter({ name: 'fluid_cdk8s_reconcile_errors_total', help: 'Reconciles that ended in an error (retry or terminal).', labelNames: ['controller'], registers });
    this.workqueueDepth = new Gauge({ name: 'fluid_cdk8s_workqueue_depth', help: 'Keys waiting for a worker.', labelNames: ['queue'], registers });
    this.apiWrites = new Counter({ name: 'fluid_cdk8s_api_writes_total', help: 'Write requests sent to the API server, by verb and resource.', labelNames: ['verb', 'resource'], registers });
    this.reconcileDuration = new Histogram({ name: 'fluid_cdk8s_reconcile_duration_seconds', help: 'Time per reconcile.', labelNames: ['controller'], buckets: RECONCILE_BUCKETS, registers });
    this.datasetUfsTotalSize = new Gauge({ name: 'dataset_ufs_total_size', help: "Total size of the dataset's UFS in bytes, as Dataset.status.ufsTotal shows it.", labelNames: ['dataset'], registers });
    this.datasetUfsFileNum = new Gauge({ name: 'dataset_ufs_file_num', help: "Number of files in the dataset's UFS.", labelNames: ['dataset'], registers });
    this.runtimeSetupErrors = new Counter({ name: 'runtime_setup_error_total', help: 'Reconciles of a runtime that stopped at a setup problem.', labelNames: ['runtime_type', 'runtime'], registers });
    this.runtimeSyncHealthcheckErrors = new Counter({ name: 'runtime_sync_healthcheck_error_total', help: 'Cache sync rounds of a runtime in which a cache query failed.', labelNames: ['runtime_type', 'runtime'], registers });
    this.cacheQueryErrors = new Counter({ name: 'fluid_cdk8s_cache_query_errors_total', help: 'Failed cache queries, by runtime and query.', labelNames: ['runtime_type', 'runtime', 'query'], registers });
    const byController = ['controller'] as const;
    const byQueue = ['name', 'controller'] as const;
    this.crReconcileTotal = new Counter({ name: 'controller_runtime_reconcile_total', help: 'Total number of reconciliations per controller', labelNames: ['controller', 'result'], registers });
    this.crReconcileErrors = new Counter({ name: 'controller_runtime_reconcile_errors_total', help: 'Total number of reconciliation errors per controller', labelNames: byController, registers });
    this.crTerminalReconcileErrors = new Counter({ name: 'controller_runtime_terminal_reconcile_errors_total', help: 'Total number of terminal reconciliation errors per controller', labelNames: byController, registers });
    this.crReconcileTime = new Histogram({ name: 'controller_runtime_reconcile_time_seconds', help: 'Length of time per reconciliation per controller', labelNames: byController, buckets: RECONCILE_BUCKETS, registers });
    this.crMaxConcurrentReconciles = new Gauge({ name: 'controller_runtime_max_concurrent_reconciles', help: 'Maximum number of concurrent reconciles per controller', labelNames: byController, registers });
    this.crActiveWorkers = new Gauge({ name: 'controller_runtime_active_workers', help: 'Number of currently used workers per controller', labelNames: byController, registers });
    this.wqDepth = new Gauge({ name: 'workqueue_depth', help: 'Current depth of workqueue', labelNames: byQueue, registers });
    this.wqAdds = new Counter({ name: 'workqueue_adds_total', help: 'Total number of adds handled by workqueue', labelNames: byQueue, registers });
    this.wqQueueDuration = new Histogram({ name: 'workqueue_queue_duration_seconds', help: 'How long in seconds an item stays in workqueue before being requested', labelNames: byQueue, buckets: WORKQUEUE_BUCKETS, registers });
    this.wqWorkDuration = new Histogram({ name: 'workqueue_work_duration_seconds', help: 'How long in seconds processing an item from workqueue takes.', labelNames: byQueue, buckets: WORKQUEUE_BUCKETS, registers });
    const queues = this.queues;
    // Read at scrape time rather than on a ticker, as client-go's 500 ms loop does: the value is the same and no timer runs.
    this.wqUnfinishedWork = new Gauge({
      name: 'workqueue_unfinished_work_seconds', labelNames: byQueue, registers,
      help: "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. Large values indicate stuck threads.",
      collect() {
        for (const [name, q] of queues) this.set({ name, controller: name }, [...q.running.values()].reduce((sum, at) => sum + (q.clock.now() - at) / 1000, 0));
      },
    });
    this.wqLongestRunning = new Gauge({
      name: 'workqueue_longest_running_processor_seconds', labelNames: byQueue, registers,
      help: 'How many seconds has the longest running processor for workqueue been running.',
      collect() {
        for (const [name, q] of queues) this.set({ name, controller: name }, Math.max(0, ...[...q.running.values()].map((at) => (q.clock.now() - at) / 1000)));
      },
    });
    this.wqRetries = new Counter({ name: 'workqueue_retries_total', help: 'Total number of items added to the workqueue with a non-zero delay (backoff or requeueAfter)', labelNames: byQueue, registers });
    this.restClientRequests = new Counter({ name: 'rest_client_requests_total', help: 'Number of HTTP requests, partitioned by status code, method, and host.', labelNames: ['code', 'method', 'host'], registers });
    this.leaderElectionMasterStatus = new Gauge({
      name: 'leader_election_master_status', labelNames: ['name'], registers,
      help: "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. 'name' is the string used to identify the lease.",
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Hooks for the work queue of `controller` (its name is used for the controller, queue and `name` labels), with
   * `workers` reconciles at once and times read from `clock` (the queue's). Every series of the controller starts
   * at zero, as controller-runtime's do, so a rate() over a fresh operator is 0 rather than missing.
   */
  queueMetrics(controller: string, workers: number, clock: Clock = systemClock): WorkQueueMetrics {
    const queue = { name: controller, controller };
    const state = { clock, added: new Map<string, number>(), running: new Map<string, number>() };
    this.queues.set(controller, state);
    for (const result of ['success', 'error', 'requeue', 'requeue_after']) this.crReconcileTotal.inc({ controller, result }, 0);
    this.crReconcileErrors.inc({ controller }, 0);
    this.crTerminalReconcileErrors.inc({ controller }, 0);
    this.crMaxConcurrentReconciles.set({ controller }, workers);
    this.crActiveWorkers.set({ controller }, 0);
    this.wqAdds.inc(queue, 0);
    this.wqRetries.inc(queue, 0);
    this.wqDepth.set(queue, 0);
    return {
      depth: (depth: number) => {
        this.workqueueDepth.set({ queue: controller }, depth);
        this.wqDepth.set(queue, depth);
      },
      reconciled: (result: OutcomeKind, durationMs: number) => {
        this.reconciles.inc({ controller, result });
        if (result === 'retry' || result === 'terminal') this.reconcileErrors.inc({ controller });
        this.reconcileDuration.observe({ controller }, durationMs / 1000);
        this.crReconcileTotal.inc({ controller, result: CONTROLLER_RUNTIME_RESULT[result] });
        if (result === 'retry' || result === 'terminal') this.crReconcileErrors.inc({ controller });
        if (result === 'terminal') this.crTerminalReconcileErrors.inc({ controller });
        this.crReconcileTime.observe({ controller }, durationMs / 1000);
      },
      added: (key) => {
        this.wqAdds.inc(queue);
        if (!state.added.has(key)) state.added.set(key, clock.now());
      },
      started: (key) => {
        const at = state.added.get(key);
        state.added.delete(key);
        if (at !== undefined) this.wqQueueDuration.observe(queue, (clock.now() - at) / 1000);
        state.running.set(key, clock.now());
        this.crActiveWorkers.set({ controller }, state.running.size);
      },
      finished: (key) => {
        const at = state.running.get(key);
        state.running.delete(key);
        if (at !== undefined) this.wqWorkDuration.observe(queue, (clock.now() - at) / 1000);
        this.crActiveWorkers.set({ controller }, state.running.size);
      },
      delayed: () => this.wqRetries.inc(queue),
    };
  }

  /** The hook of a KubeConfig made by observedKubeConfig: one count per request, as client-go's transport counts. */
  readonly countRequest = (request: { readonly code: string; readonly method: string; readonly host: string }): void => {
    this.restClientRequests.inc({ code: request.code, method: request.method, host: request.host });
  };

  /** Whether this replica holds the lease `name` (1) or stands by (0). */
  setLeader(name: string, leading: boolean): void {
    this.leaderElectionMasterStatus.set({ name }, leading ? 1 : 0);
  }

  /** A runtime's setup stopped at a problem (Fluid counts these in pkg/ddc/base/setup.go). */
  countSetupError(runtime: RuntimeKey): void {
    this.runtimeSetupErrors.inc(runtimeLabels(runtime));
  }

  /** The runtime is gone: its series go with it (Fluid's runtime controller forgets them on deletion). */
  forgetRuntime(runtime: RuntimeKey): void {
    const labels = runtimeLabels(runtime);
    this.runtimeSetupErrors.remove(labels);
    this.runtimeSyncHealthcheckErrors.remove(labels);
    for (const query of Object.values(CACHE_QUERIES)) this.cacheQueryErrors.remove({ ...labels, query });
  }

  /** The hooks of the cache sync. */
  readonly cacheSync: CacheSyncMetrics = {
    queryFailed: (runtime, query) => {
      this.cacheQueryErrors.inc({ ...runtimeLabels(runtime), query });
      this.runtimeSyncHealthcheckErrors.inc(runtimeLabels(runtime));
    },
    datasetUfs: (dataset, status) => {
      const labels = { dataset: `${dataset.namespace}/${dataset.name}` };
      const values = datasetGaugeValues(status);
      if (values.ufsTotalSize !== undefined) this.datasetUfsTotalSize.set(labels, values.ufsTotalSize);
      if (values.fileNum !== undefined) this.datasetUfsFileNum.set(labels, values.fileNum);
    },
    // The runtime no longer serves its Dataset (same namespace and name): the Dataset's series go, as in Fluid.
    forget: (runtime) => {
      const dataset = { dataset: `${runtime.namespace}/${runtime.name}` };
      this.datasetUfsTotalSize.remove(dataset);
      this.datasetUfsFileNum.remove(dataset);
    },
  };

  /** The hook kube/ modules call for each write. */
  readonly countApiWrite: CountApiWrite = (verb, resource) => this.apiWrites.inc({ verb, resource });

  /** Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Fluid's runtime labels: the kind lowercased and namespace/name (pkg/metrics/runtime_metrics.go). */
function runtimeLabels(runtime: RuntimeKey): { runtime_type: string; runtime: string } {
  return { runtime_type: runtime.kind.toLowerCase(), runtime: `${runtime.namespace}/${runtime.name}` };
}
