// The runtime reconciler's decisions, generic over every engine (pkg/controllers/runtime_controller.go,
// pkg/ddc/base/setup.go and syncs.go in Fluid): validate, claim the Dataset, set up in Fluid's order (master →
// ready → workers → ready → fuse → bind → volume), keep everything in sync in place, write status, and tear down on
// deletion. A pure function of a RuntimeSnapshot; whatever is engine-specific comes from the engine.
import type { KubeObject } from '../../constructs/render-runtime';
import { renderRuntime } from '../../constructs/render-runtime';
import { renderInputFor, ResolvedRuntime } from '../../constructs/runtime-inputs';
import type { BuiltRuntime, RenderInput } from '../../constructs/runtimes/runtime-engine';
import { NO_CACHE } from '../../constructs/runtimes/cache-quota';
import { datasetId, DatasetRef } from '../../constructs/object-names';
import type { ObservedObject } from './cluster-view';
import { findCondition } from './conditions';
import { withDatasetCache, withRuntimeCache } from './cache-status';
import { cacheAffinityOf, NodeAffinity } from './cache-affinity';
import { boundDatasetStatus, boundRuntimeOf } from './dataset-status';
import { applyDecision, controllerRefOf, foreignObjectMessage, ownedObjectDeletes, prepareForApply } from './desired-objects';
import { ownerTagOf } from './owner-tag';
import { missingSecretMessage } from './missing-secrets';
import { limitMessage, limitViolations } from './object-limits';
import { heldByRejection, Rejection, runtimeRejectionPlan } from './rejected-write';
import { datasetProblems } from './dataset-plan';
import { nodeLabelChanges } from './node-labels';
import { fuseGenerationForNewPvc, pvcFuseGeneration } from './pvc-fuse-generation';
import { DONE, keyOf, Plan, PlannedEvent, regardingOf, requeueAfter, Write } from './plan';
import { planRuntimeDeletion } from './runtime-deletion-plan';
import { allocatePorts, HOST_PORTS_ANNOTATION, portsInUse, recordedPorts } from './host-ports';
import { finalizerOf, metadataWrites } from './runtime-metadata';
import { DATASET_FINALIZER } from './dataset-plan';
import { datasetStatusWrite, statusWrite } from './runtime-observations';
import { ComponentStates, runtimeReady, runtimeStatus, scalingCondition } from './runtime-status';
import { observedFor, RuntimeSnapshot, viewLookup } from './runtime-snapshot';
import { workersUsable, workloadState } from './workload-readiness';

/** A missing Secret may be created any time; its informer event requeues the runtime, and this is the backstop. */
const MISSING_SECRET_RETRY_MS = 30_000;
/** Ports are freed when a runtime is deleted, which requeues nothing here: look again now and then. */
const NO_FREE_PORT_RETRY_MS = 60_000;
/** An object in our way may be removed any time, and nothing of ours hears of it: look again now and then. */
const FOREIGN_OBJECT_RETRY_MS = 60_000;
/** While a runtime is being set up, look again even if no event comes (a missed watch event must not stall it). */
const SETUP_RESYNC_MS = 30_000;

/** A problem only the user can fix: recorded once as a condition and an Event, then nothing else happens. */
function problemPlan(s: RuntimeSnapshot, reason: string, message: string, outcome: Plan['outcome'] = DONE): Plan {
  const raw = s.runtime.raw;
  const previous = findCondition(raw.status?.conditions, 'Validated');
  if (previous?.status === 'False' && previous.message === message) return { writes: [], events: [], outcome };
  const status = withRuntimeCache(s.engine, runtimeStatus({ engine: s.engine, raw, now: s.now, states: emptyStates(), has: { master: false, workers: false, fuse: false }, specErrors: message }), raw.status, undefined, s.now);
  const writes: Write[] = [{ op: 'status', key: keyOf(raw), status }];
  const events: PlannedEvent[] = [{ regarding: regardingOf(raw), type: 'Warning', reason, note: message, action: 'Validate' }];
  return { writes, events, outcome };
}

/** What the apiserver's refusal of a rendered object becomes for this runtime (rejected-write.ts). */
export function runtimeRejection(s: RuntimeSnapshot, r: Rejection, now: Date): Plan {
  const raw = s.runtime.raw;
  const unset = () => withRuntimeCache(s.engine, runtimeStatus({ engine: s.engine, raw, now, states: emptyStates(), has: { master: false, workers: false, fuse: false } }), raw.status, undefined, now);
  return runtimeRejectionPlan(raw, s.dataset?.raw, r, now, raw.status?.conditions ? raw.status : unset(), referenceGeneration(s));
}

/** The name of the ThinRuntimeProfile / CacheRuntimeClass `runtime` names at `field` (engine.references); undefined if none. */
function referencedName(field: string, runtime: unknown): string | undefined {
  const name = field.split('.').reduce<any>((node, step) => node?.[step], runtime);
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** metadata.generation of the profile / class the runtime names; undefined if it names none or it is not found. */
function referenceGeneration(s: RuntimeSnapshot): number | undefined {
  const ref = s.engine.references;
  const name = ref && referencedName(ref.field, s.runtime.raw);
  return ref && name !== undefined ? s.view.get(ref.kind, name)?.metadata.generation : undefined;
}

function emptyStates(): ComponentStates {
  const absent = { phase: '' as const, desired: 0, current: 0, ready: 0, available: 0, unavailable: 0, exists: false };
  return { master: absent, workers: absent, fuse: absent };
}

interface Rendered {
  readonly resolved: ResolvedRuntime;
  readonly built: BuiltRuntime;
  readonly objects: readonly KubeObject[];
  readonly dataset: ObservedObject;
  readonly datasetRef: DatasetRef;
  readonly placement: 'Exclusive' | 'Shared';
}

type Stage = 'support' | 'master' | 'workers' | 'fuse' | 'volume';

function stageOf(obj: KubeObject, built: BuiltRuntime): Stage {
  const is = (ref?: { kind: string; name: string }) => !!ref && ref.kind === obj.kind && ref.name === obj.metadata.name;
  if (is(built.master)) return 'master';
  if (is(built.workers)) return 'workers';
  if (is(built.fuse)) return 'fuse';
  if (obj.kind === 'PersistentVolume' || obj.kind === 'PersistentVolumeClaim') return 'volume';
  return 'support';
}

/** Fluid's order: workers wait for ready masters, the fuse for usable workers, the volume for the binding. */
function stagesAllowed(states: ComponentStates, setupDone: boolean, bound: boolean): Set<Stage> {
  const allowed = new Set<Stage>(['support', 'master']);
  const masterReady = states.master.phase === 'Ready';
  if (setupDone || masterReady) allowed.add('workers');
  if (setupDone || (masterReady && workersUsable(states.workers))) allowed.add('fuse');
  if (bound) allowed.add('volume');
  return allowed;
}

function nodeWrites(s: RuntimeSnapshot, r: Rendered, keep: boolean): Write[] {
  if (!r.built.workers) return [];
  const changes = nodeLabelChanges({
    runtimeType: s.engine.nodeLabelType ?? s.engine.runtimeType,
    dataset: r.datasetRef,
    datasetId: datasetId(r.datasetRef),
    placement: r.placement,
    quota: s.engine.cacheQuota?.(r.resolved.input.runtime.spec) ?? NO_CACHE,
    nodes: s.view.list('Node'),
    workerPods: s.view.list('Pod').filter((p) => p.metadata.labels?.['fluid.io/dataset'] !== undefined),
    keep,
  });
  return [...changes].map(([node, labels]) => ({ op: 'node-labels', node, labels }));
}

function bindingConflict(s: RuntimeSnapshot, dataset: ObservedObject): string | undefined {
  const bound = boundRuntimeOf(dataset.status);
  const { name, namespace } = s.runtime.raw.metadata;
  if (!bound) return undefined;
  if (bound.name === name && bound.namespace === namespace && (!bound.type || bound.type === s.engine.runtimeType)) return undefined;
  return `Dataset ${namespace}/${name} is already bound to a ${bound.type ?? 'runtime'} runtime ${bound.namespace}/${bound.name}; a dataset binds one runtime`;
}

/**
 * The runtime lost the Dataset to another: its condition, and the removal of what it created while both were setting
 * up. Only objects whose owner annotation names this runtime go; the winner's and the user's carry another or none.
 */
function loserPlan(s: RuntimeSnapshot, conflict: string): Plan {
  const deletes = ownedObjectDeletes(s.view, s.runtime.raw);
  const problem = problemPlan(s, 'ErrorProcessRuntime', `${conflict}; the objects this runtime created are removed`);
  return { ...problem, writes: [...problem.writes, ...deletes] };
}

function scalingEvents(s: RuntimeSnapshot, states: ComponentStates): PlannedEvent[] {
  const scaled = scalingCondition({ previous: s.runtime.raw.status, states, has: { master: true, workers: true, fuse: true }, now: s.now, createdAt: undefined });
  return scaled ? [{ regarding: regardingOf(s.runtime.raw), type: 'Normal', reason: 'Succeed', note: scaled.message ?? '', action: 'Scale' }] : [];
}

type Problem = { reason: string; message: string };

/** The runtime paired with its Dataset and what it names, and checked by its engine; or why not. */
function resolve(s: RuntimeSnapshot, dataset: NonNullable<RuntimeSnapshot['dataset']>): ResolvedRuntime | Problem {
  const { engine, runtime } = s;
  if (!runtime.parsed.ok) return { reason: 'ErrorValidateSpecFields', message: runtime.parsed.error.message };
  if (!dataset.parsed.ok) return { reason: 'ErrorValidateSpecFields', message: dataset.parsed.error.message };
  const datasetInvalid = datasetProblems(dataset.raw);
  if (datasetInvalid) return { reason: 'ErrorValidateSpecFields', message: datasetInvalid };
  if (engine.references) {
    const name = referencedName(engine.references.field, runtime.parsed.object);
    const named = name !== undefined ? s.view.parsed(engine.references.kind, name) : undefined;
    if (named && !named.parsed.ok) return { reason: 'ErrorValidateSpecFields', message: named.parsed.error.message };
  }
  const resolved = renderInputFor(engine, runtime.parsed.object, dataset.parsed.object, viewLookup(s.view), s.settings, observedFor(s));
  if (Array.isArray(resolved)) return { reason: 'ErrorValidateSpecFields', message: resolved.map((e) => e.message).join('; ') };
  return resolved;
}

/**
 * The host ports the engine needs for this runtime: the ones recorded on it, and new ones from the range for any it
 * lacks (`record` then holds what to record). Without a range (`synth`), only what the runtime's own annotation
 * records, and the engines' defaults for the rest.
 */
function hostPortsFor(s: RuntimeSnapshot, input: RenderInput<unknown>): { ports?: Record<string, number>; record?: Record<string, number> } | Problem {
  if (!s.engine.hostPorts) return {};
  const needed = s.engine.hostPorts(input);
  const recorded = recordedPorts(s.runtime.raw) ?? {};
  const missing = needed.filter((name) => recorded[name] === undefined);
  const pick = (from: Record<string, number>) => Object.fromEntries(needed.filter((name) => from[name] !== undefined).map((name) => [name, from[name]]));
  if (missing.length === 0 || !s.hostPorts) return { ports: pick(recorded) };
  const taken = new Set([...portsInUse(s.view, s.registry, s.runtime.raw), ...s.hostPorts.reserved, ...Object.values(recorded)]);
  const allocated = allocatePorts(missing, taken, s.hostPorts.range);
  if (!allocated.ok) return { reason: 'ErrorProcessRuntime', message: allocated.error };
  const record = { ...recorded, ...allocated.ports };
  return { ports: pick(record), record };
}

/**
 * What the runtime was last rendered from, with the host ports recorded on it: the cache sync's view of the runtime.
 * Undefined while the runtime, its Dataset or what it names does not resolve.
 */
export function servedRenderInput(s: RuntimeSnapshot): RenderInput<unknown> | undefined {
  if (!s.dataset) return undefined;
  const resolved = resolve(s, s.dataset);
  if ('reason' in resolved) return undefined;
  const ports = recordedPorts(s.runtime.raw);
  return ports ? { ...resolved.input, ports } : resolved.input;
}

function withFuseGeneration(resolved: ResolvedRuntime, fuseGeneration: number | undefined): ResolvedRuntime {
  const observed = { ...resolved.input.observed, fuseGeneration };
  return fuseGeneration === undefined ? resolved : { ...resolved, input: { ...resolved.input, observed } };
}

/**
 * The engine's objects for the resolved runtime; or the message that says why not. The PVC records the fuse
 * generation (pvc-fuse-generation.ts): what it already records, or, before it exists, the generation of the fuse
 * DaemonSet, whose name and containers only the rendering tells; so until the PVC exists it renders twice.
 */
function render(s: RuntimeSnapshot, given: ResolvedRuntime, dataset: NonNullable<RuntimeSnapshot['dataset']>): Rendered | Problem {
  try {
    const raw = s.runtime.raw;
    const ds = { namespace: raw.metadata.namespace ?? 'default', name: raw.metadata.name, uid: dataset.raw.metadata.uid };
    const recorded = pvcFuseGeneration(s.view, ds);
    let resolved = withFuseGeneration(given, recorded.pvcExists ? recorded.generation : undefined);
    let { objects, built } = renderRuntime(s.engine, resolved.input);
    const current = recorded.pvcExists ? undefined : fuseGenerationForNewPvc(s.view, ds.namespace, built.fuse, objects);
    if (current !== undefined) {
      resolved = withFuseGeneration(given, current);
      ({ objects, built } = renderRuntime(s.engine, resolved.input));
    }
    const placement = dataset.parsed.ok && dataset.parsed.object.spec.placement === 'Shared' ? 'Shared' : 'Exclusive';
    return { resolved, built, objects, dataset: dataset.raw, datasetRef: ds, placement };
  } catch (e) {
    return { reason: 'ErrorValidateSpecFields', message: `the ${s.engine.kind} engine failed to render: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function statusOf(s: RuntimeSnapshot, r: Rendered, states: ComponentStates): Record<string, unknown> {
  return withRuntimeCache(s.engine, runtimeStatus({
    engine: s.engine,
    raw: s.runtime.raw,
    now: s.now,
    states,
    has: { master: !!r.built.master, workers: !!r.built.workers, fuse: !!r.built.fuse },
    selector: r.built.statusSelector,
    input: r.resolved.input as RenderInput<unknown>,
    // Fluid sets it in CheckAndUpdateRuntimeStatus, which runs once the worker workload exists.
    cacheAffinity: states.workers.exists ? workerCacheAffinity(r) : undefined,
  }), s.runtime.raw.status, s.cache, s.now);
}

function workerCacheAffinity(r: Rendered): NodeAffinity | undefined {
  const ref = r.built.workers;
  const workload = ref && r.objects.find((o) => o.kind === ref.kind && o.metadata.name === ref.name);
  return workload ? cacheAffinityOf(workload as Parameters<typeof cacheAffinityOf>[0]) : undefined;
}

export function planRuntime(s: RuntimeSnapshot): Plan {
  const raw = s.runtime.raw;
  if (raw.metadata.deletionTimestamp) return planRuntimeDeletion(s);
  const { namespace, name } = raw.metadata;
  const ns = namespace ?? 'default';
  if (!s.dataset) {
    return problemPlan(s, 'ErrorProcessRuntime', `no Dataset ${ns}/${name} found; a runtime serves the Dataset of the same namespace and name`);
  }
  const conflict = bindingConflict(s, s.dataset.raw);
  if (conflict) return loserPlan(s, conflict);
  const held = heldByRejection(raw, s.dataset.raw, s.now, referenceGeneration(s));
  if (held) return { writes: [], events: [], outcome: held };

  const resolved = resolve(s, s.dataset);
  if ('reason' in resolved) return problemPlan(s, resolved.reason, resolved.message);
  const ports = hostPortsFor(s, resolved.input);
  if ('reason' in ports) return problemPlan(s, ports.reason, ports.message, requeueAfter(NO_FREE_PORT_RETRY_MS));
  const rendered = render(s, ports.ports ? { ...resolved, input: { ...resolved.input, ports: ports.ports } } : resolved, s.dataset);
  if ('reason' in rendered) return problemPlan(s, rendered.reason, rendered.message);
  const overLimit = limitViolations(rendered.objects);
  if (overLimit.length) return problemPlan(s, 'ErrorValidateSpecFields', limitMessage(overLimit, name));
  const missing = missingSecretMessage(s, rendered.resolved.input, rendered.objects);
  if (missing) return problemPlan(s, 'ErrorProcessRuntime', missing, requeueAfter(MISSING_SECRET_RETRY_MS));

  const portAnnotation: Record<string, string> = ports.record ? { [HOST_PORTS_ANNOTATION]: JSON.stringify(ports.record) } : {};
  const claimed = (s.dataset.raw.metadata.finalizers ?? []).includes(DATASET_FINALIZER);
  const meta = metadataWrites(raw, s.dataset.raw, finalizerOf(s.engine), portAnnotation, claimed);
  if (meta.length) return { writes: meta, events: [], outcome: DONE };
  // The Dataset controller's patch (finalizer and dataset-id label) comes first; the Dataset's change requeues us.
  if (!claimed) return { writes: [], events: [], outcome: DONE };

  const states: ComponentStates = {
    master: workloadState(s.view, rendered.built.master, ns),
    workers: workloadState(s.view, rendered.built.workers, ns),
    fuse: workloadState(s.view, rendered.built.fuse, ns),
  };
  const has = { master: !!rendered.built.master, workers: !!rendered.built.workers, fuse: !!rendered.built.fuse };
  const dataset = s.dataset.raw;
  const boundToUs = boundRuntimeOf(dataset.status)?.name === name;
  const setupDone = boundToUs && findCondition(dataset.status?.conditions, 'Ready') !== undefined;
  const bindNow = !boundToUs && runtimeReady(states, has);

  const allowed = stagesAllowed(states, setupDone, boundToUs || bindNow);
  const decisions = rendered.objects.filter((obj) => allowed.has(stageOf(obj, rendered.built))).map((obj) => applyDecision(obj, raw, s.view));
  const foreign = decisions.flatMap((d) => (d.kind === 'foreign' ? [d.object] : []));
  if (foreign.length) return problemPlan(s, 'ErrorProcessRuntime', foreign.map(foreignObjectMessage).join('; '), requeueAfter(FOREIGN_OBJECT_RETRY_MS));
  const writes: Write[] = decisions.flatMap((d) => (d.kind === 'write' ? [d.write] : []));

  let datasetWrite: Write | undefined;
  if (bindNow || boundToUs) {
    const datasetStatus = boundDatasetStatus(dataset.status, s.dataset.parsed.ok ? s.dataset.parsed.object.spec : {}, {
      kind: raw.kind,
      name,
      namespace: ns,
      runtimeType: s.engine.runtimeType,
      masterReplicas: rendered.built.master?.replicas ?? 0,
    }, s.now, runtimeReady(states, has));
    // After the volume, which this plan creates when it binds: a Dataset is never Bound without its PVC.
    datasetWrite = datasetStatusWrite(dataset, boundToUs ? withDatasetCache(s.engine, datasetStatus, s.cache) : datasetStatus);
  }
  // The runtime's status before the binding: its setupDuration is written no later than the Dataset turns Bound,
  // as Fluid's CheckAndUpdateRuntimeStatus runs before BindToDataset (pkg/ddc/base/setup.go).
  // A plan that creates a component's workload leaves the status to the reconcile its creation sets off: written
  // now, it would describe the runtime as it was a moment before, and be written again at once.
  const createsWorkload = writes.some((w) => w.op === 'create' && ['master', 'workers', 'fuse'].includes(stageOf(w.object, rendered.built)));
  const runtimeStatusWrite = createsWorkload ? undefined : statusWrite(raw, statusOf(s, rendered, states));
  if (runtimeStatusWrite) writes.push(runtimeStatusWrite);
  if (datasetWrite) writes.push(datasetWrite);
  writes.push(...nodeWrites(s, rendered, true));

  // No Event for the binding: Fluid records none (BindToDataset only writes the status), and at a thousand pairs it
  // would be a thousand objects that say what the Dataset's phase already says.
  const events: PlannedEvent[] = scalingEvents(s, states);
  return { writes, events, outcome: setupDone && !bindNow ? DONE : requeueAfter(SETUP_RESYNC_MS) };
}

/**
 * Every object this runtime's plan applies once it is set up, exactly as the executor sends it (owner reference,
 * owner annotation, applied hash), with host ports and the fuse generation resolved from the view as the plan
 * resolves them; or the problem that stops the plan. `fluid-cdk8s diff` dry-runs these against the cluster.
 */
export function desiredRuntimeObjects(s: RuntimeSnapshot): { objects: KubeObject[] } | Problem {
  const { namespace, name } = s.runtime.raw.metadata;
  if (!s.dataset) return { reason: 'ErrorProcessRuntime', message: `no Dataset ${namespace ?? 'default'}/${name} found; a runtime serves the Dataset of the same namespace and name` };
  const conflict = bindingConflict(s, s.dataset.raw);
  if (conflict) return { reason: 'ErrorProcessRuntime', message: conflict };
  const resolved = resolve(s, s.dataset);
  if ('reason' in resolved) return resolved;
  const ports = hostPortsFor(s, resolved.input);
  if ('reason' in ports) return ports;
  const rendered = render(s, ports.ports ? { ...resolved, input: { ...resolved.input, ports: ports.ports } } : resolved, s.dataset);
  if ('reason' in rendered) return rendered;
  const missing = missingSecretMessage(s, rendered.resolved.input, rendered.objects);
  if (missing) return { reason: 'ErrorProcessRuntime', message: missing };
  const owner = s.runtime.raw;
  return { objects: rendered.objects.map((obj) => prepareForApply(obj, controllerRefOf(owner), ownerTagOf(owner))) };
}
