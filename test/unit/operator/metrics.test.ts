import * as k8s from '@kubernetes/client-node';
import { apiErrorFields } from '../../../operator/kube/api-calls';
import { OperatorMetrics } from '../../../operator/metrics';

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
    const hooks = metrics.queueMetrics('dataset');
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
