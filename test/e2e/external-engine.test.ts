// An engine written outside the repository runs in the operator as it runs in `synth`: the README's RcloneRuntime,
// loaded with `--engine`, its CRD generated from its own schema and its RBAC from the engine, taken to Bound.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../../cluster/repo-root';
import { EngineRegistry } from '../../constructs/runtimes/engine-registry';
import { builtinEngines } from '../../constructs/runtimes/builtin-engines';
import { rcloneEngine } from '../../examples/runtime-author/rclone-engine';
import { kubeRequest } from '../../operator/kube/kube-request';
import { ResourceCatalog, resourcePath } from '../../operator/kube/resources';
import { createNamespace, done, loadKubeConfig, notYet, startNamespaceDeletion, waitFor } from '../integration/support/cluster-client';
import { acquireOperatorLock, OPERATOR_LOCK_DEADLINE_MS, releaseOperatorLock } from './support/operator-lock';
import { installOperatorRbac, OperatorProcess, serviceAccountKubeconfig } from './support/operator-process';

const kc = loadKubeConfig();
const registry: EngineRegistry = builtinEngines().register(rcloneEngine);
const catalog = new ResourceCatalog(registry.definitions());
const ENGINE_MODULE = join(REPO_ROOT, 'dist', 'examples', 'runtime-author', 'rclone-engine.js');
let operator: OperatorProcess | undefined;
let namespace = '';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec?: any; status?: any };

const path = (kind: string, name?: string) => resourcePath(catalog.of(kind), namespace, name);

beforeAll(async () => {
  await acquireOperatorLock('external-engine.test.ts');
  await installOperatorRbac(kc, registry);
  operator = await OperatorProcess.start(await serviceAccountKubeconfig(kc), ['--engine', ENGINE_MODULE]);
  namespace = await createNamespace(kc, 'e2e-rclone');
}, OPERATOR_LOCK_DEADLINE_MS + 120_000);

afterAll(async () => {
  await operator?.stop();
  releaseOperatorLock();
  if (namespace) await startNamespaceDeletion(kc, namespace);
});

test('an RcloneRuntime loaded with --engine reaches Bound with its PV, PVC and fuse DaemonSet', async () => {
  const docs = parseAllDocuments(readFileSync(join(REPO_ROOT, 'examples', 'runtime-author', 'rclone-demo.yaml'), 'utf8')).map((d) => d.toJS() as Obj);
  for (const doc of docs) {
    const obj = { ...doc, metadata: { ...doc.metadata, namespace } };
    await kubeRequest(kc, 'PATCH', `${path(obj.kind, obj.metadata.name)}?fieldManager=e2e-user&force=true`, obj, 'application/apply-patch+yaml');
  }
  // The mount's encryptOptions name this Secret, which the engine's fuse mounts: without it the runtime would wait.
  await kubeRequest(kc, 'POST', `/api/v1/namespaces/${namespace}/secrets`, {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'photos-s3' }, stringData: { 'access-key': 'AKIA-e2e', 'secret-key': 'e2e' },
  });
  const dataset = docs.find((d) => d.kind === 'Dataset')!;
  const bound = await waitFor(`Dataset ${namespace}/${dataset.metadata.name} to be Bound`, 90_000, async () => {
    const ds = (await kubeRequest(kc, 'GET', path('Dataset', dataset.metadata.name))).body as Obj;
    return ds.status?.phase === 'Bound' ? done(ds) : notYet(`phase ${ds.status?.phase ?? '(none)'}`);
  }, { intervalMs: 250 });
  expect(bound.status.runtimes).toEqual([expect.objectContaining({ name: dataset.metadata.name, type: 'rclone' })]);
  const runtime = (await kubeRequest(kc, 'GET', path('RcloneRuntime', dataset.metadata.name))).body as Obj;
  expect(runtime.status).toMatchObject({ fusePhase: 'Ready', conditions: expect.arrayContaining([expect.objectContaining({ type: 'FusesInitialized' })]) });
  const pvc = await waitFor('the PVC', 30_000, async () => done((await kubeRequest(kc, 'GET', path('PersistentVolumeClaim', dataset.metadata.name))).body as Obj));
  expect(pvc.metadata.name).toBe(dataset.metadata.name);
  const pv = (await kubeRequest(kc, 'GET', resourcePath(catalog.of('PersistentVolume'), undefined, `${namespace}-${dataset.metadata.name}`))).body as Obj;
  expect(pv.spec.csi).toMatchObject({ driver: 'fuse.csi.fluid.io', volumeAttributes: expect.objectContaining({ mount_type: 'fuse.rclone' }) });
  const fuse = (await kubeRequest(kc, 'GET', path('DaemonSet', `${dataset.metadata.name}-fuse`))).body as Obj;
  expect(fuse.spec.template.spec.containers[0].args[0]).toBe('mount');
  expect(operator!.errors()).toEqual([]);
}, 150_000);
