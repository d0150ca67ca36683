// `npm run bench:node`: what a real node costs. Starts a cluster with one real node (needs root), then prints its
// start-up, pod create → Running for a busybox pod (median of BENCH_PODS, default 10, one at a time), and the
// resident memory of the kubelet, containerd and the shims with those pods running.
import * as fs from 'node:fs';
import { AdminApi } from '../cluster/admin-api';
import { LocalCluster } from '../cluster/local-cluster';
import { REAL_NODE_LABEL } from '../cluster/real-node/kubelet-config';
import { done, notYet, waitFor } from '../operator/kube/wait';
import { printRows, runBench } from './bench-output';

const PODS = Number(process.env.BENCH_PODS ?? 10);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Resident memory (MiB) summed over processes whose executable's name is `name`. */
function rssMiB(name: string): { count: number; mib: number } {
  let kib = 0;
  let count = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== name) continue;
      kib += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      count++;
    } catch {
      // gone
    }
  }
  return { count, mib: kib / 1024 };
}

async function main(): Promise<void> {
  const started = Date.now();
  const cluster = await LocalCluster.start({ nodes: 1, realNodes: 1, log: () => undefined });
  const wall = Date.now() - started;
  try {
    const pki = `${cluster.dir}/pki`;
    const api = new AdminApi(cluster.apiServerUrl, { caCert: `${pki}/ca.crt`, clientCert: `${pki}/admin.crt`, clientKey: `${pki}/admin.key` });
    const times: number[] = [];
    for (let i = 0; i < PODS; i++) {
      const t0 = Date.now();
      const res = await api.request('POST', '/api/v1/namespaces/default/pods', {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: `bench-${i}` },
        spec: {
          nodeSelector: { [REAL_NODE_LABEL]: 'true' }, tolerations: [{ key: REAL_NODE_LABEL, operator: 'Exists' }],
          terminationGracePeriodSeconds: 0,
          containers: [{ name: 'c', image: cluster.images!.busybox, imagePullPolicy: 'IfNotPresent', command: ['sleep', '3600'] }],
        },
      });
      if (res.status !== 201) throw new Error(`creating pod bench-${i}: ${res.status} ${JSON.stringify(res.body)}`);
      await waitFor(`pod bench-${i} to run`, 60_000, async () => {
        const pod = (await api.request('GET', `/api/v1/namespaces/default/pods/bench-${i}`)).body;
        return pod.status?.phase === 'Running' ? done(true) : notYet(pod.status?.phase ?? 'no status');
      }, { intervalMs: 20 });
      times.push(Date.now() - t0);
    }
    const kubelet = rssMiB('kubelet');
    const containerd = rssMiB('containerd');
    const shims = rssMiB('containerd-shim');
    const rows: [string, string][] = [
      ['cluster with 1 real node: start to Ready (images cached)', `${(cluster.startupMs / 1000).toFixed(2)} s (wall, with builds checked: ${(wall / 1000).toFixed(2)} s)`],
      [`pod create → Running, median of ${PODS}`, `${median(times)} ms (min ${Math.min(...times)}, max ${Math.max(...times)})`],
      ['kubelet RSS', `${kubelet.mib.toFixed(0)} MiB`],
      ['containerd RSS', `${containerd.mib.toFixed(0)} MiB`],
      [`shims RSS (${shims.count}, one per pod)`, `${shims.mib.toFixed(0)} MiB`],
    ];
    printRows(rows);
  } finally {
    await cluster.stop();
  }
}

runBench(main);
