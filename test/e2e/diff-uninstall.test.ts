// `diff` and `uninstall` as a user runs them, on a cluster of their own: `install | kubectl apply --server-side`,
// the operator running under the installed ServiceAccount, the two demo examples applied with kubectl and Bound;
// then `diff` of the unchanged files (nothing), of a changed worker count (the runtime's field and the worker
// StatefulSet's replicas, nothing else), and `uninstall`, after which nothing of ours is left. Then again with the
// operator stopped: uninstall times out naming the finalizers, `--force` refuses while an operator pod is Ready and
// removes our finalizers once none is.
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

/** install, applied server-side as the README says; the operator under its ServiceAccount; the files applied and Bound. */
async function installAndRun(files: readonly string[], datasets: readonly string[]): Promise<void> {
  const install = await cli(['install']);
  if (install.code !== 0) throw new Error(`install exited ${install.code}: ${install.stderr}`);
  await kubectl(['apply', '--server-side', '-f', '-'], install.stdout);
  await kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
  operator = await OperatorProcess.start(await serviceAccountKubeconfig(kc));
  for (const file of files) await kubectl(['apply', '--server-side', '-f', file]);
  for (const name of datasets) await waitBound(name);
  await operator.waitForQuiet(3_000, 60_000);
}

/** No CRD, Fluid object, namespace, cluster-scoped install object, object the operator made or node label of ours is left. */
async function expectNothingOfOurs(): Promise<void> {
  const crds = (await get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions')).items as { spec: { group: string } }[];
  expect(crds.filter((c) => c.spec.group === 'data.fluid.io')).toEqual([]);
  expect(await get(resourcePath(resourceOf('Namespace'), undefined, 'fluid-system'))).toBeUndefined();
  // EFC's session manager, which install prints in a namespace of its own.
  expect(await get(resourcePath(resourceOf('Namespace'), undefined, 'efc-system'))).toBeUndefined();
  for (const kind of ['ClusterRole', 'ClusterRoleBinding']) {
    for (const name of ['fluid-cdk8s-operator', 'fluid-cdk8s-csi']) expect(await get(resourcePath(resourceOf(kind), undefined, name))).toBeUndefined();
  }
  expect(await get('/apis/storage.k8s.io/v1/csidrivers/fuse.csi.fluid.io')).toBeUndefined();
  // Everything the operator made carries its managed-by label: PVs (cluster-scoped), and the runtimes' objects.
  const ours = 'labelSelector=app.kubernetes.io%2Fmanaged-by%3Dfluid-cdk8s';
  for (const path of ['/api/v1/persistentvolumes', '/api/v1/persistentvolumeclaims', '/apis/apps/v1/statefulsets', '/apis/apps/v1/daemonsets', '/api/v1/configmaps', '/apis/batch/v1/jobs']) {
    expect({ path, items: (await get(`${path}?${ours}`)).items }).toEqual({ path, items: [] });
  }
  // Nor Fluid's dataset labels on the Nodes (fluid.io/dataset-num, fluid.io/s-..., fluid.io/f-...).
  const nodes = (await get('/api/v1/nodes')).items as { metadata: { name: string; labels: Record<string, string> } }[];
  expect(nodes.flatMap((n) => Object.keys(n.metadata.labels).filter((l) => l.startsWith('fluid.io/')).map((l) => `${n.metadata.name} ${l}`))).toEqual([]);
}

beforeAll(async () => {
  cluster = await LocalCluster.start({ nodes: 2 });
  kc = new k8s.KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
}, CLUSTER_START_MS);

afterAll(async () => {
  await operator?.stop();
  await cluster?.stop();
}, 120_000);

describe('with the operator running', () => {
  beforeAll(() => installAndRun(EXAMPLES, ['demo-web', 'demo-nfs']), 4 * BOUND_DEADLINE_MS);
  // Also when a test failed: the next block starts its own operator, which must be able to lead.
  afterAll(() => operator?.stop());

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
    expect({ code: run.code, errors: run.stderr.split('\n').filter((l) => l.startsWith('error')) }).toEqual({ code: 0, errors: [] });
    await expectNothingOfOurs();
  });
});

describe('with the operator gone', () => {
  beforeAll(async () => {
    await installAndRun([EXAMPLES[1]], ['demo-nfs']);
    await operator!.stop();
  }, 2 * BOUND_DEADLINE_MS);

  test('uninstall stops at its timeout, names what still holds finalizers, and deletes nothing else', async () => {
    const run = await cli(['uninstall', '--timeout', '5']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Dataset default/demo-nfs (finalizers: fluid-dataset-controller-finalizer)');
    expect(run.stderr).toContain('ThinRuntime default/demo-nfs (finalizers: thin-runtime-controller-finalizer)');
    expect(run.stderr).toContain('uninstall --force');
    expect(await get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/datasets.data.fluid.io')).toBeDefined();
    expect(await get(resourcePath(resourceOf('Deployment'), 'fluid-system', 'fluid-cdk8s-operator'))).toBeDefined();
  });

  test('--force refuses while an operator pod is Ready, then removes only our finalizers once it is gone', async () => {
    // The installed Deployment's pod runs on a KWOK node, which reports it Ready: to uninstall it is a live operator.
    const refused = await cli(['uninstall', '--timeout', '5', '--force']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the operator is still running \(pod fluid-system\/fluid-cdk8s-operator-\S+ is Ready/);
    await kubectl(['-n', 'fluid-system', 'scale', 'deployment', 'fluid-cdk8s-operator', '--replicas=0']);
    await waitFor('the operator pods to be gone', 60_000, async () => {
      const pods = (await get('/api/v1/namespaces/fluid-system/pods?labelSelector=app.kubernetes.io%2Fname%3Dfluid-cdk8s-operator')).items as unknown[];
      return pods.length === 0 ? done(true) : notYet(`${pods.length} pod(s)`);
    });
    const run = await cli(['uninstall', '--timeout', '60', '--force']);
    expect({ code: run.code, errors: run.stderr.split('\n').filter((l) => l.startsWith('error')) }).toEqual({ code: 0, errors: [] });
    expect(run.stderr).toContain("Removing fluid-cdk8s's finalizers from Dataset default/demo-nfs");
    await expectNothingOfOurs();
  });
});
