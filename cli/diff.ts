// `fluid-cdk8s diff -f FILE...`: what applying these Fluid documents would change in a live cluster, in the
// documents themselves and in every object the operator would then apply for their runtimes. The operator's own
// plan renders the objects from the files over the cluster's state (host ports recorded on runtimes, the PVC's fuse
// generation, pods, Secrets); the apiserver dry-runs them with the operator's field manager, forced, as the
// operator writes them; the answer is compared with the stored object. Exit 0: no difference, 1: a difference,
// 2: an error, as `kubectl diff`.
import * as k8s from '@kubernetes/client-node';
import type { Command } from 'commander';
import { collectInputs } from '../constructs/runtime-inputs';
import { parseFluidObject } from '../constructs/parse-fluid-object';
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import { OPERATOR_NAME } from '../constructs/operator/operator-install';
import { LiveObjects } from '../operator/kube/live-objects';
import { ResourceCatalog } from '../operator/kube/resources';
import { ObservedObject, StaticClusterView } from '../operator/reconcilers/cluster-view';
import { OWNER_ANNOTATION, ownerTagOf } from '../operator/reconcilers/owner-tag';
import { desiredRuntimeObjects } from '../operator/reconcilers/runtime-plan';
import { runtimeSnapshot } from '../operator/reconcilers/runtime-snapshot';
import { registryWith } from './engine-modules';
import { clusterWithFiles, fileOverLive } from './live-diff/file-over-live';
import { objectDiff, objectTitle } from './live-diff/object-diff';
import { OperatorSettings, operatorSettingsOf } from './live-diff/operator-settings';
import { readDocuments } from './read-documents';

interface DiffOptions {
  readonly file: string[];
  readonly engine: string[];
  readonly namespace: string;
  readonly kubeconfig?: string;
  readonly operatorNamespace: string;
}

/** Exit codes of `kubectl diff`. */
const NO_DIFFERENCE = 0;
const DIFFERENCE = 1;
const ERROR = 2;

/** The Fluid documents of the files, namespaced ones given `namespace` when they name none. */
function fileObjects(opts: DiffOptions, registry: EngineRegistry, catalog: ResourceCatalog): ObservedObject[] {
  const docs = opts.file.flatMap(readDocuments);
  const problems = docs.flatMap((d) => (d.ok ? [] : [`${d.file}#${d.index}: ${d.error}`]));
  const values = docs.flatMap((d) => (d.ok ? [d.value] : []));
  problems.push(...collectInputs(values, registry, opts.namespace).errors.map((e) => e.message));
  if (problems.length) throw new Error(problems.join('\n'));
  return values
    .filter((v) => parseFluidObject(v, registry, opts.namespace) !== undefined)
    .map((v) => {
      const obj = v as ObservedObject;
      const namespaced = catalog.of(obj.kind).namespaced;
      return namespaced && !obj.metadata.namespace ? { ...obj, metadata: { ...obj.metadata, namespace: opts.namespace } } : obj;
    });
}

/** What a runtime's plan reads besides the files: every runtime (their host ports), what runtimes name, and per namespace the pods, claims, DaemonSets and Secrets (metadata). */
async function clusterState(live: LiveObjects, registry: EngineRegistry, namespaces: readonly string[]): Promise<ObservedObject[]> {
  const everywhere = [...registry.kinds(), ...registry.referencedKinds(), 'Dataset'];
  const perNamespace = ['Pod', 'PersistentVolumeClaim', 'DaemonSet'];
  const lists = await Promise.all([
    ...everywhere.map((kind) => live.list(kind)),
    ...namespaces.flatMap((ns) => [...perNamespace.map((kind) => live.list(kind, ns)), live.listMetadata('Secret', ns)]),
  ]);
  return lists.flat();
}

async function crDiff(live: LiveObjects, file: ObservedObject, stored: ObservedObject | undefined): Promise<string> {
  const next = stored ? await live.dryRunReplace(fileOverLive(file, stored)) : await live.dryRunCreate(file);
  return objectDiff(stored, next);
}

/** What every runtime's diff reads: the cluster, the view its plan runs over, the engines and the operator's settings. */
interface DiffContext {
  readonly live: LiveObjects;
  readonly view: StaticClusterView;
  readonly registry: EngineRegistry;
  readonly settings: OperatorSettings;
}

/** The diffs of one runtime's objects; objects of that name that are not ours are left out, as the operator leaves them. */
async function runtimeDiffs({ live, view, registry, settings }: DiffContext, runtime: ObservedObject, runtimeStored: boolean): Promise<string[]> {
  const key = { kind: runtime.kind, namespace: runtime.metadata.namespace ?? 'default', name: runtime.metadata.name };
  const snapshot = runtimeSnapshot(view, registry, key, settings.settings, new Date(), { range: settings.portRange, reserved: new Set() });
  if (!snapshot) throw new Error(`${runtime.kind} ${key.namespace}/${key.name}: no engine serves this kind (load it with --engine)`);
  const desired = desiredRuntimeObjects(snapshot);
  if ('reason' in desired) throw new Error(`${runtime.kind} ${key.namespace}/${key.name}: ${desired.reason}: ${desired.message}`);
  const tag = ownerTagOf(runtime);
  const diffs: string[] = [];
  for (const obj of desired.objects as ObservedObject[]) {
    const stored = await live.get(obj.kind, obj.metadata.name, live.resource(obj.kind).namespaced ? obj.metadata.namespace : undefined);
    if (stored && stored.metadata.annotations?.[OWNER_ANNOTATION] !== tag) {
      process.stderr.write(`warning: ${objectTitle(obj)} exists and was not created by fluid-cdk8s for ${tag}; the operator leaves it alone\n`);
      continue;
    }
    // A runtime not created yet has no UID for the owner references: its objects are shown as rendered.
    diffs.push(objectDiff(stored, runtimeStored ? await live.dryRunApply(obj) : obj));
  }
  return diffs;
}

function loadKubeConfig(path: string | undefined): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  if (path) kc.loadFromFile(path);
  else kc.loadFromDefault();
  return kc;
}

async function run(opts: DiffOptions): Promise<number> {
  const registry = registryWith(opts.engine);
  const catalog = new ResourceCatalog(registry.definitions());
  const files = fileObjects(opts, registry, catalog);
  const live = new LiveObjects(loadKubeConfig(opts.kubeconfig), catalog);
  const storedOf = new Map<ObservedObject, ObservedObject | undefined>();
  for (const f of files) storedOf.set(f, await live.get(f.kind, f.metadata.name, f.metadata.namespace));
  const deployment = await live.get('Deployment', OPERATOR_NAME, opts.operatorNamespace);
  if (!deployment) process.stderr.write(`note: no Deployment ${opts.operatorNamespace}/${OPERATOR_NAME} (see --operator-namespace); rendering with the default settings\n`);
  const settings = operatorSettingsOf(deployment);
  const runtimes = files.filter((f) => registry.get(f.kind));
  const namespaces = [...new Set(runtimes.map((r) => r.metadata.namespace ?? opts.namespace))];
  const view = new StaticClusterView(clusterWithFiles(await clusterState(live, registry, namespaces), files, (f) => storedOf.get(f)), registry);
  const diffs: string[] = [];
  for (const f of files) diffs.push(await crDiff(live, f, storedOf.get(f)));
  const context: DiffContext = { live, view, registry, settings };
  for (const r of runtimes) diffs.push(...(await runtimeDiffs(context, r, storedOf.get(r) !== undefined)));
  const text = diffs.filter((d) => d !== '').join('');
  process.stdout.write(text);
  return text === '' ? NO_DIFFERENCE : DIFFERENCE;
}

export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('show what applying Fluid YAML would change in a live cluster: the documents and the objects the operator manages for them (exit 0 none, 1 some, 2 error)')
    .requiredOption('-f, --file <files...>', 'YAML files, multi-document allowed; - reads standard input')
    .option('--engine <modules...>', "load runtime engines from these JavaScript modules (a runtime author's own)", [])
    .option('-n, --namespace <ns>', 'namespace of objects that name none', 'default')
    .option('--kubeconfig <path>', 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config)')
    .option('--operator-namespace <ns>', "namespace of the installed operator, whose Deployment gives the settings it renders with", 'fluid-system')
    .action(async (opts: DiffOptions) => {
      try {
        process.exitCode = await run(opts);
      } catch (e) {
        for (const line of (e instanceof Error ? e.message : String(e)).split('\n')) process.stderr.write(`error: ${line}\n`);
        process.exitCode = ERROR;
      }
    });
}
