// `synth` as a function: the operator's own plans, run over a snapshot made from files. The files are first
// validated and rendered as the engines see them (renderDocuments, whose errors name the field); then the cluster
// is pictured as it stands once set up (Datasets bound, runtimes and operations holding our finalizers, every
// Secret present) and each runtime's and operation's plan says what it applies. So the output is exactly what the
// operator applies, owner references and annotations included; UIDs, which only a cluster assigns, are placeholders.
import { createHash } from 'node:crypto';
import { renderDocuments, DEFAULT_SETTINGS, SynthGroup, SynthOptions, SynthResult } from '../../constructs/render-documents';
import type { KubeObject } from '../../constructs/render-runtime';
import { collectInputs, InputSet, ResolvedRuntime, resolveRuntimes } from '../../constructs/runtime-inputs';
import { datasetId } from '../../constructs/object-names';
import { isOperationKind } from '../../constructs/operations/operation-rules';
import type { EngineRegistry } from '../../constructs/runtimes/engine-registry';
import type { FluidObject } from '../../constructs/runtimes/render-input';
import { SpecError } from '../../crds/spec-error';
import { objectRefOf } from '../../crds/validate';
import { ObjectPresence, ObservedObject, StaticClusterView } from './cluster-view';
import { boundDatasetStatus } from './dataset-status';
import { DATASET_FINALIZER } from './dataset-plan';
import { operationFinalizer, planOperation } from './operation-plan';
import type { Plan } from './plan';
import { DATASET_ID_LABEL, finalizerOf } from './runtime-metadata';
import { planRuntime } from './runtime-plan';
import { runtimeSnapshot } from './runtime-snapshot';
import { LABEL_VALUE_LIMIT } from './object-limits';

export type { SynthGroup, SynthOptions, SynthResult };
export { DEFAULT_SETTINGS };

/** Plans read the clock for status only; a fixed one keeps the output the same from run to run. */
const SYNTH_NOW = new Date('2000-01-01T00:00:00Z');

/** What stands for a UID a cluster would assign. */
export function placeholderUid(obj: { kind: string; metadata: { name: string; namespace?: string } }): string {
  const readable = `uid-of-${obj.kind}-${obj.metadata.namespace ? `${obj.metadata.namespace}-` : ''}${obj.metadata.name}`.toLowerCase();
  // Fluid puts a Dataset's UID in labels where its namespace and name are too long (object-names.ts), so there the
  // placeholder must fit a label value as a real UID (36 characters) does, or synth would refuse what a cluster takes.
  if (readable.length <= LABEL_VALUE_LIMIT) return readable;
  return `uid-of-${createHash('sha256').update(readable).digest('hex').slice(0, 29)}`;
}

/** Files name no Secret values, and need not name Secrets at all: the cluster is assumed to have them. */
class FileClusterView extends StaticClusterView {
  override presence(kind: string, name: string, namespace?: string): ObjectPresence | undefined {
    return kind === 'Secret' ? {} : super.presence(kind, name, namespace);
  }
}

type Meta = ObservedObject['metadata'];

function withMeta(obj: FluidObject<unknown>, meta: Partial<Meta>, status?: unknown): ObservedObject {
  return { ...(obj as unknown as ObservedObject), metadata: { ...obj.metadata, uid: placeholderUid(obj), ...meta }, ...(status ? { status } : {}) };
}

/** The cluster once every runtime is set up: Datasets bound, runtimes claimed, operations ready to run. */
function settledCluster(inputs: InputSet, resolved: readonly ResolvedRuntime[]): ObservedObject[] {
  const byDataset = new Map(resolved.map((r) => [`${r.input.dataset.metadata.namespace}/${r.input.dataset.metadata.name}`, r]));
  const datasets = inputs.datasets.map((d) => {
    const ns = d.metadata.namespace ?? 'default';
    const id = datasetId({ namespace: ns, name: d.metadata.name, uid: placeholderUid(d) });
    const r = byDataset.get(`${ns}/${d.metadata.name}`);
    const status = r && boundDatasetStatus(undefined, d.spec, {
      kind: r.input.runtime.kind, name: r.input.runtime.metadata.name, namespace: ns, runtimeType: r.engine.runtimeType, masterReplicas: 0,
    }, SYNTH_NOW);
    return withMeta(d, { labels: { ...d.metadata.labels, [DATASET_ID_LABEL]: id }, finalizers: [DATASET_FINALIZER] }, status);
  });
  const runtimes = resolved.map(({ engine, input }) => {
    const ds = input.dataset;
    const owner = { apiVersion: ds.apiVersion, kind: 'Dataset', name: ds.metadata.name, uid: placeholderUid(ds) };
    const id = datasetId({ namespace: ds.metadata.namespace ?? 'default', name: ds.metadata.name, uid: placeholderUid(ds) });
    return withMeta(input.runtime, { labels: { ...input.runtime.metadata.labels, [DATASET_ID_LABEL]: id }, finalizers: [finalizerOf(engine)], ownerReferences: [owner] });
  });
  const referenced = [...inputs.profiles, ...inputs.runtimeClasses].map((o) => withMeta(o as FluidObject<unknown>, {}));
  const operations = inputs.operations.map((op) => withMeta(op, { finalizers: [operationFinalizer(op.kind)] }));
  return [...datasets, ...runtimes, ...referenced, ...operations];
}

/** The objects a plan creates or applies; a Warning means the plan could not go ahead, which synth reports. */
function plannedObjects(plan: Plan, obj: ObservedObject): KubeObject[] | SpecError {
  const warning = plan.events.find((e) => e.type === 'Warning');
  if (warning) return SpecError.of(objectRefOf(obj), '', warning.note);
  return plan.writes.flatMap((w) => (w.op === 'create' || w.op === 'apply' ? [w.object] : []));
}

function groupOf(obj: ObservedObject, objects: KubeObject[] | SpecError): SynthGroup | SpecError {
  return objects instanceof SpecError ? objects : { source: `${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name}`, objects };
}

export function synthesize(docs: readonly unknown[], registry: EngineRegistry, options: SynthOptions = {}): SynthResult {
  const validated = renderDocuments(docs, registry, options);
  if (!validated.ok) return validated;
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const { inputs } = collectInputs(docs, registry, options.defaultNamespace ?? 'default');
  const { resolved } = resolveRuntimes(inputs, registry, settings);
  const settled = settledCluster(inputs, resolved);
  const results: (SynthGroup | SpecError)[] = [];
  const view = new FileClusterView(settled, registry);
  for (const { input } of resolved) {
    const { kind, metadata } = input.runtime;
    const snapshot = runtimeSnapshot(view, registry, { kind, namespace: metadata.namespace ?? 'default', name: metadata.name }, settings, SYNTH_NOW)!;
    results.push(groupOf(snapshot.runtime.raw, plannedObjects(planRuntime(snapshot), snapshot.runtime.raw)));
  }
  for (const op of settled.filter((o) => isOperationKind(o.kind))) {
    // Every other operation counts as Complete, so one that runs after it is planned as ready to run.
    const others = settled.map((o) => (o !== op && isOperationKind(o.kind) ? { ...o, status: { phase: 'Complete' } } : o));
    const opView = new FileClusterView(others, registry);
    const operation = opView.parsed(op.kind, op.metadata.name, op.metadata.namespace)!;
    const plan = planOperation({ operation, view: opView, registry, settings, now: SYNTH_NOW });
    results.push(groupOf(op, plannedObjects(plan, op)));
  }
  const errors = results.filter((r): r is SpecError => r instanceof SpecError);
  if (errors.length) return { ok: false, errors };
  const groups = results as SynthGroup[];
  return { ok: true, groups: groups.sort((a, b) => a.source.localeCompare(b.source)) };
}

/**
 * The cluster `synth` pictures once everything is set up: the settled Datasets, runtimes and operations plus every
 * object their plans apply, as a view. `synth --mutate` reads the Datasets a pod mounts from it, as the webhook
 * reads them from the operator's caches.
 */
export function synthesizedView(docs: readonly unknown[], registry: EngineRegistry, options: SynthOptions = {}): { ok: true; view: StaticClusterView } | { ok: false; errors: readonly SpecError[] } {
  const result = synthesize(docs, registry, options);
  if (!result.ok) return result;
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const { inputs } = collectInputs(docs, registry, options.defaultNamespace ?? 'default');
  const { resolved } = resolveRuntimes(inputs, registry, settings);
  const applied = result.groups.flatMap((g) => g.objects) as ObservedObject[];
  return { ok: true, view: new FileClusterView([...settledCluster(inputs, resolved), ...applied], registry) };
}
