// `diff` and `uninstall` as a user runs them, on a cluster of their own: `install | kubectl apply --server-side`,
// the operator running under the installed ServiceAccount, the two demo examples applied with kubectl and Bound;
// then `diff` of the unchanged files (nothing), of a changed worker count (the runtime's field and the worker
// StatefulSet's replicas, nothing else), and `uninstall`, after which nothing of ours is left.
//
// Its own short-lived cluster (KWOK nodes only), not the run's shared one: uninstall deletes our CRDs, and the other
// test files, in parallel jest workers, use those CRDs on the shared cluster all the while.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { LocalCluster } from '../../cluster/local-cluster';
import { REPO_ROOT } from '../../cluster/repo-root';
import { runKubectl } from '../../cluster/kubectl-run';
import { kubeRequest } from '../../operator/kube/kube-request';
import { resourceOf, resourcePath } from '../../operator/kube/resources';
import { done, notYet, waitFor } from '../../operator/kube/wait';
import { OperatorProcess, serviceAccountKubeconfig } from './support/operator-process';

const BIN = join(REPO_ROOT, 'bin', 'fluid-cdk8s.js');
const EXAMPLES = ['alluxio-demo.yaml', 'thin-nfs-demo.yaml'].map((f) => join(REPO_ROOT, 'examples', f));
const BOUND_DEADLINE_MS = 120_000;
const CLUSTER_START_MS = 180_000;

let cluster: LocalCluster | undefined;
let operator: OperatorProcess | undefined;
let kc: k8s.KubeConfig;
const work = mkdtempSync(join(tmpdir(), 'fluid-cdk8s-diff-'));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `fluid-cdk8s ARGS`; `diff` and `uninstall` get the test cluster's kubeconfig. */
function cli(args: readonly string[]): Promise<Run> {
  const kubeconfig = args[0] === 'install' ? [] : ['--kubeconfig', cluster!.kubeconfig];
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, ...kubeconfig], { maxBuffer: 32 << 20, timeout: 170_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

async function kubectl(args: readonly string[], input?: string): Promise<Run> {
  const r = await runKubectl(cluster!.kubectl, cluster!.kubeconfig, args, 120_000, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r;
}

async function get(path: string): Promise<any> {
  try {
    return (await kubeRequest(kc, 'GET', path)).body;
  } catch (e) {
    if ((e as { status?: number }).status === 404) return undefined;
    throw e;
  }
}

async function waitBound(name: string): Promise<void> {
  const path = resourcePath(resourceOf('Dataset'), 'default', name);
  await waitFor(`Dataset default/${name} to be Bound`, BOUND_DEADLINE_MS, async () => {
    const ds = await get(path);
    return ds?.status?.phase === 'Bound' ? done(true) : notYet(`phase ${ds?.status?.phase ?? '(none)'}`);
  }, { intervalMs: 250 });
}

/** The `-`/`+` lines of a diff under each `Kind ns/name` title. */
function changedLines(diff: string): Map<string, string[]> {
  const byObject = new Map<string, string[]>();
  let title = '';
  for (const line of diff.split('\n')) {
    if (/^[A-Z]\w* \S+$/.test(line)) byObject.set((title = line), []);
    else if (/^[-+]/.test(line) && !/^(---|\+\+\+) /.test(line)) byObject.get(title)!.push(line);
  }
  return byObject;
}

beforeAll(async () => {
  cluster = await LocalCluster.start({ nodes: 2 });
  const config = new k8s.KubeConfig();
  config.loadFromFile(cluster.kubeconfig);
  kc = config;
  const install = await cli(['install']);
  if (install.code !== 0) throw new Error(`install exited ${install.code}: ${install.stderr}`);
  await kubectl(['apply', '--server-side', '-f', '-'], install.stdout);
  await kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
  operator = await OperatorProcess.start(await serviceAccountKubeconfig(kc));
  for (const file of EXAMPLES) await kubectl(['apply', '--server-side', '-f', file]);
  await waitBound('demo-web');
  await waitBound('demo-nfs');
  await operator.waitForQuiet(3_000, 60_000);
}, CLUSTER_START_MS + 2 * BOUND_DEADLINE_MS);

afterAll(async () => {
  await operator?.stop();
  await cluster?.stop();
}, 120_000);

test('diff of the files the operator applied prints nothing and exits 0', async () => {
  const run = await cli(['diff', ...EXAMPLES.flatMap((f) => ['-f', f])]);
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe('');
  expect(run.code).toBe(0);
});

test("diff of a changed worker count shows the runtime's field and the worker StatefulSet's replicas, nothing else", async () => {
  const changed = join(work, 'alluxio-3-workers.yaml');
  const text = readFileSync(EXAMPLES[0], 'utf8');
  expect(text).toMatch(/^ {2}replicas: 2$/m);
  writeFileSync(changed, text.replace(/^ {2}replicas: 2$/m, '  replicas: 3'));
  const run = await cli(['diff', '-f', changed]);
  expect(run.code).toBe(1);
  expect(Object.fromEntries(changedLines(run.stdout))).toEqual({
    'AlluxioRuntime default/demo-web': ['-  replicas: 2', '+  replicas: 3'],
    'StatefulSet default/demo-web-worker': ['-  replicas: 2', '+  replicas: 3'],
  });
});

test('diff of a document with a misspelled field exits 2 naming the field', async () => {
  const broken = join(work, 'typo.yaml');
  writeFileSync(broken, readFileSync(EXAMPLES[0], 'utf8').replace('mountPoint:', 'mountPiont:'));
  const run = await cli(['diff', '-f', broken]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('mountPiont');
  expect(run.stdout).toBe('');
});

test('uninstall removes every CR, the operator, the CSI plugin, the CRDs and the namespace, leaving nothing of ours', async () => {
  const run = await cli(['uninstall', '--timeout', '120']);
  expect({ code: run.code, stderr: run.stderr.split('\n').filter((l) => l.startsWith('error')) }).toEqual({ code: 0, stderr: [] });
  const crds = (await get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions')).items as { spec: { group: string } }[];
  expect(crds.filter((c) => c.spec.group === 'data.fluid.io')).toEqual([]);
  expect(await get(resourcePath(resourceOf('Namespace'), undefined, 'fluid-system'))).toBeUndefined();
  for (const kind of ['ClusterRole', 'ClusterRoleBinding']) {
    for (const name of ['fluid-cdk8s-operator', 'fluid-cdk8s-csi']) expect(await get(resourcePath(resourceOf(kind), undefined, name))).toBeUndefined();
  }
  expect(await get('/apis/storage.k8s.io/v1/csidrivers/fuse.csi.fluid.io')).toBeUndefined();
  // Everything the operator made carries its managed-by label: PVs (cluster-scoped), and the runtimes' objects.
  const ours = 'labelSelector=app.kubernetes.io%2Fmanaged-by%3Dfluid-cdk8s';
  for (const path of ['/api/v1/persistentvolumes', '/api/v1/persistentvolumeclaims', '/apis/apps/v1/statefulsets', '/apis/apps/v1/daemonsets', '/api/v1/configmaps', '/apis/batch/v1/jobs']) {
    expect({ path, items: (await get(`${path}?${ours}`)).items }).toEqual({ path, items: [] });
  }
  // Nothing of ours left on the Nodes either (the runtimes' node labels start with fluid.io/).
  const nodes = (await get('/api/v1/nodes')).items as { metadata: { name: string; labels: Record<string, string> } }[];
  expect(nodes.flatMap((n) => Object.keys(n.metadata.labels).filter((l) => l.startsWith('fluid.io/')).map((l) => `${n.metadata.name} ${l}`))).toEqual([]);
});
