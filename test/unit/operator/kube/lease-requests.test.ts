// The Lease store's calls: given up after their timeout when the apiserver never answers, and never held back by
// the client rate limit that reconcile writes go through.
import * as k8s from '@kubernetes/client-node';
import * as http from 'node:http';
import * as net from 'node:net';
import { KubeLeaseStore } from '../../../../operator/kube/lease';
import { KubeRequestTimeout, limitRequests } from '../../../../operator/kube/kube-request';
import { unreachableCause } from '../../../../operator/kube/api-reachability';

function kubeConfig(server: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }], users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x',
  });
  return kc;
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

describe('KubeLeaseStore requests', () => {
  const servers: net.Server[] = [];
  const sockets: net.Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('gives up a call the apiserver never answers after requestTimeoutMs, as a connection problem', async () => {
    // Accepts connections and says nothing: not even the TLS handshake completes.
    const silent = net.createServer((socket) => void sockets.push(socket));
    servers.push(silent);
    const port = await listen(silent);
    const store = new KubeLeaseStore({ kubeConfig: kubeConfig(`https://127.0.0.1:${port}`), namespace: 'fluid-system', name: 'leader', requestTimeoutMs: 300 });
    const started = Date.now();
    const err = await store.read().then(() => undefined, (e: unknown) => e);
    const tookMs = Date.now() - started;
    expect(err).toBeInstanceOf(KubeRequestTimeout);
    expect((err as Error).message).toBe('GET /apis/coordination.k8s.io/v1/namespaces/fluid-system/leases/leader: no answer within 300 ms');
    expect(tookMs).toBeGreaterThanOrEqual(290);
    expect(tookMs).toBeLessThan(5000);
    // The elector's reachability tracker takes it for an unreachable apiserver, as a refused connection.
    expect(unreachableCause(err)).toMatch(/ETIMEDOUT/);
  });

  it('is not held back by the client rate limit', async () => {
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'leader', namespace: 'fluid-system', resourceVersion: '7' }, spec: { holderIdentity: 'a', renewTime: '2026-12-03T10:00:00.000000Z' } };
    const paths: string[] = [];
    const apiserver = http.createServer((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(lease));
    });
    servers.push(apiserver);
    const kc = kubeConfig(`http://127.0.0.1:${await listen(apiserver)}`);
    // One request per 1000 s: a throttled second read would wait that long.
    limitRequests(kc, { qps: 0.001, burst: 1 });
    const store = new KubeLeaseStore({ kubeConfig: kc, namespace: 'fluid-system', name: 'leader', requestTimeoutMs: 2000 });
    for (let i = 0; i < 3; i++) expect(await store.read()).toMatchObject({ holderIdentity: 'a', resourceVersion: '7', renewTimeMs: Date.parse('2026-12-03T10:00:00Z') });
    expect(await store.replace({ holderIdentity: 'a', resourceVersion: '7', renewTimeMs: 1 })).toMatchObject({ resourceVersion: '7' });
    expect(paths).toEqual([...Array(3).fill('GET /apis/coordination.k8s.io/v1/namespaces/fluid-system/leases/leader'), 'PUT /apis/coordination.k8s.io/v1/namespaces/fluid-system/leases/leader']);
  });
});
