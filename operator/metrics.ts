// The operator's Prometheus series, on a registry of its own: the global default registry would be shared
// with every library that registers into it, and two operators in one test process would collide there.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { datasetGaugeValues } from '../constructs/runtimes/cache-figures';
import type { CountApiWrite } from './kube/api-calls';
import type { RuntimeKey } from './reconcilers/runtime-snapshot';
import { CACHE_QUERIES, CacheSyncMetrics } from './sync/cache-sync';
import type { OutcomeKind, WorkQueueMetrics } from './work-queue';

/** controller-runtime's reconcile-time buckets (pkg/internal/controller/metrics), in seconds. */
const RECONCILE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60];

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
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Hooks for the work queue of `controller` (its name is used for both the controller and queue labels). */
  queueMetrics(controller: string): WorkQueueMetrics {
    return {
      depth: (depth: number) => this.workqueueDepth.set({ queue: controller }, depth),
      reconciled: (result: OutcomeKind, durationMs: number) => {
        this.reconciles.inc({ controller, result });
        if (result === 'retry' || result === 'terminal') this.reconcileErrors.inc({ controller });
        this.reconcileDuration.observe({ controller }, durationMs / 1000);
      },
    };
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
