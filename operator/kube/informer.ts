// A cache of one kind that follows the API server, built on client-node's ListWatch. ListWatch lists, watches
// from the list's resourceVersion, relists on 410 Gone and reconnects when a stream ends, but on any other
// error it calls `error` and stops for good (kubernetes-client/javascript#1933): this class restarts it with
// backoff, tells when the cache first synced, and makes stop() final (no watch opened after it, no timer left).
import * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { Clock, systemClock } from '../clock';
import { apiErrorFields } from './api-calls';
import type { ApiReachability } from './api-reachability';
import { objectField } from '../process-logger';
import {
  InformerEvent, InformerPhase, isRunning, nextPhase, resourcePath, RestartSchedule, RestartScheduleOptions,
} from './informer-lifecycle';
import { ListQuery, listObjects } from './list-objects';
import type { ResourceRef } from './server-side-apply';

export type InformerVerb = 'add' | 'update' | 'delete';
export type ObjectHandler<T> = (obj: T) => void;

export interface InformerOptions<T extends k8s.KubernetesObject = k8s.KubernetesObject> {
  readonly kubeConfig: k8s.KubeConfig;
  /** Core kinds have group ''. */
  readonly resource: Pick<ResourceRef, 'group' | 'version' | 'plural'>;
  /** The kind's name, for log lines. */
  readonly kind: string;
  /** Watch one namespace only. @default all namespaces (or a cluster-scoped kind) */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /**
   * Ask for metadata only (PartialObjectMetadata): names, labels, annotations. For kinds whose content the operator
   * must not hold (Secrets) or does not need (objects of other owners). @default false
   */
  readonly metadataOnly?: boolean;
  readonly logger: Logger;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Restart backoff. @default RESTART_BACKOFF */
  readonly restart?: Omit<RestartScheduleOptions, 'clock'>;
  /**
   * Applied to each object as it arrives, before it is cached and handed to handlers (client-go's TransformFunc):
   * drop what no reader needs, so the cache does not hold it. @default none
   */
  readonly transform?: (obj: T) => T;
  /** Told of failures and answers, so an unreachable apiserver is logged once for all informers, not per restart. */
  readonly reachability?: ApiReachability;
}

/** What start() rejects with when stop() comes first. */
export class InformerStoppedError extends Error {
  constructor(readonly path: string) {
    super(`Informer for ${path} was stopped before its cache synced`);
    this.name = 'InformerStoppedError';
  }
}

export class Informer<T extends k8s.KubernetesObject = k8s.KubernetesObject> {
  readonly path: string;
  private readonly transform: (obj: T) => T;
  private readonly kc: k8s.KubeConfig;
  private readonly query: ListQuery;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly schedule: RestartSchedule;
  private readonly watch: TrackedWatch;
  private readonly listWatch: k8s.ListWatch<T>;
  private readonly handlers: Record<InformerVerb, ObjectHandler<T>[]> = { add: [], update: [], delete: [] };
  private currentPhase = InformerPhase.IDLE;
  private synced = deferred();
  private successfulLists = 0;
  /** A list has filled the cache (set when ListWatch moves on to the watch, after filling it). */
  private cacheFilled = false;
  /** The error behind a pending restart, until a watch opens again. */
  private restartedAfter?: string;
  /** The next opened watch is worth an info line (the first after start or restart). */
  private announceWatch = false;
  /** The pending restart follows the apiserver being unreachable, which `reachability` reports: its lines are debug. */
  private quietRestart = false;
  private readonly reachability?: ApiReachability;
  private restartTimer?: unknown;
  private readonly delayTimers = new Set<unknown>();
  private readonly listAborts = new Set<AbortController>();
  private readonly kind: string;

  constructor(options: InformerOptions<T>) {
    this.kind = options.kind;
    this.kc = options.kubeConfig;
    this.transform = options.transform ?? ((obj) => obj);
    this.reachability = options.reachability;
    this.path = resourcePath(options.resource, options.namespace);
    this.query = { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, accept: options.metadataOnly ? METADATA_LIST : undefined };
    this.log = options.logger.child({ kind: options.kind, ...(options.namespace !== undefined ? { namespace: options.namespace } : {}) });
    this.clock = options.clock ?? systemClock;
    this.schedule = new RestartSchedule({ ...options.restart, clock: this.clock });
    this.watch = new TrackedWatch(options.metadataOnly ? withAccept(this.kc, METADATA_ITEM) : this.kc, {
      beforeOpen: () => this.beforeWatch(),
      isRunning: () => isRunning(this.currentPhase),
      opened: () => this.watchOpened(),
      transform: (obj) => this.transform(obj as T),
    });
    this.listWatch = new k8s.ListWatch<T>(this.path, this.watch, () => this.listOnce(), false, options.labelSelector, options.fieldSelector, {
      delayFn: (ms) => this.delay(ms),
    });
    for (const verb of ['add', 'update', 'delete'] as const) this.listWatch.on(verb, (obj: T) => this.dispatch(verb, obj));
    this.listWatch.on('connect', () => this.transition(InformerEvent.CONNECT));
    this.listWatch.on('error', (err: unknown) => this.failed(err));
  }

  get phase(): InformerPhase {
    return this.currentPhase;
  }

  /** True once a list has filled the cache. */
  get hasSynced(): boolean {
    return this.cacheFilled;
  }

  /** Handlers run synchronously for each change (keep them to enqueuing a key); one that throws is logged. */
  on(verb: InformerVerb, handler: ObjectHandler<T>): void {
    this.handlers[verb].push(handler);
  }

  /**
   * Lists and watches; resolves once the cache holds a full list. A failing list is retried with backoff for as
   * long as it takes (a CRD not installed yet, RBAC not granted yet), so bound the wait at the call site if needed.
   */
  start(): Promise<void> {
    if (isRunning(this.currentPhase)) return this.synced.promise;
    this.synced = deferred();
    this.restartedAfter = undefined;
    this.announceWatch = true;
    this.transition(InformerEvent.START);
    this.log.debug({ path: this.path }, 'Started informer');
    this.launch();
    return this.synced.promise;
  }

  /** Stops the watch, any pending restart and reconnect timers. The cache keeps its last contents. */
  async stop(): Promise<void> {
    if (!isRunning(this.currentPhase)) return;
    this.transition(InformerEvent.STOP);
    if (this.restartTimer !== undefined) this.clock.clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    for (const timer of this.delayTimers) this.clock.clearTimeout(timer);
    this.delayTimers.clear();
    for (const abort of this.listAborts) abort.abort();
    await this.listWatch.stop();
    this.watch.abortAll();
    this.synced.reject(new InformerStoppedError(this.path));
    this.log.debug('Stopped informer');
  }

  get(name: string, namespace?: string): T | undefined {
    return this.listWatch.get(name, namespace);
  }

  list(namespace?: string): readonly T[] {
    return this.listWatch.list(namespace);
  }

  private launch(): void {
    // start() rejects only when something throws before the request (a KubeConfig without a cluster);
    // list and watch failures arrive through the `error` callback instead.
    this.listWatch.start().catch((err: unknown) => this.failed(err));
  }

  private async listOnce(): Promise<k8s.KubernetesListObject<T>> {
    const abort = new AbortController();
    this.listAborts.add(abort);
    try {
      const list = await listObjects<T>(this.kc, this.path, this.query, abort.signal);
      // ListWatch opens a watch after every list without checking whether it was stopped meanwhile; an error
      // here ends that cycle, and failed() ignores errors once stopped.
      if (!isRunning(this.currentPhase)) throw new InformerStoppedError(this.path);
      list.items = list.items.map(this.transform);
      this.reachability?.answered(this.path);
      this.logList(list);
      this.successfulLists++;
      return list;
    } finally {
      this.listAborts.delete(abort);
    }
  }

  private logList(list: k8s.KubernetesListObject<T>): void {
    const fields = { objects: list.items.length, resourceVersion: list.metadata?.resourceVersion };
    if (this.successfulLists === 0) this.log.debug(fields, 'Listed objects; cache synced');
    // Without a restart, ListWatch relists only when its resourceVersion expired (410 Gone).
    else this.log[this.quietRestart ? 'debug' : 'info']({ ...fields, reason: this.restartedAfter !== undefined ? 'restart' : 'resourceVersion expired' }, 'Relisted objects');
  }

  /** Called by TrackedWatch before each watch request; false means stopped, so no request is made. */
  private beforeWatch(): boolean {
    if (!isRunning(this.currentPhase)) return false;
    // ListWatch has filled the cache from the list by the time it opens the watch.
    if (this.successfulLists > 0) {
      this.cacheFilled = true;
      this.synced.resolve();
    }
    return true;
  }

  private watchOpened(): void {
    this.transition(InformerEvent.WATCH_OPENED);
    const fields = { resourceVersion: this.listWatch.latestResourceVersion(), ...(this.restartedAfter !== undefined ? { after: this.restartedAfter } : {}) };
    this.reachability?.answered(this.path);
    // ListWatch also reconnects whenever a stream ends, at least every 30 s on a quiet kind: debug for those. The
    // first connect of each kind is debug too (the operator logs one line once all caches synced); after an error,
    // info, unless the outage was reported once for all (quietRestart).
    if (this.announceWatch) this.log[this.restartedAfter !== undefined && !this.quietRestart ? 'info' : 'debug'](fields, 'Connected watch');
    else this.log.debug(fields, 'Reconnected watch');
    this.announceWatch = false;
    this.quietRestart = false;
    this.restartedAfter = undefined;
  }

  private failed(err: unknown): void {
    // Stopping aborts the stream, which ListWatch reports as an error; and a restart is already pending.
    if (!isRunning(this.currentPhase) || this.currentPhase === InformerPhase.BACKING_OFF) return;
    this.transition(InformerEvent.ERROR);
    const delayMs = Math.round(this.schedule.nextDelay());
    const fields = apiErrorFields(err);
    this.restartedAfter = fields.code !== undefined ? `${fields.code} ${fields.error}` : fields.error;
    this.quietRestart = this.reachability?.failed(err, this.path) ?? false;
    this.log[this.quietRestart ? 'debug' : 'warn']({ ...fields, delayMs, failures: this.schedule.failures() }, 'List or watch failed; scheduled a restart');
    this.restartTimer = this.clock.setTimeout(() => this.restart(), delayMs);
  }

  private restart(): void {
    this.restartTimer = undefined;
    this.transition(InformerEvent.RESTART);
    this.announceWatch = true;
    this.log[this.quietRestart ? 'debug' : 'info']({ after: this.restartedAfter }, 'Restarted list and watch after error');
    this.launch();
  }

  /** ListWatch's reconnect pause, on our clock; after stop() it never ends, so no watch follows it. */
  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (!isRunning(this.currentPhase)) return;
      const timer = this.clock.setTimeout(() => {
        this.delayTimers.delete(timer);
        resolve();
      }, ms);
      this.delayTimers.add(timer);
    });
  }

  private dispatch(verb: InformerVerb, obj: T): void {
    for (const handler of this.handlers[verb]) {
      try {
        handler(obj);
      } catch (err) {
        // ListWatch calls handlers inside its stream parser, which would swallow the exception silently.
        this.log.error({ err, verb, ...objectField({ kind: this.kind, namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? '' }) }, 'Informer handler failed');
      }
    }
  }

  private transition(event: InformerEvent): void {
    this.currentPhase = nextPhase(this.currentPhase, event);
  }
}

const METADATA_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
const METADATA_ITEM = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

/**
 * The KubeConfig as client-node's Watch uses it (the cluster, and authentication applied to each request), with an
 * Accept header added: Watch has no option for it, and the header is what asks the apiserver for metadata only.
 */
function withAccept(kc: k8s.KubeConfig, accept: string): k8s.KubeConfig {
  const adapter = {
    getCurrentCluster: () => kc.getCurrentCluster(),
    applySecurityAuthentication: async (context: k8s.RequestContext) => {
      await kc.applySecurityAuthentication(context);
      context.setHeaderParam('Accept', accept);
    },
  };
  return adapter as unknown as k8s.KubeConfig;
}

interface WatchHooks {
  /** Asked before each request; false skips it. */
  beforeOpen(): boolean;
  isRunning(): boolean;
  /** The server answered 200 and events are flowing. */
  opened(): void;
  /** Applied to each watched object before ListWatch caches it. */
  transform(obj: k8s.KubernetesObject): k8s.KubernetesObject;
}

/**
 * client-node's Watch, plus what ListWatch does not do: it asks for bookmarks, tells us when a stream opened,
 * and remembers open streams so stop() can abort one that was still connecting when ListWatch.stop() ran.
 */
class TrackedWatch extends k8s.Watch {
  private readonly open = new Set<AbortController>();

  constructor(kc: k8s.KubeConfig, private readonly hooks: WatchHooks) {
    super(kc);
  }

  override async watch(...[path, query, callback, done]: Parameters<k8s.Watch['watch']>): Promise<AbortController> {
    if (!this.hooks.beforeOpen()) return abortedController();
    // Bookmarks move ListWatch's resourceVersion forward on a quiet kind (it handles BOOKMARK but never asks
    // for them), so reconnecting after its 30 s inactivity timeout does not hit 410 Gone and relist everything.
    // ERROR carries a Status, BOOKMARK only a resourceVersion: neither is an object to transform.
    const transformed = (phase: string, obj: any, raw: any) => callback(phase, phase === 'ERROR' || phase === 'BOOKMARK' ? obj : this.hooks.transform(obj), raw);
    const controller = await super.watch(path, { ...query, allowWatchBookmarks: true }, transformed, done);
    // Aborted already: the request failed and `done` has reported it.
    if (controller.signal.aborted) return controller;
    // stop() ran while the request was connecting, too early for ListWatch.stop() to reach it.
    if (!this.hooks.isRunning()) {
      controller.abort();
      return controller;
    }
    this.open.add(controller);
    controller.signal.addEventListener('abort', () => this.open.delete(controller), { once: true });
    this.hooks.opened();
    return controller;
  }

  abortAll(): void {
    for (const controller of this.open) controller.abort();
  }
}

function abortedController(): AbortController {
  const controller = new AbortController();
  controller.abort();
  return controller;
}

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(err: Error): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Marks the rejection handled: a caller that never awaited start() must not crash the process on stop().
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
