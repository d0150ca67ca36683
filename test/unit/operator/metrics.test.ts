import * as k8s from '@kubernetes/client-node';
import { apiErrorFields } from '../../../operator/kube/api-calls';
import { OperatorMetrics } from '../../../operator/metrics';
import { ExponentialBackoffLimiter } from '../../../operator/rate-limiter';
import { Outcome, WorkQueue } from '../../../operator/work-queue';
import { silentLogger } from '../../support/capture-logger';
import { FakeClock, settle } from '../../support/fake-clock';

/** The value of one series in the exposition text, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("controller-runtime's and client-go's series", () => {
  function queueWithMetrics(metrics: OperatorMetrics, clock: FakeClock): WorkQueue {
    return new WorkQueue({
      name: 'dataset', logger: silentLogger, clock, workers: 2, metrics: metrics.queueMetrics('dataset', 2, clock),
      rateLimiter: new ExponentialBackoffLimiter({ baseDelayMs: 100, maxDelayMs: 10_000, jitter: 0 }),
    });
  }

  test('exist at zero for each controller before any reconcile, as controller-runtime initialises them', async () => {
    const metrics = new OperatorMetrics({ processMetrics: false });
    metrics.queueMetrics('runtime', 3);
    const text = await metrics.text();
    for (const result of ['success', 'error', 'requeue', 'requeue_after']) expect(sample(text, `controller_runtime_reconcile_total{controller="runtime",result="${result}"}`)).toBe(0);
    expect(sample(text, 'controller_runtime_max_concurrent_reconciles{controller="runtime"}')).toBe(3);
    expect(sample(text, 'controller_runtime_active_workers{controller="runtime"}')).toBe(0);
    expect(sample(text, 'workqueue_adds_total{name="runtime",controller="runtime"}')).toBe(0);
    expect(sample(text, 'workqueue_depth{name="runtime",controller="runtime"}')).toBe(0);
    expect(text).toContain('# TYPE controller_runtime_reconcile_time_seconds histogram');
    expect(text).toContain('# TYPE workqueue_queue_duration_seconds histogram');
  });

  test('a queue and its reconciles fill them: adds, time in queue, work time, unfinished work, retries, results', async () => {
    const clock = new FakeClock();
    const metrics = new OperatorMetrics({ processMetrics: false });
    const queue = queueWithMetrics(metrics, clock);
    const finish: ((o: Outcome) => void)[] = [];
    queue.add('team-a/other');
    queue.add('team-a/other'); // a duplicate of a waiting key is no add
    queue.addAfter('team-a/imagenet', 50);
    queue.run(() => new Promise<Outcome>((resolve) => finish.push(resolve)));
    await clock.advance(50);
    // Both run now; 'other' waited no time in the queue, 'imagenet' none after its delay ended.
    await clock.advance(3_000);
    let text = await metrics.text();
    expect(sample(text, 'workqueue_adds_total{name="dataset",controller="dataset"}')).toBe(2);
    expect(sample(text, 'workqueue_retries_total{name="dataset",controller="dataset"}')).toBe(1);
    expect(sample(text, 'workqueue_queue_duration_seconds_count{name="dataset",controller="dataset"}')).toBe(2);
    expect(sample(text, 'controller_runtime_active_workers{controller="dataset"}')).toBe(2);
    // Read at scrape time from the queue's clock: 'other' has run 3.05 s, 'imagenet' 3 s.
    expect(sample(text, 'workqueue_unfinished_work_seconds{name="dataset",controller="dataset"}')).toBeCloseTo(6.05, 5);
    expect(sample(text, 'workqueue_longest_running_processor_seconds{name="dataset",controller="dataset"}')).toBeCloseTo(3.05, 5);

    finish.shift()!({ kind: 'retry', error: new Error('boom') });
    finish.shift()!({ kind: 'requeueAfter', ms: 1_000 });
    await settle();
    text = await metrics.text();
    expect(sample(text, 'controller_runtime_reconcile_total{controller="dataset",result="error"}')).toBe(1);
    expect(sample(text, 'controller_runtime_reconcile_total{controller="dataset",result="requeue_after"}')).toBe(1);
    expect(sample(text, 'controller_runtime_reconcile_errors_total{controller="dataset"}')).toBe(1);
    expect(sample(text, 'controller_runtime_reconcile_time_seconds_count{controller="dataset"}')).toBe(2);
    expect(sample(text, 'controller_runtime_reconcile_time_seconds_bucket{le="5",controller="dataset"}')).toBe(2);
    expect(sample(text, 'controller_runtime_reconcile_time_seconds_bucket{le="2.5",controller="dataset"}')).toBe(0);
    expect(sample(text, 'workqueue_work_duration_seconds_count{name="dataset",controller="dataset"}')).toBe(2);
    // The backoff and the requeueAfter are both delayed adds.
    expect(sample(text, 'workqueue_retries_total{name="dataset",controller="dataset"}')).toBe(3);
    expect(sample(text, 'workqueue_unfinished_work_seconds{name="dataset",controller="dataset"}')).toBe(0);
    expect(sample(text, 'controller_runtime_active_workers{controller="dataset"}')).toBe(0);

    await clock.advance(1_000);
    finish.splice(0).forEach((f) => f({ kind: 'terminal', error: new Error('spec.mounts: required') }));
    await settle();
    text = await metrics.text();
    expect(sample(text, 'controller_runtime_terminal_reconcile_errors_total{controller="dataset"}')).toBe(2);
    expect(sample(text, 'controller_runtime_reconcile_total{controller="dataset",result="error"}')).toBe(3);
    await queue.shutdown();
  });

  test("client-go's workqueue buckets run from 10 ns to 1000 s by tens", async () => {
    const metrics = new OperatorMetrics({ processMetrics: false });
    const hooks = metrics.queueMetrics('dataset', 1);
    hooks.added!('k');
    hooks.started!('k');
    const text = await metrics.text();
    const les = [...text.matchAll(/^workqueue_queue_duration_seconds_bucket\{le="([^"]+)"/gm)].map((m) => m[1]);
    expect(les).toEqual(['1e-8', '1e-7', '0.000001', '0.00001', '0.0001', '0.001', '0.01', '0.1', '1', '10', '100', '1000', '+Inf']);
  });

  test('leader_election_master_status is 1 while leading and 0 otherwise, by lease name', async () => {
    const metrics = new OperatorMetrics({ processMetrics: false });
    metrics.setLeader('fluid-cdk8s-operator', false);
    expect(sample(await metrics.text(), 'leader_election_master_status{name="fluid-cdk8s-operator"}')).toBe(0);
    metrics.setLeader('fluid-cdk8s-operator', true);
    expect(sample(await metrics.text(), 'leader_election_master_status{name="fluid-cdk8s-operator"}')).toBe(1);
  });

  test('rest_client_requests_total counts by code, method and host', async () => {
    const metrics = new OperatorMetrics({ processMetrics: false });
    metrics.countRequest({ code: '200', method: 'GET', host: '127.0.0.1:6443' });
    metrics.countRequest({ code: '200', method: 'GET', host: '127.0.0.1:6443' });
    metrics.countRequest({ code: '<error>', method: 'PATCH', host: '127.0.0.1:6443' });
    const text = await metrics.text();
    expect(sample(text, 'rest_client_requests_total{code="200",method="GET",host="127.0.0.1:6443"}')).toBe(2);
    expect(sample(text, 'rest_client_requests_total{code="<error>",method="PATCH",host="127.0.0.1:6443"}')).toBe(1);
  });
});

describe('OperatorMetrics', () => {
  test('exposes the operator series and process metrics on its own registry', async () => {
    const metrics = new OperatorMetrics();
    const text = await metrics.text();
    for (const name of ['fluid_cdk8s_reconciles_total', 'fluid_cdk8s_reconcile_errors_total', 'fluid_cdk8s_workqueue_depth',
      'fluid_cdk8s_api_writes_total', 'fluid_cdk8s_reconcile_duration_seconds', 'process_cpu_user_seconds_total']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  test('two instances do not collide (no global registry)', () => {
    expect(() => [new OperatorMetrics(), new OperatorMetrics()]).not.toThrow();
  });

  test('queue hooks count reconciles by result, errors, duration and depth', async () => {
    const metrics = new OperatorMetrics({ processMetrics: false });
    const hooks = metrics.queueMetrics('dataset', 3);
    hooks.depth(4);
    hooks.reconciled('done', 20);
    hooks.reconciled('retry', 1_500);
    hooks.reconciled('terminal', 5);
    const text = await metrics.text();
    expect(text).toContain('fluid_cdk8s_workqueue_depth{queue="dataset"} 4');
    expect(text).toContain('fluid_cdk8s_reconciles_total{controller="dataset",result="done"} 1');
    expect(text).toContain('fluid_cdk8s_reconciles_total{controller="dataset",result="retry"} 1');
    expect(text).toContain('fluid_cdk8s_reconcile_errors_total{controller="dataset"} 2');
    expect(text).toContain('fluid_cdk8s_reconcile_duration_seconds_count{controller="dataset"} 3');
    expect(text).toContain('fluid_cdk8s_reconcile_duration_seconds_bucket{le="1.5",controller="dataset"} 3');
  });

  test('the write hook counts by verb and resource', async () => {
    const metrics = new OperatorMetrics({ processMetrics: false });
    metrics.countApiWrite('create', 'events');
    metrics.countApiWrite('create', 'events');
    metrics.countApiWrite('update', 'leases');
    const text = await metrics.text();
    expect(text).toContain('fluid_cdk8s_api_writes_total{verb="create",resource="events"} 2');
    expect(text).toContain('fluid_cdk8s_api_writes_total{verb="update",resource="leases"} 1');
  });

  test("Fluid's series carry Fluid's names and labels, and go with the runtime", async () => {
    const metrics = new OperatorMetrics({ processMetrics: false });
    const runtime = { kind: 'AlluxioRuntime', namespace: 'team-a', name: 'hbase' };
    metrics.countSetupError(runtime);
    metrics.cacheSync.queryFailed(runtime, 'cache figures');
    metrics.cacheSync.queryFailed(runtime, 'cache figures');
    metrics.cacheSync.datasetUfs(runtime, { ufsTotal: '1.50GiB', fileNum: '42' });
    let text = await metrics.text();
    expect(text).toContain('runtime_setup_error_total{runtime_type="alluxioruntime",runtime="team-a/hbase"} 1');
    expect(text).toContain('runtime_sync_healthcheck_error_total{runtime_type="alluxioruntime",runtime="team-a/hbase"} 2');
    expect(text).toContain('fluid_cdk8s_cache_query_errors_total{runtime_type="alluxioruntime",runtime="team-a/hbase",query="cache figures"} 2');
    expect(text).toContain('dataset_ufs_total_size{dataset="team-a/hbase"} 1610612736');
    expect(text).toContain('dataset_ufs_file_num{dataset="team-a/hbase"} 42');
    // "[Calculating]" sets no gauge.
    metrics.cacheSync.datasetUfs({ namespace: 'team-a', name: 'other' }, { ufsTotal: '[Calculating]', fileNum: '[Calculating]' });
    expect(await metrics.text()).not.toContain('team-a/other');
    metrics.cacheSync.forget(runtime);
    metrics.forgetRuntime(runtime);
    text = await metrics.text();
    expect(text).not.toContain('team-a/hbase');
    expect(text).not.toMatch(/runtime_setup_error_total\{/);
  });
});

describe('apiErrorFields', () => {
  test("keeps the status code and the Status message, not client-node's whole-response message", () => {
    const err = new k8s.ApiException(409, 'Unsuccessful HTTP Request ... (headers and body)', { kind: 'Status', message: 'leases "x" already exists' }, {});
    expect(apiErrorFields(err)).toEqual({ code: 409, error: 'leases "x" already exists' });
    expect(apiErrorFields(new k8s.ApiException(500, 'm', '{"message":"etcd timeout"}', {}))).toEqual({ code: 500, error: 'etcd timeout' });
    expect(apiErrorFields(new Error('ECONNREFUSED'))).toEqual({ error: 'ECONNREFUSED' });
  });
});
