import * as k8s from '@kubernetes/client-node';
import { createServer } from 'node:net';
import { operatorSettings, OperatorFlags } from '../../../cli/operator';
import { parseBindAddress } from '../../../operator/bind-address';
import { kubeRequest } from '../../../operator/kube/kube-request';
import { listObjects } from '../../../operator/kube/list-objects';
import { ObservedKubeConfig, ObservedRequest } from '../../../operator/kube/observed-kube-config';

describe("controller-runtime's bind addresses", () => {
  test('accept :port, host:port and [v6]:port; 0 turns the server off', () => {
    expect(parseBindAddress(':8080')).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(parseBindAddress('127.0.0.1:9090')).toEqual({ host: '127.0.0.1', port: 9090 });
    expect(parseBindAddress('[::1]:8081')).toEqual({ host: '::1', port: 8081 });
    expect(parseBindAddress(':0')).toEqual({ host: '0.0.0.0', port: 0 });
    expect(parseBindAddress('0')).toBe('off');
  });

  test('refuse anything else, saying what is accepted', () => {
    for (const bad of ['8080', 'localhost', ':99999', ':http']) {
      expect(() => parseBindAddress(bad)).toThrow(`expected [host]:port (e.g. ":8080" or "127.0.0.1:8080") or 0 for off, got "${bad}"`);
    }
  });
});

describe('operator flags', () => {
  const base: OperatorFlags = { workers: 3, kubeApiQps: 200, kubeApiBurst: 400, leaderElect: true, logLevel: 'info', engine: [], runtimeNodePortRange: { first: 20000, last: 26000 } as never, cacheSyncPeriod: 60 };

  test('the older names still work: --lease-namespace and --metrics-port', () => {
    expect(operatorSettings({ ...base, leaseNamespace: 'ops', metricsPort: 9000 })).toMatchObject({ lease: { namespace: 'ops' }, metricsPort: 9000, metricsAddress: undefined });
    expect(operatorSettings(base).lease).toEqual({ namespace: 'fluid-system', name: 'fluid-cdk8s-operator' });
  });

  test('the newer names win over the older ones', () => {
    const settings = operatorSettings({ ...base, leaseNamespace: 'old', leaderElectionNamespace: 'new', metricsBindAddress: { host: '0.0.0.0', port: 8443 }, leaderElect: false });
    expect(settings).toMatchObject({ lease: { namespace: 'new' }, metricsAddress: { port: 8443 }, leaderElect: false });
  });
});

describe('ObservedKubeConfig', () => {
  /** A loopback port nothing listens on. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  function config(server: string, skipTLSVerify: boolean, seen: ObservedRequest[]): ObservedKubeConfig {
    const source = new k8s.KubeConfig();
    source.loadFromOptions({
      clusters: [{ name: 'c', server, skipTLSVerify }], users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x',
    });
    return new ObservedKubeConfig(source, (r) => seen.push(r));
  }

  test.each([true, false])('reports a request that got no answer as <error>, through fetch (skipTLSVerify %s) and through kubeRequest', async (skipTLSVerify) => {
    const port = await closedPort();
    const seen: ObservedRequest[] = [];
    const kc = config(`https://127.0.0.1:${port}`, skipTLSVerify, seen);
    await expect(listObjects(kc, '/api/v1/namespaces')).rejects.toThrow();
    await expect(kubeRequest(kc, 'PATCH', '/api/v1/namespaces/a', {})).rejects.toThrow(/ECONNREFUSED/);
    expect(seen).toEqual([
      { code: '<error>', method: 'GET', host: `127.0.0.1:${port}` },
      { code: '<error>', method: 'PATCH', host: `127.0.0.1:${port}` },
    ]);
  });

  test('keeps the source config: same server and credentials', () => {
    const kc = config('https://10.96.0.1:443', false, []);
    expect(kc.getCurrentCluster()?.server).toBe('https://10.96.0.1:443');
    expect(kc.getCurrentUser()?.token).toBe('t');
  });
});
