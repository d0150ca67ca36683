// The cache sync end to end on KWOK: the operator (its own process, its own RBAC) execs the engines' commands into
// the fake master pods through the apiserver's pods/exec; kwok answers them with stubs that print what Alluxio and
// JindoCache print (the formats of Fluid's own test data) and keep a mount table the mount commands change. Checked:
// the Dataset columns of `kubectl get dataset` for Fluid's get-started Alluxio sample, and the mount commands sent
// when a Dataset gains and loses a mount.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kubeRequest } from '../../operator/kube/kube-request';
import { samplesDir } from '../../scripts/fluid-samples';
import { resourceOf, resourcePath } from '../../operator/kube/resources';
import { alluxioCount, alluxioMetrics, alluxioSummary } from '../support/alluxio-outputs';
import { KwokExecStubs } from '../support/kwok-exec';
import { createNamespace, done, loadKubeConfig, notYet, startNamespaceDeletion, waitFor } from '../integration/support/cluster-client';
import { kubectl } from '../integration/support/real-node';
import { acquireOperatorLock, OPERATOR_LOCK_DEADLINE_MS, releaseOperatorLock } from './support/operator-lock';
import { installOperatorRbac, OperatorProcess, serviceAccountKubeconfig } from './support/operator-process';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; spec?: any; status?: any };

const kc = loadKubeConfig();
/** Bound, then a sync round (every 2 s here), then the metadata count and the round after it. */
const FIGURES_DEADLINE_MS = 90_000;
const MOUNT_DEADLINE_MS = 60_000;
let operator: OperatorProcess;
let ns: string;
let stubs: KwokExecStubs;

async function apply(obj: Obj): Promise<void> {
  const r = resourceOf(obj.kind);
  await kubeRequest(kc, 'PATCH', `${resourcePath(r, obj.metadata.namespace, obj.metadata.name)}?fieldManager=e2e-user&force=true`, obj, 'application/apply-patch+yaml');
}

async function get(kind: string, name: string): Promise<Obj | undefined> {
  try {
    return (await kubeRequest(kc, 'GET', resourcePath(resourceOf(kind), ns, name))).body as Obj;
  } catch (e) {
    if ((e as { status?: number }).status === 404) return undefined;
    throw e;
  }
}

function sample(file: string): Obj {
  const obj = parseAllDocuments(readFileSync(join(samplesDir(), file), 'utf8'))[0].toJS() as Obj;
  return { ...obj, metadata: { ...obj.metadata, namespace: ns } };
}

/** The lines the stub scripts appended to `file` in the answers folder (one per command run). */
function logged(file: string): string[] {
  try {
    return readFileSync(join(stubs.answersDir, file), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** Writes a file the stub scripts read (they run in the answers folder). */
function writeAnswerFile(file: string, text: string): void {
  writeFileSync(join(stubs.answersDir, file), text);
}

/** `kubectl get dataset <name> -o wide` as column → value. */
async function datasetColumns(name: string): Promise<Record<string, string>> {
  const out = await kubectl(['-n', ns, 'get', 'dataset', name, '-o', 'wide']);
  if (out.code !== 0) throw new Error(out.stderr);
  const [header, row] = out.stdout.trimEnd().split('\n');
  // Columns are separated by two or more spaces; values here hold no spaces.
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index! }));
  return Object.fromEntries(starts.map((c, i) => [c.name, row.slice(c.at, starts[i + 1]?.at ?? row.length).trim()]));
}

// Alluxio's answers. The mount table is a file the stubbed mount.sh rewrites from `alluxio-wanted`, as the real one
// mounts what the mount-config ConfigMap lists.
function stubAlluxio(): void {
  const summary = alluxioSummary('512.00MB', '2048.00MB', '1536.00MB');
  const metrics = alluxioMetrics('64.00MB', '64.00MB', 42);
  // Each report run leaves a line, so a test can tell that rounds keep running.
  stubs.answer(['alluxio', 'fsadmin', 'report', 'summary'], { script: `echo run >> alluxio-reports\ncat <<'EOF'\n${summary}\nEOF` });
  stubs.answer(['alluxio', 'fsadmin', 'report', 'metrics'], { stdout: metrics });
  stubs.answer(['alluxio', 'getConf', 'alluxio.underfs.version'], { stdout: '3.3.4\n' });
  stubs.answer(['alluxio', 'fs', 'loadMetadata', '-R', '/'], { stdout: '' });
  stubs.answer(['alluxio', 'fs', 'count', '/'], { stdout: alluxioCount(42, 3, 632346624) });
  stubs.answer(['bash', '-c', 'alluxio fsadmin report metrics | grep Master.FilesCompleted'], { stdout: 'Master.FilesCompleted  (Type: COUNTER, Value: 42)\n' });
  stubs.answer(['alluxio', 'fs', 'mount'], {
    script: `echo ' /underFSStorage  on  /  (local, capacity=0B, used=0B, not read-only, not shared, properties={})'
[ -f alluxio-table ] && while read -r p; do echo "https://mirrors.example$p  on  $p (web, capacity=-1B, used=-1B, read-only, not shared, properties={})"; done < alluxio-table
exit 0`,
  });
  stubs.answer(['/etc/fluid/scripts/mount.sh'], { script: 'cp alluxio-wanted alluxio-table && echo mount.sh >> alluxio-commands' });
}

// JindoCache's answers: `jindocache -mount <path> <ufs>` appends to the table that `jindocache -mount` prints.
function stubJindo(paths: readonly string[]): void {
  stubs.answer(['jindocache', '-report'], { stdout: 'Namespace Address: localhost:18000\n\tRpc Port: 8101\n\tLive Nodes: 1\n\tTotal MEM Capacity: 4.00GB\n\tUsed MEM Capacity: 1.00GB\n' });
  stubs.answer(['jindocache', '-mount'], { script: '[ -f jindo-table ] && cat jindo-table; exit 0' });
  stubs.answer(['jindocache', '-listCacheSet'], { stdout: 'cacheStrategy: DISTRIBUTED\n' });
  for (const p of paths) {
    stubs.answer(['jindocache', '-mount', p, `oss://bucket${p}/`], { script: `echo "ns oss://bucket${p}/ ${p}" >> jindo-table && echo "jindocache -mount ${p}" >> jindo-commands` });
    stubs.answer(['jindo', 'fs', '-count', `jindo://${p}`], { stdout: `1 4 1048576 jindo://${p}\n` });
  }
}

beforeAll(async () => {
  await acquireOperatorLock('cache-sync.test.ts');
  await installOperatorRbac(kc);
  ns = await createNamespace(kc, 'e2e-cache-sync');
  stubs = await KwokExecStubs.create(kc, ns);
  stubAlluxio();
  stubJindo(['/a', '/b']);
  operator = await OperatorProcess.start(await serviceAccountKubeconfig(kc), ['--cache-sync-period', '2']);
}, OPERATOR_LOCK_DEADLINE_MS + 120_000);

afterAll(async () => {
  await operator?.stop();
  await stubs?.delete();
  if (ns) await startNamespaceDeletion(kc, ns);
  await releaseOperatorLock();
});

describe('cache sync on KWOK, answered through pods/exec', () => {
  it("fills every column of `kubectl get dataset` for Fluid's get-started Alluxio sample", async () => {
    const dataset = sample('alluxio/get-started-05-h1-dataset.yaml');
    writeAnswerFile('alluxio-wanted', '/spark\n');
    await apply(dataset);
    await apply(sample('alluxio/get-started-07-h1-alluxioruntime.yaml'));
    const columns = await waitFor('the Dataset to show its UFS total and cache figures', FIGURES_DEADLINE_MS, async () => {
      const c = await datasetColumns('demo');
      return c['CACHED PERCENTAGE'] && c['HCFS URL'] && c['TOTAL FILES'] ? done(c) : notYet(JSON.stringify(c));
    }, { intervalMs: 500 });
    // The count has 603.05MiB in 42 files; the report 512MB used of 2048MB; reads so far are 64MB local, 64MB UFS.
    expect(columns).toMatchObject({
      NAME: 'demo',
      'UFS TOTAL SIZE': '603.05MiB',
      CACHED: '512.00MiB',
      'CACHE CAPACITY': '2.00GiB',
      'CACHED PERCENTAGE': '84.9%',
      PHASE: 'Bound',
      'HCFS URL': expect.stringMatching(new RegExp(`^alluxio://demo-master-0\\.${ns}:\\d+$`)),
      'TOTAL FILES': '42',
    });
    expect(columns.AGE).not.toBe('');
    expect(logged('alluxio-commands')).toEqual(['mount.sh']);
    const runtime = await get('AlluxioRuntime', 'demo');
    expect(runtime?.status?.mountTime).toBeDefined();
    expect(runtime?.status?.cacheStates).toMatchObject({ cached: '512.00MiB', cacheCapacity: '2.00GiB' });
    expect((runtime?.status?.conditions ?? []).map((c: { type: string }) => c.type)).not.toContain('CacheSynced');
  });

  it('runs mount.sh when the Dataset gains a mount and when it loses one, and only then', async () => {
    const spark = { mountPoint: 'https://mirrors.bit.edu.cn/apache/spark/', name: 'spark' };
    const hbase = { mountPoint: 'https://mirrors.bit.edu.cn/apache/hbase/', name: 'hbase' };
    writeAnswerFile('alluxio-wanted', '/spark\n/hbase\n');
    await apply({ ...sample('alluxio/get-started-05-h1-dataset.yaml'), spec: { mounts: [spark, hbase] } });
    await waitFor('mount.sh to run for the new mount', MOUNT_DEADLINE_MS, async () => (logged('alluxio-commands').length === 2 ? done(true) : notYet(`${logged('alluxio-commands').length} runs`)), { intervalMs: 250 });
    writeAnswerFile('alluxio-wanted', '/spark\n');
    await apply({ ...sample('alluxio/get-started-05-h1-dataset.yaml'), spec: { mounts: [spark] } });
    await waitFor('mount.sh to run for the removed mount', MOUNT_DEADLINE_MS, async () => (logged('alluxio-commands').length === 3 ? done(true) : notYet(`${logged('alluxio-commands').length} runs`)), { intervalMs: 250 });
    // Several sync rounds (2 s apart) over unchanged mounts run it no more.
    await operator.waitForQuiet(6_000, 60_000);
    expect(logged('alluxio-commands')).toHaveLength(3);
  });

  it('mounts a Jindo Dataset, then each mount it gains; a mount it loses stays, as in Fluid', async () => {
    const dataset = (paths: string[]): Obj => ({
      apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'jnd', namespace: ns },
      spec: { mounts: paths.map((p) => ({ mountPoint: `oss://bucket${p}/`, name: p.slice(1), options: { 'fs.oss.endpoint': 'oss-cn-hangzhou.aliyuncs.com' } })) },
    });
    await apply(dataset(['/a']));
    await apply({ apiVersion: 'data.fluid.io/v1alpha1', kind: 'JindoRuntime', metadata: { name: 'jnd', namespace: ns }, spec: { replicas: 1, tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '4Gi', high: '0.9', low: '0.7' }] } } });
    const columns = await waitFor('the Jindo Dataset to show its figures', FIGURES_DEADLINE_MS, async () => {
      const c = await datasetColumns('jnd');
      return c['CACHED PERCENTAGE'] ? done(c) : notYet(JSON.stringify(c));
    }, { intervalMs: 500 });
    expect(columns).toMatchObject({ 'UFS TOTAL SIZE': '1.00MiB', CACHED: '1.00GiB', 'CACHE CAPACITY': '4.00GiB', PHASE: 'Bound' });
    expect(logged('jindo-commands')).toEqual(['jindocache -mount /a']);
    expect((await get('JindoRuntime', 'jnd'))?.status?.mountTime).toBeDefined();

    await apply(dataset(['/a', '/b']));
    await waitFor('the new mount to be mounted', MOUNT_DEADLINE_MS, async () => (logged('jindo-commands').length === 2 ? done(true) : notYet(logged('jindo-commands').join(', '))), { intervalMs: 250 });
    expect(logged('jindo-commands')).toEqual(['jindocache -mount /a', 'jindocache -mount /b']);
    await apply(dataset(['/a']));
    await operator.waitForQuiet(6_000, 60_000);
    expect(logged('jindo-commands')).toEqual(['jindocache -mount /a', 'jindocache -mount /b']);
  });

  it('a command that fails is a CacheSynced=False condition naming it; the phase stays Bound, and it clears', async () => {
    stubs.answer(['jindocache', '-report'], { stderr: 'connection refused', exitCode: 3 });
    const failing = await waitFor('CacheSynced=False on the JindoRuntime', MOUNT_DEADLINE_MS, async () => {
      const rt = await get('JindoRuntime', 'jnd');
      const c = (rt?.status?.conditions ?? []).find((x: { type: string }) => x.type === 'CacheSynced');
      return c ? done({ condition: c, rt }) : notYet(JSON.stringify(rt?.status?.conditions ?? []));
    }, { intervalMs: 250 });
    expect(failing.condition).toMatchObject({ status: 'False', reason: 'CacheQueryFailed' });
    expect(failing.condition.message).toContain('`jindocache -report` in pod jnd-jindofs-master-0 (container jindofs-master) exited with 3: connection refused');
    expect((await get('Dataset', 'jnd'))?.status?.phase).toBe('Bound');
    expect(await operator.metrics()).toMatch(new RegExp(`runtime_sync_healthcheck_error_total\\{runtime_type="jindoruntime",runtime="${ns}/jnd"\\} [1-9]`));
    stubJindo(['/a', '/b']);
    await waitFor('CacheSynced to clear', MOUNT_DEADLINE_MS, async () => {
      const rt = await get('JindoRuntime', 'jnd');
      return (rt?.status?.conditions ?? []).some((x: { type: string }) => x.type === 'CacheSynced') ? notYet('still there') : done(true);
    }, { intervalMs: 250 });
  });

  it('writes nothing for 60 s while the caches keep answering the same, one sync round every 2 s', async () => {
    // Alluxio's hit ratios come from the difference of two metrics samples a minute apart: wait for the second.
    await waitFor('the Alluxio hit ratio from a second metrics sample', 120_000, async () => {
      const ratio = (await get('Dataset', 'demo'))?.status?.cacheStates?.cacheHitRatio;
      return ratio ? done(ratio) : notYet('no ratio yet');
    }, { intervalMs: 1_000 });
    await operator.waitForQuiet(5_000, 60_000);
    const before = await operator.apiWrites();
    const reports = logged('alluxio-reports').length;
    const lines = operator.lines.length;
    // An observation window, not a synchronisation: the assertion is that nothing is written in it.
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    const plans = operator.lines.slice(lines).filter((l) => l.msg === 'Applied plan');
    expect({ writes: await operator.apiWrites(), plans }).toEqual({ writes: before, plans: [] });
    // About 30 rounds ran meanwhile (2 s apart, each shifted by up to a tenth).
    expect(logged('alluxio-reports').length - reports).toBeGreaterThanOrEqual(20);
  }, 300_000);

  it("serves Fluid's dataset gauges on /metrics", async () => {
    const text = await operator.metrics();
    // Read back from "603.05MiB", as Fluid does, so the gauge carries the rounding of the status string.
    expect(text).toMatch(new RegExp(`dataset_ufs_total_size\\{dataset="${ns}/demo"\\} 6323\\d{5}\\b`));
    expect(text).toContain(`dataset_ufs_file_num{dataset="${ns}/demo"} 42`);
  });
});
