// The Dataset and runtime controllers: informer events become queue keys, a queued key becomes plan() + applyPlan().
import type * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { datasetId } from '../constructs/object-names';
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import type { EngineSettings } from '../constructs/runtimes/runtime-engine';
import { ClusterCache } from './cluster-cache';
import { applyPlan, EventSink, RejectedWrite } from './kube/apply-plan';
import type { ApiReachability } from './kube/api-reachability';
import type { ResourceCatalog } from './kube/resources';
import { CHILD_KINDS } from './reconcilers/child-kinds';
import type { ObservedObject } from './reconcilers/cluster-view';
import { findCondition } from './reconcilers/conditions';
import { planDataset } from './reconcilers/dataset-plan';
import { OWNER_ANNOTATION, ownerTagOf } from './reconcilers/owner-tag';
import type { Outcome, Plan } from './reconcilers/plan';
import { planRuntime, runtimeRejection } from './reconcilers/runtime-plan';
import { eventOnlyRejectionPlan, Rejection } from './reconcilers/rejected-write';
import { runtimeSnapshot } from './reconcilers/runtime-snapshot';
import { planOperation } from './reconcilers/operation-plan';
import { isOperationKind, OPERATION_KINDS, operationTarget } from '../constructs/operations/operation-rules';
import type { FluidObject } from '../constructs/runtimes/runtime-engine';
import { PortReservations } from './port-reservations';
import type { PortRange } from './reconcilers/host-ports';
import { WorkQueue } from './work-queue';
import { objectField, ObjectRef } from './process-logger';
import type { OperatorMetrics } from './metrics';
import { CacheSync, PodExec } from './sync/cache-sync';

export interface ControllerDeps {
  readonly kc: k8s.KubeConfig;
  readonly catalog: ResourceCatalog;
  readonly cache: ClusterCache;
  readonly registry: EngineRegistry;
  readonly settings: EngineSettings;
  readonly events: EventSink;
  readonly metrics: OperatorMetrics;
  readonly logger: Logger;
  readonly workers: number;
  /** Where runtimes on the host network get their ports (Fluid's --runtime-node-port-range). */
  readonly hostPortRange: PortRange;
  /** Runs the engines' cache queries in their pods. */
  readonly exec: PodExec;
  /** Between two cache sync rounds of one runtime. */
  readonly cacheSyncPeriodMs: number;
  /** Reconciles failing because the apiserver is unreachable are already reported there. */
  readonly reachability?: ApiReachability;
}

const splitKey = (key: string) => key.split('/');

export class Controllers {
  readonly datasets: WorkQueue;
  readonly runtimes: WorkQueue;
  readonly operations: WorkQueue;
  private readonly reservations = new PortReservations();
  private started = false;
  private readonly sync: CacheSync;

  constructor(private readonly deps: ControllerDeps) {
    const common = { logger: deps.logger, workers: deps.workers, reported: (e: Error) => this.unreachable(e) };
    this.sync = new CacheSync({
      view: deps.cache,
      registry: deps.registry,
      settings: deps.settings,
      exec: deps.exec,
      changed: (key) => this.runtimes.add(key),
      logger: deps.logger,
      metrics: deps.metrics.cacheSync,
      periodMs: deps.cacheSyncPeriodMs,
    });
    this.datasets = new WorkQueue({ ...common, name: 'dataset', kind: 'Dataset', metrics: deps.metrics.queueMetrics('dataset', deps.workers) });
    this.runtimes = new WorkQueue({ ...common, name: 'runtime', metrics: deps.metrics.queueMetrics('runtime', deps.workers) });
    this.operations = new WorkQueue({ ...common, name: 'operation', metrics: deps.metrics.queueMetrics('operation', deps.workers) });
    this.wire();
  }

  private runtimeKinds(): string[] {
    return this.deps.registry.kinds();
  }

  /** Runtimes that serve the Dataset ns/name (a dataset binds one, but every candidate must hear of changes). */
  private runtimesOf(namespace: string | undefined, name: string): string[] {
    return this.runtimeKinds().filter((kind) => this.deps.cache.get(kind, name, namespace)).map((kind) => `${kind}/${namespace}/${name}`);
  }

  /** Routes an object's owner annotation (`Kind/namespace/name`) to the queue of that owner. */
  private enqueueOwner(obj: ObservedObject): void {
    const owner = obj.metadata.annotations?.[OWNER_ANNOTATION];
    if (!owner) return;
    if (isOperationKind(owner.split('/')[0])) this.operations.add(owner);
    else this.runtimes.add(owner);
  }

  /** Data operations that target the Dataset ns/name, or that run after the operation kind ns/name. */
  private operationsWaitingOn(namespace: string | undefined, match: (op: ObservedObject) => boolean): string[] {
    return OPERATION_KINDS.flatMap((kind) => this.deps.cache.list(kind, namespace).filter(match).map((op) => ownerTagOf(op)));
  }

  private onAny(kind: string, handler: (obj: ObservedObject) => void): void {
    const informer = this.deps.cache.informers.get(kind);
    for (const verb of ['add', 'update', 'delete'] as const) informer?.on(verb, (o) => handler(o as ObservedObject));
  }

  private wire(): void {
    const { cache } = this.deps;
    this.onAny('Dataset', (ds) => {
      this.datasets.add(`${ds.metadata.namespace}/${ds.metadata.name}`);
      for (const key of this.runtimesOf(ds.metadata.namespace, ds.metadata.name)) this.runtimes.add(key);
      const targets = (op: ObservedObject) => {
        const target = operationTarget(op as FluidObject<any>);
        return target?.name === ds.metadata.name && target.namespace === ds.metadata.namespace;
      };
      for (const key of this.operationsWaitingOn(ds.metadata.namespace, targets)) this.operations.add(key);
    });
    for (const kind of OPERATION_KINDS) {
      this.onAny(kind, (op) => {
        // Items of an informer's initial list carry no kind; the handler knows it.
        this.operations.add(ownerTagOf({ ...op, kind }));
        // A follower waits on its runAfter operation and, for data-flow affinity, on the one named by dependOn.
        const follows = (other: ObservedObject) =>
          [other.spec?.runAfter, other.spec?.runAfter?.affinityStrategy?.dependOn].some(
            (ref) => ref?.kind === kind && ref?.name === op.metadata.name && (ref?.namespace ?? other.metadata.namespace) === op.metadata.namespace,
          );
        for (const key of this.operationsWaitingOn(undefined, follows)) this.operations.add(key);
      });
    }
    for (const kind of this.runtimeKinds()) this.onAny(kind, (rt) => this.runtimes.add(`${kind}/${rt.metadata.namespace}/${rt.metadata.name}`));
    for (const kind of CHILD_KINDS) {
      this.onAny(kind, (child) => this.enqueueOwner(child));
    }
    // Worker pods move node labels, component pods what an engine observes; any pod may hold a Dataset being deleted.
    this.onAny('Pod', (pod) => {
      this.enqueueOwner(pod);
      const ns = pod.metadata.namespace ?? 'default';
      const labels = pod.metadata.labels ?? {};
      const ownerName = labels['cacheruntime.fluid.io/name'];
      if (ownerName) for (const key of this.runtimesOf(ns, ownerName)) this.runtimes.add(key);
      const dsid = labels['fluid.io/dataset'];
      if (dsid) {
        for (const ds of cache.list('Dataset', ns)) {
          if (datasetId({ namespace: ns, name: ds.metadata.name, uid: ds.metadata.uid }) === dsid) for (const key of this.runtimesOf(ns, ds.metadata.name)) this.runtimes.add(key);
        }
      }
      for (const v of (pod.spec?.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[]) {
        const claim = v.persistentVolumeClaim?.claimName;
        if (claim && cache.get('Dataset', claim, ns)?.metadata.deletionTimestamp) this.datasets.add(`${ns}/${claim}`);
      }
    });
    // A profile or class changed: every runtime that names it renders again.
    for (const engine of this.deps.registry.all()) {
      const ref = engine.references;
      if (!ref) continue;
      const named = (rt: ObservedObject) => ref.field.split('.').reduce<any>((node, step) => node?.[step], rt);
      this.onAny(ref.kind, (obj) => {
        for (const rt of cache.list(engine.kind)) if (named(rt) === obj.metadata.name) this.runtimes.add(`${engine.kind}/${rt.metadata.namespace}/${rt.metadata.name}`);
      });
    }
    // A Secret appeared: the runtimes of its namespace that wait for a missing Secret look again.
    const secrets = cache.metadataInformer('Secret');
    secrets?.on('add', (secret) => {
      const ns = secret.metadata?.namespace;
      for (const kind of this.runtimeKinds()) {
        for (const rt of cache.list(kind, ns)) if (findCondition(rt.status?.conditions, 'Validated')?.status === 'False') this.runtimes.add(`${kind}/${ns}/${rt.metadata.name}`);
      }
    });
  }

  /** True when `err` is the apiserver being unreachable, which ApiReachability has reported once for all. */
  private unreachable(err: unknown): boolean {
    return this.deps.reachability?.failed(err, 'reconcile') ?? false;
  }

  /** `onRejected`: what the apiserver's refusal of a rendered object becomes (rejected-write.ts). */
  private async execute(plan: Plan, what: ObjectRef, onRejected?: (r: Rejection) => Plan): Promise<Outcome> {
    try {
      await applyPlan(this.deps.kc, this.deps.catalog, plan, this.deps.events, this.deps.metrics.countApiWrite);
    } catch (e) {
      if (e instanceof RejectedWrite && onRejected) return this.recordRejection(e.rejection, what, onRejected);
      // The work queue logs the failure once, with the object, at a level that fits it (a conflict is debug; an
      // unreachable apiserver, reported once by ApiReachability, too).
      return { kind: 'retry', error: e instanceof Error ? e : new Error(String(e)) };
    }
    if (plan.writes.length) {
      const nodeLabels = Object.fromEntries(plan.writes.flatMap((w) => (w.op === 'node-labels' ? [[w.node, w.labels]] : [])));
      this.deps.logger.info({ ...objectField(what), writes: plan.writes.map((w) => w.op).join(','), ...(Object.keys(nodeLabels).length ? { nodeLabels } : {}) }, 'Applied plan');
    }
    return plan.outcome;
  }

  private async recordRejection(r: Rejection, what: ObjectRef, onRejected: (r: Rejection) => Plan): Promise<Outcome> {
    const { object } = r;
    this.deps.logger.warn({ ...objectField(what), refused: `${object.kind} ${object.namespace ?? ''}/${object.name}`, code: r.status, error: r.message }, 'Recorded an object the apiserver refused');
    const plan = onRejected(r);
    try {
      await applyPlan(this.deps.kc, this.deps.catalog, plan, this.deps.events, this.deps.metrics.countApiWrite);
    } catch (e) {
      return { kind: 'retry', error: e instanceof Error ? e : new Error(String(e)) };
    }
    return plan.outcome;
  }

  private async reconcileDataset(key: string): Promise<Outcome> {
    const [namespace, name] = splitKey(key);
    const ds = this.deps.cache.get('Dataset', name, namespace);
    if (!ds) return { kind: 'done' };
    return this.execute(planDataset(ds, this.deps.cache, new Date()), { kind: 'Dataset', namespace, name });
  }

  private async reconcileRuntime(key: string): Promise<Outcome> {
    const [kind, namespace, name] = splitKey(key);
    const reserved = this.reservations.current(this.deps.cache);
    const snapshot = runtimeSnapshot(this.deps.cache, this.deps.registry, { kind, namespace, name }, this.deps.settings, new Date(), { range: this.deps.hostPortRange, reserved }, this.sync.observation(key));
    if (!snapshot) {
      this.sync.notice(key);
      this.deps.metrics.forgetRuntime({ kind, namespace, name });
      return { kind: 'done' };
    }
    const plan = planRuntime(snapshot);
    this.reservations.note(plan);
    // A problem recorded by Validate is a setup that stopped (an Event is planned only when the problem is new).
    if (plan.events.some((e) => e.type === 'Warning' && e.action === 'Validate')) this.deps.metrics.countSetupError({ kind, namespace, name });
    const outcome = await this.execute(plan, { kind, namespace, name }, (r) => runtimeRejection(snapshot, r, new Date()));
    this.sync.notice(key);
    return outcome;
  }

  private async reconcileOperation(key: string): Promise<Outcome> {
    const [kind, namespace, name] = splitKey(key);
    const operation = this.deps.cache.parsed(kind, name, namespace);
    if (!operation) return { kind: 'done' };
    const plan = planOperation({ operation, view: this.deps.cache, registry: this.deps.registry, settings: this.deps.settings, now: new Date() });
    return this.execute(plan, { kind, namespace, name }, (r) => eventOnlyRejectionPlan(operation.raw, r));
  }

  /**
   * Queues every known object once, then processes keys until shutdown. After pause(), the same: every object is looked
   * at again (nothing that changed while another replica led, or while the apiserver was away, is missed) and the
   * queues resume.
   */
  start(): void {
    for (const ds of this.deps.cache.list('Dataset')) this.datasets.add(`${ds.metadata.namespace}/${ds.metadata.name}`);
    for (const kind of this.runtimeKinds()) for (const rt of this.deps.cache.list(kind)) this.runtimes.add(`${kind}/${rt.metadata.namespace}/${rt.metadata.name}`);
    for (const kind of OPERATION_KINDS) for (const op of this.deps.cache.list(kind)) this.operations.add(ownerTagOf(op));
    if (this.started) {
      for (const queue of this.queues()) queue.resume();
      return;
    }
    this.started = true;
    this.datasets.run((key) => this.reconcileDataset(key));
    this.runtimes.run((key) => this.reconcileRuntime(key));
    this.operations.run((key) => this.reconcileOperation(key));
  }

  /** Stops reconciling (leadership lost) but keeps the queues; start() resumes. Resolves when running reconciles end. */
  async pause(): Promise<void> {
    await Promise.all(this.queues().map((q) => q.pause()));
  }

  private queues(): WorkQueue[] {
    return [this.datasets, this.runtimes, this.operations];
  }

  async stop(): Promise<void> {
    await Promise.all([this.datasets.shutdown(), this.runtimes.shutdown(), this.operations.shutdown(), this.sync.stop()]);
  }
}
