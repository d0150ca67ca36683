// client-go's rest_client_requests_total for every way the operator talks to the apiserver: our own HTTPS requests,
// the generated clients, listObjects and watches, each counted once with its status code, verb and host.
import * as k8s from '@kubernetes/client-node';
import { kubeRequest } from '../../operator/kube/kube-request';
import { listObjects } from '../../operator/kube/list-objects';
import { ObservedKubeConfig, ObservedRequest } from '../../operator/kube/observed-kube-config';
import { OperatorMetrics } from '../../operator/metrics';
import { done, loadKubeConfig, notYet, waitFor } from './support/cluster-client';

test('every client path is counted by code, method and host, and reaches rest_client_requests_total', async () => {
  const seen: ObservedRequest[] = [];
  const metrics = new OperatorMetrics({ processMetrics: false });
  const kc = new ObservedKubeConfig(loadKubeConfig(), (r) => {
    seen.push(r);
    metrics.countRequest(r);
  });
  const host = new URL(kc.getCurrentCluster()!.server).host;

  await kubeRequest(kc, 'GET', '/api/v1/namespaces/default');
  await listObjects(kc, '/api/v1/namespaces');
  await expect(kc.makeApiClient(k8s.CoreV1Api).readNamespace({ name: 'no-such-namespace-fluid-cdk8s' })).rejects.toMatchObject({ code: 404 });
  const opened: string[] = [];
  const watch = await new k8s.Watch(kc).watch('/api/v1/namespaces', { timeoutSeconds: 5 }, (type) => void opened.push(type), () => undefined);
  await waitFor('the watch to deliver the existing namespaces', 30_000, async () => (opened.length > 0 ? done(true) : notYet('no event yet')));
  watch.abort();

  expect(seen).toEqual([
    { code: '200', method: 'GET', host },
    { code: '200', method: 'GET', host },
    { code: '404', method: 'GET', host },
    { code: '200', method: 'GET', host },
  ]);
  const text = await metrics.text();
  expect(text).toContain(`rest_client_requests_total{code="200",method="GET",host="${host}"} 3`);
  expect(text).toContain(`rest_client_requests_total{code="404",method="GET",host="${host}"} 1`);
});
