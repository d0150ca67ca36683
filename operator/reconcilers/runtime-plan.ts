// The runtime reconciler's decisions, generic over every engine (pkg/controllers/runtime_controller.go,
// pkg/ddc/base/setup.go and syncs.go in Fluid): validate, claim the Dataset, set up in Fluid's order (master →
// ready → workers → ready → fuse → bind → volume), keep everything in sync in place, write status, and tear down on
// deletion. A pure function of the runtime and a ClusterView.
import type { KubeObject } from '../../constructs/render-runtime';
import { renderRuntime } from '../../constructs/render-runtime';
import type { EngineRegistry } from '../../constructs/runtimes/engine-registry';
import type { BuiltRuntime, EngineSettings, RuntimeEngine } from '../../constructs/runtimes/runtime-engine';
import { datasetId, DatasetRef } from '../../constructs/object-names';
import type { ClusterView, ObservedObject } from './cluster-view';
import { findCondition } from './conditions';
import { cacheQuotaOf } from './cache-quota';
import { boundDatasetStatus, boundRuntimeOf } from './dataset-status';
import { applyWriteFor, observedOf } from './desired-objects';
import { nodeLabelChanges } from './node-labels';
import { DONE, keyOf, Plan, PlannedEvent, requeueAfter, Write } from './plan';
import { planRuntimeDeletion } from './runtime-deletion-plan';
import { finalizerOf, metadataWrites } from './runtime-metadata';
import { cacheRuntimeStatus, classicRuntimeStatus, ComponentStates, runtimeReady, scalingCondition, StatusInput, VALIDATED } from './runtime-status';
import { datasetStatusWrite, statusWrite } from './runtime-observations';
import { resolveRuntime } from './serving-runtime';
import { workersUsable, workloadState } from './workload-readiness';
import type { SecretReference } from './secret-references';

export interface RuntimePlanInput {
  readonly runtime: ObservedObject;
  readonly view: ClusterView;
  readonly registry: EngineRegistry;
  readonly settings: EngineSettings;
  readonly now: Date;
  /** Secrets the runtime's pods would mount that do not exist (looked up by the driver, metadata only). */
  readonly missingSecrets?: readonly SecretReference[];
}

/** A missing Secret may be created any time and no event tells us: look again. */
const MISSING_SECRET_RETRY_MS = 30_000;

/** While a runtime is being set up, look again even if no event comes (a missed watch event must not stall it). */
const SETUP_RESYNC_MS = 30_000;

function datasetOf(input: RuntimePlanInput): ObservedObject | undefined {
  return input.view.get('Dataset', input.runtime.metadata.name, input.runtime.metadata.namespace);
}

function refOf(obj: ObservedObject) {
  return { ...keyOf(obj), uid: obj.metadata.uid };
}

/** A problem only the user can fix: recorded once as a condition and an Event, then nothing else happens. */
function problemPlan(input: RuntimePlanInput, engine: RuntimeEngine, reason: string, message: string, outcome: Plan['outcome'] = DONE): Plan {
  const previous = findCondition(input.runtime.status?.conditions, VALIDATED);
  if (previous?.status === 'False' && previous.message === message) return { writes: [], events: [], outcome };
  const status = statusFor(input, engine, undefined, emptyStates(), message);
  const writes: Write[] = [{ op: 'status', key: keyOf(input.runtime), status }];
  const events: PlannedEvent[] = [{ regarding: refOf(input.runtime), type: 'Warning', reason, note: message, action: 'Validate' }];
  return { writes, events, outcome };
}

function emptyStates(): ComponentStates {
  const absent = { phase: '' as const, desired: 0, current: 0, ready: 0, available: 0, unavailable: 0, exists: false };
  return { master: absent, workers: absent, fuse: absent };
}

function statusFor(input: RuntimePlanInput, engine: RuntimeEngine, built: BuiltRuntime | undefined, states: ComponentStates, specErrors?: string): Record<string, unknown> {
  const args: StatusInput = {
    previous: input.runtime.status,
    states,
    has: { master: !!built?.master, workers: !!built?.workers, fuse: !!built?.fuse },
    now: input.now,
    createdAt: input.runtime.metadata.creationTimestamp,
    selector: built?.statusSelector,
    specErrors,
  };
  if (engine.kind === 'CacheRuntime') return cacheRuntimeStatus(args, `fluid-runtime-config-${input.runtime.metadata.name}`);
  return classicRuntimeStatus(args, engine.kind === 'ThinRuntime' ? thinExtras(datasetOf(input)) : {});
}

/** Thin reports its mounts (without options and secrets) and no cache figures (pkg/ddc/thin). */
function thinExtras(dataset: ObservedObject | undefined): Record<string, unknown> {
  const mounts = ((dataset?.spec?.mounts ?? []) as Record<string, unknown>[]).map(({ options: _o, encryptOptions: _e, ...rest }) => rest);
  const na = 'N/A';
  return { mounts, cacheStates: { cacheCapacity: na, cached: na, cachedPercentage: na, cacheHitRatio: na, cacheThroughputRatio: na } };
}

interface Rendered {
  readonly engine: RuntimeEngine;
  readonly built: BuiltRuntime;
  readonly objects: readonly KubeObject[];
  readonly dataset: ObservedObject;
  readonly datasetRef: DatasetRef;
  readonly placement: 'Exclusive' | 'Shared';
}

/** Validates, pairs with the Dataset and renders; or explains why not. */
function render(input: RuntimePlanInput, dataset: ObservedObject): Rendered | { error: string } {
  const { runtime } = input;
  const resolved = resolveRuntime(input.view, input.registry, input.settings, runtime, dataset);
  if ('error' in resolved) return resolved;
  const { engine, input: renderInput } = resolved;
  try {
    const { objects, built } = renderRuntime(engine, renderInput);
    const ds = { namespace: runtime.metadata.namespace ?? 'default', name: runtime.metadata.name, uid: dataset.metadata.uid };
    return { engine, built, objects, dataset, datasetRef: ds, placement: dataset.spec?.placement === 'Shared' ? 'Shared' : 'Exclusive' };
  } catch (e) {
    return { error: `the ${engine.kind} engine failed to render: ${e instanceof Error ? e.message : String(e)}` };
  }
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

function applyWrites(input: RuntimePlanInput, r: Rendered, allowed: Set<Stage>): Write[] {
  return r.objects
    .filter((obj) => allowed.has(stageOf(obj, r.built)))
    .flatMap((obj) => applyWriteFor(obj, input.runtime, observedOf(input.view, obj)) ?? []);
}

function nodeWrites(input: RuntimePlanInput, r: Rendered, keep: boolean): Write[] {
  if (!r.built.workers) return [];
  const changes = nodeLabelChanges({
    runtimeType: r.engine.runtimeType,
    dataset: r.datasetRef,
    datasetId: datasetId(r.datasetRef),
    placement: r.placement,
    quota: cacheQuotaOf(input.runtime.kind, input.runtime.spec),
    nodes: input.view.list('Node'),
    workerPods: input.view.list('Pod').filter((p) => p.metadata.labels?.['fluid.io/dataset'] !== undefined),
    keep,
  });
  return [...changes].map(([node, labels]) => ({ op: 'node-labels', node, labels }));
}

function bindingConflict(input: RuntimePlanInput, engine: RuntimeEngine, dataset: ObservedObject): string | undefined {
  const bound = boundRuntimeOf(dataset.status);
  const { name, namespace } = input.runtime.metadata;
  if (!bound) return undefined;
  if (bound.name === name && bound.namespace === namespace && (!bound.type || bound.type === engine.runtimeType)) return undefined;
  return `Dataset ${namespace}/${name} is already bound to a ${bound.type ?? 'runtime'} runtime ${bound.namespace}/${bound.name}; a dataset binds one runtime`;
}

function scalingEvents(input: RuntimePlanInput, states: ComponentStates): PlannedEvent[] {
  const scaled = scalingCondition({ previous: input.runtime.status, states, has: { master: true, workers: true, fuse: true }, now: input.now, createdAt: undefined });
  return scaled ? [{ regarding: refOf(input.runtime), type: 'Normal', reason: 'Succeed', note: scaled.message ?? '', action: 'Scale' }] : [];
}

export function planRuntime(input: RuntimePlanInput): Plan {
  const { runtime, view } = input;
  const engine = input.registry.get(runtime.kind);
  if (!engine) return { writes: [], events: [], outcome: { kind: 'terminal', error: new Error(`no engine serves ${runtime.kind}`) } };
  const dataset = datasetOf(input);
  if (runtime.metadata.deletionTimestamp) return planRuntimeDeletion(input, engine, dataset);

  if (!dataset) {
    return problemPlan(input, engine, 'ErrorProcessRuntime', `no Dataset ${runtime.metadata.namespace}/${runtime.metadata.name} found; a runtime serves the Dataset of the same namespace and name`);
  }
  const conflict = bindingConflict(input, engine, dataset);
  if (conflict) return problemPlan(input, engine, 'ErrorProcessRuntime', conflict);

  if (input.missingSecrets?.length) {
    const { namespace, name } = runtime.metadata;
    const message = input.missingSecrets
      .map((m) => `${m.object === 'Dataset' ? `Dataset ${namespace}/${name}` : `${runtime.kind} ${namespace}/${name}`}: ${m.path}: Secret "${m.secret}" not found in namespace ${namespace}`)
      .join('; ');
    return problemPlan(input, engine, 'ErrorProcessRuntime', message, requeueAfter(MISSING_SECRET_RETRY_MS));
  }

  const meta = metadataWrites(runtime, dataset, finalizerOf(engine));
  if (meta.length) return { writes: meta, events: [], outcome: DONE };

  const rendered = render(input, dataset);
  if ('error' in rendered) return problemPlan(input, engine, 'ErrorValidateSpecFields', rendered.error);

  const ns = runtime.metadata.namespace ?? 'default';
  const states: ComponentStates = {
    master: workloadState(view, rendered.built.master, ns),
    workers: workloadState(view, rendered.built.workers, ns),
    fuse: workloadState(view, rendered.built.fuse, ns),
  };
  const has = { master: !!rendered.built.master, workers: !!rendered.built.workers, fuse: !!rendered.built.fuse };
  const boundToUs = boundRuntimeOf(dataset.status)?.name === runtime.metadata.name;
  const setupDone = boundToUs && findCondition(dataset.status?.conditions, 'Ready') !== undefined;
  const bindNow = !boundToUs && runtimeReady(states, has);

  const writes: Write[] = applyWrites(input, rendered, stagesAllowed(states, setupDone, boundToUs || bindNow));
  if (bindNow || boundToUs) {
    const datasetStatus = boundDatasetStatus(dataset.status, dataset.spec ?? {}, {
      kind: runtime.kind,
      name: runtime.metadata.name,
      namespace: ns,
      runtimeType: engine.runtimeType,
      masterReplicas: rendered.built.master?.replicas ?? 0,
    }, input.now, runtimeReady(states, has));
    const datasetWrite = datasetStatusWrite(dataset, datasetStatus);
    // The binding goes first: the volume is created for a Bound dataset only.
    if (datasetWrite) writes.unshift(datasetWrite);
  }
  writes.push(...nodeWrites(input, rendered, true));
  const runtimeStatusWrite = statusWrite(runtime, statusFor(input, engine, rendered.built, states));
  if (runtimeStatusWrite) writes.push(runtimeStatusWrite);

  const events: PlannedEvent[] = [...scalingEvents(input, states)];
  if (bindNow) events.push({ regarding: refOf(dataset), type: 'Normal', reason: 'DatasetBound', note: `Bound to ${runtime.kind} ${ns}/${runtime.metadata.name}`, action: 'Bind' });
  return { writes, events, outcome: setupDone && !bindNow ? DONE : requeueAfter(SETUP_RESYNC_MS) };
}
