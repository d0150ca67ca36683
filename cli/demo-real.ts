// `fluid-cdk8s demo --real`: the data path itself, on a local cluster with a real node (needs root; the first run
// builds SeaweedFS, about 7 minutes on 2 cores). Installs the operator and the CSI plugin from their image as
// `install` prints them, starts the UFS (an S3 bucket served by SeaweedFS), caches it through the SeaweedFS
// CacheRuntime example, then runs an application pod on the Dataset's PVC and prints what it reads, and how many
// requests each read made to the bucket. Stops everything it started.
import { KubeConfig } from '@kubernetes/client-node';
import type { AppliedObject } from '../operator/kube/server-side-apply';
import { runKubectl } from '../cluster/kubectl-run';
import { LocalCluster } from '../cluster/local-cluster';
import { REPO_ROOT } from '../cluster/repo-root';
import { deploySeaweedfsExample } from '../cluster/seaweedfs-example/example-deployment';
import { startReaderPod } from '../cluster/seaweedfs-example/reader-pod';
import { seaweedfsImages } from '../cluster/seaweedfs-images';
import { SEAWEEDFS_IMAGE } from '../images/definitions/seaweedfs';
import { keepUntilStopped } from './demo-keep';

const NAMESPACE = 'default';
const DATASET = 'bucket-cache';
const READER = 'reader';
const POD_DEADLINE_MS = 120_000;
const FILE = 'orders.csv';

/** What the bucket holds: a small CSV, whose first lines the application prints, and a file in a folder. */
function bucketObjects(): { key: string; data: string }[] {
  const rows = Array.from({ length: 1000 }, (_, i) => `${i + 1},customer-${(i * 7) % 97},${((i * 37) % 1000) / 10}`);
  return [{ key: FILE, data: ['id,customer,amount', ...rows].join('\n') + '\n' }, { key: 'sub/notes.txt', data: 'a file in a folder of the bucket\n' }];
}

export async function runRealDemo(progress: (line: string) => void, statusTable: (kc: KubeConfig, objects: AppliedObject[]) => Promise<string>, keep = false): Promise<void> {
  progress('--real: starting a local cluster with one real node (needs root)');
  const cluster = await LocalCluster.start({ nodes: 0, realNodes: 1, extraImages: await seaweedfsImages(REPO_ROOT), log: progress });
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    const example = await deploySeaweedfsExample(kc, {
      clusterDir: cluster.dir, node: cluster.realNodeNames[0], mountRoot: cluster.mountRoot!, namespace: NAMESPACE,
      bucket: bucketObjects(), examples: ['cache-runtime'], fieldManager: 'fluid-cdk8s-demo', progress,
    });
    process.stdout.write(`${await statusTable(kc, [...example.objects])}\n\n`);

    progress(`Starting pod ${READER}, which mounts PVC ${DATASET} at /data`);
    const started = Date.now();
    await startReaderPod(kc, { name: READER, namespace: NAMESPACE, claim: DATASET, image: SEAWEEDFS_IMAGE, script: 'exec sleep 2147483647' }, 'fluid-cdk8s-demo', POD_DEADLINE_MS);
    progress(`Pod ${READER} running ${Date.now() - started} ms after create (the CSI plugin started the fuse on its node)`);
    const read = async (script: string): Promise<{ out: string; bucketRequests: number }> => {
      const before = await example.ufs.s3Requests();
      const r = await runKubectl(cluster.kubectl, cluster.kubeconfig, ['-n', NAMESPACE, 'exec', READER, '--', 'sh', '-c', script]);
      if (r.code !== 0) throw new Error(`exec in ${READER} exited ${r.code}: ${r.stderr}${r.stdout}`);
      return { out: r.stdout, bucketRequests: (await example.ufs.s3Requests()) - before };
    };
    const first = await read(`ls -l /data /data/sub && head -n 5 /data/${FILE}`);
    process.stdout.write(`$ kubectl exec ${READER} -- sh -c 'ls -l /data /data/sub && head -n 5 /data/${FILE}'\n${first.out}`);
    process.stdout.write(`(first read: ${first.bucketRequests} request(s) reached the bucket)\n`);
    const again = await read(`wc -l < /data/${FILE}`);
    process.stdout.write(`$ kubectl exec ${READER} -- sh -c 'wc -l < /data/${FILE}'\n${again.out}`);
    process.stdout.write(`(read again, from the SeaweedFS cache: ${again.bucketRequests} request(s) reached the bucket)\n`);
    if (keep) await keepUntilStopped(progress, cluster.kubeconfig, cluster.kubectl);
  } finally {
    progress('Stopping the local cluster');
    await cluster.stop();
  }
}
