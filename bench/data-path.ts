// `npm run bench:data`: what the data path costs, on a local cluster with one real node (needs root) running the
// SeaweedFS examples (examples/seaweedfs/) with the operator and the CSI plugin installed from their image.
// Prints, each the median of BENCH_RUNS (default 5):
//   - pod create → first byte read through the PVC, the fuse started on demand for each pod (clean policy
//     OnDemand: the previous pod's deletion stopped it), for the CacheRuntime and the ThinRuntime;
//   - sequential read of a 256 MiB file: cold (the SeaweedFS cache fetches it from the UFS as it is read), warm
//     (the same files read by a new pod through a new fuse: served by the volume servers, the UFS's request counter
//     unchanged), hot (read again through the same fuse: its chunk cache and the kernel's page cache), through the
//     ThinRuntime (rclone straight from the UFS, through Fluid), and directly from the UFS's S3 gateway with curl,
//     without Fluid. Each row also shows the requests that reached the UFS and the cache's volume servers.
// Each cold run reads another copy of the file, so none was read before; reads are timed inside the pod.
import { randomBytes } from 'node:crypto';
import type * as k8s from '@kubernetes/client-node';
import { KubeConfig } from '@kubernetes/client-node';
import { runKubectl } from '../cluster/kubectl-run';
import { LocalCluster } from '../cluster/local-cluster';
import { REPO_ROOT } from '../cluster/repo-root';
import { deploySeaweedfsExample } from '../cluster/seaweedfs-example/example-deployment';
import { pick, seaweedfsExampleObjects } from '../cluster/seaweedfs-example/example-objects';
import { deletePodAndWait, startReaderPod } from '../cluster/seaweedfs-example/reader-pod';
import { sumOf, UFS_BUCKET } from '../cluster/seaweedfs-example/ufs-bucket';
import { seaweedfsImages } from '../cluster/seaweedfs-images';
import { kubeRequest } from '../operator/kube/kube-request';
import { done, notYet, waitFor } from '../operator/kube/wait';
import { SEAWEEDFS_IMAGE } from '../images/definitions/seaweedfs';
import { printRows, runBench } from './bench-output';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MiB = 1 << 20;
const FILE_MIB = 256;
const NAMESPACE = 'default';
const MANAGER = 'bench-data-path';
const POD_DEADLINE_MS = 120_000;
/** The runtimes of the examples: their Dataset (= PVC) names and their fuse pods. */
const RUNTIMES = [
  { kind: 'CacheRuntime', dataset: 'bucket-cache', fuseSelector: 'cacheruntime.fluid.io/component-name=bucket-cache-client' },
  { kind: 'ThinRuntime', dataset: 'bucket-thin', fuseSelector: 'release=bucket-thin,role=thin-fuse' },
] as const;

const progress = (line: string): void => {
  process.stderr.write(`[bench:data] ${line}\n`);
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function summary(values: readonly number[], unit: string, digits = 0): string {
  return `${median(values).toFixed(digits)} ${unit} (min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)})`;
}

class Bench {
  constructor(private readonly cluster: LocalCluster, private readonly kc: k8s.KubeConfig) {}

  /** Runs `sh -c script` in the pod; throws with its output when it fails. */
  async exec(pod: string, script: string): Promise<string> {
    const r = await runKubectl(this.cluster.kubectl, this.cluster.kubeconfig, ['-n', NAMESPACE, 'exec', pod, '--', 'sh', '-c', script], 300_000);
    if (r.code !== 0) throw new Error(`exec in ${pod} exited ${r.code}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  /** Nanoseconds the command took, timed in the pod by coreutils' date, so no exec round trip is counted. */
  async timedNs(pod: string, command: string): Promise<number> {
    const out = await this.exec(pod, `s=$(date +%s%N); ${command}; e=$(date +%s%N); echo $((e - s))`);
    return Number(out.trim().split('\n').at(-1));
  }

  /** Requests the cache's volume servers have answered so far (SeaweedFS_volumeServer_request_total on :9325). */
  async volumeServerRequests(): Promise<number> {
    const list = (await kubeRequest(this.kc, 'GET', `/api/v1/namespaces/${NAMESPACE}/pods?labelSelector=${encodeURIComponent('cacheruntime.fluid.io/component-name=bucket-cache-worker')}`)).body.items as k8s.V1Pod[];
    let sum = 0;
    for (const pod of list) sum += sumOf(await (await fetch(`http://${pod.status!.podIP}:9325/metrics`)).text(), 'SeaweedFS_volumeServer_request_total');
    return sum;
  }

  async podNames(selector: string): Promise<string[]> {
    const list = (await kubeRequest(this.kc, 'GET', `/api/v1/namespaces/${NAMESPACE}/pods?labelSelector=${encodeURIComponent(selector)}`)).body.items as k8s.V1Pod[];
    return list.map((p) => p.metadata!.name!);
  }

  /**
   * Pod create → the first byte of hello.txt read in it: the pod prints the time (host clock, shared with its
   * containers) right after the read. The pod is then deleted and the fuse waited out, so each run starts one.
   */
  async firstByteMs(dataset: string, fuseSelector: string, run: number): Promise<number> {
    const name = `first-byte-${dataset}-${run}`;
    const created = Date.now();
    await startReaderPod(this.kc, {
      name, namespace: NAMESPACE, claim: dataset, image: SEAWEEDFS_IMAGE,
      script: 'head -c 1 /data/hello.txt > /dev/null && date +%s%N && exec sleep 2147483647',
    }, MANAGER, POD_DEADLINE_MS);
    const readAtNs = await waitFor(`${name} to print its first read`, POD_DEADLINE_MS, async () => {
      const logs = await runKubectl(this.cluster.kubectl, this.cluster.kubeconfig, ['-n', NAMESPACE, 'logs', name]);
      const line = logs.stdout.trim();
      return /^\d+$/.test(line) ? done(Number(line)) : notYet(`logs: ${line || logs.stderr.trim() || '(none)'}`);
    }, { intervalMs: 100 });
    await this.deleteAndWaitFuseGone(name, fuseSelector);
    return readAtNs / 1e6 - created;
  }

  /** Deletes an application pod, the only user of its Dataset here: the CSI plugin unlabels the node (OnDemand), so its fuse pod goes too. */
  async deleteAndWaitFuseGone(pod: string, fuseSelector: string): Promise<void> {
    await deletePodAndWait(this.kc, pod, NAMESPACE, POD_DEADLINE_MS);
    await waitFor(`the fuse pod (${fuseSelector}) to stop`, POD_DEADLINE_MS, async () => {
      const left = await this.podNames(fuseSelector);
      return left.length === 0 ? done(true) : notYet(left.join(', '));
    }, { intervalMs: 250 });
  }
}

function mibPerS(ns: number): number {
  return FILE_MIB / (ns / 1e9);
}

async function main(): Promise<void> {
  const cluster = await LocalCluster.start({ nodes: 0, realNodes: 1, extraImages: await seaweedfsImages(REPO_ROOT), log: progress });
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    const bench = new Bench(cluster, kc);
    const data = randomBytes(FILE_MIB * MiB);
    const copies = Array.from({ length: RUNS }, (_, i) => `file-${i}.bin`);
    const example = await deploySeaweedfsExample(kc, {
      clusterDir: cluster.dir, node: cluster.realNodeNames[0], mountRoot: cluster.mountRoot!, namespace: NAMESPACE,
      bucket: [{ key: 'hello.txt', data: 'hello from the bucket\n' }, ...copies.map((key) => ({ key, data }))],
      examples: ['cache-runtime', 'thin-runtime'], fieldManager: MANAGER, progress,
    });
    const rows: [string, string][] = [];

    for (const r of RUNTIMES) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await bench.firstByteMs(r.dataset, r.fuseSelector, i));
      progress(`${r.kind}: pod create → first byte: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
      rows.push([`${r.kind}: pod create → first byte read (fuse started on demand), median of ${RUNS}`, summary(times, 'ms')]);
    }

    const startReader = async (dataset: string): Promise<string> => {
      const pod = await startReaderPod(kc, { name: `reader-${dataset}`, namespace: NAMESPACE, claim: dataset, image: SEAWEEDFS_IMAGE, script: 'exec sleep 2147483647' }, MANAGER, POD_DEADLINE_MS);
      return pod.metadata!.name!;
    };
    // Where each phase's bytes came from: the UFS's S3 request counter and the cache volume servers' one.
    const read = async (label: string, pod: string, path: (file: string) => string, command: (p: string) => string): Promise<void> => {
      const [s3Before, volumeBefore] = [await example.ufs.s3Requests(), await bench.volumeServerRequests()];
      const rates: number[] = [];
      for (const file of copies) rates.push(mibPerS(await bench.timedNs(pod, command(path(file)))));
      const [s3, volume] = [(await example.ufs.s3Requests()) - s3Before, (await bench.volumeServerRequests()) - volumeBefore];
      progress(`${label}: ${rates.map((r) => r.toFixed(0)).join(', ')} MiB/s; requests: UFS S3 ${s3}, cache volume servers ${volume}`);
      rows.push([`${label}, median of ${RUNS}`, `${summary(rates, 'MiB/s')}; requests: UFS S3 ${s3}, cache volume servers ${volume}`]);
    };
    const cat = (p: string): string => `cat ${p} > /dev/null`;
    const cacheReader = await startReader('bucket-cache');
    await read(`CacheRuntime cold: sequential read of ${FILE_MIB} MiB (through to the UFS)`, cacheReader, (f) => `/data/${f}`, cat);
    // A new application pod, hence a new fuse (OnDemand) with an empty chunk cache and a new mount (no page cache):
    // its reads come from the volume servers.
    await bench.deleteAndWaitFuseGone(cacheReader, RUNTIMES[0].fuseSelector);
    const warmReader = await startReader('bucket-cache');
    await read(`CacheRuntime warm: the same files, a new pod and fuse (from the volume servers)`, warmReader, (f) => `/data/${f}`, cat);
    await read(`CacheRuntime hot: read again by the same fuse (its chunk cache and the page cache)`, warmReader, (f) => `/data/${f}`, cat);
    const thinReader = await startReader('bucket-thin');
    await read(`ThinRuntime (rclone, no cache): sequential read of ${FILE_MIB} MiB`, thinReader, (f) => `/data/${f}`, cat);
    // Without Fluid: curl (in the SeaweedFS image) signs the S3 GET with the keys of the example's Secret.
    const keys = pick(seaweedfsExampleObjects('ufs', { namespace: NAMESPACE }), 'Secret').stringData as Record<string, string>;
    const s3 = `${example.ufs.s3Endpoint}/${UFS_BUCKET}`;
    await read(`Directly from the UFS (S3 GET with curl, no Fluid): ${FILE_MIB} MiB`, thinReader, (f) => `${s3}/${f}`,
      (url) => `curl -sf --aws-sigv4 aws:amz:us-east-1:s3 --user ${keys['access-key']}:${keys['secret-key']} -o /dev/null ${url}`);
    printRows(rows);
  } finally {
    await cluster.stop();
  }
}

runBench(main);
