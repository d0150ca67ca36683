// Everything a runtime's plan reads, gathered once per reconcile: the engine, the runtime and its Dataset as typed
// objects (parsed when they entered the cache), and the view for what the plan looks up by name (its children,
// what is at the names it renders, Secrets, pods and nodes). `synth` builds the same from files.
import type { DatasetSpec } from '../../crds/schema/dataset';
import type { EngineRegistry } from '../../constructs/runtimes/engine-registry';
import type { PodSummary } from '../../constructs/runtimes/render-input';
import type { ReferenceLookup } from '../../constructs/runtime-inputs';
import type { EngineSettings, ObservedCluster, RuntimeEngine } from '../../constructs/runtimes/runtime-engine';
import type { ClusterView, ObservedObject, ParsedObject } from './cluster-view';
import type { CacheObservation } from '../sync/cache-observation';
import type { PortRange } from './host-ports';

export interface RuntimeKey {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface RuntimeSnapshot {
  readonly engine: RuntimeEngine;
  /** Every engine: whose runtimes hold which host ports. */
  readonly registry: EngineRegistry;
  readonly runtime: ParsedObject;
  /** The Dataset of the same namespace and name, which the runtime serves. */
  readonly dataset?: ParsedObject<DatasetSpec>;
  readonly view: ClusterView;
  readonly settings: EngineSettings;
  readonly now: Date;
  /**
   * Where host ports come from, and the ports other runtimes were given moments ago (not in the cache yet).
   * @default - none: engines use their default ports (`synth`)
   */
  readonly hostPorts?: { readonly range: PortRange; readonly reserved: ReadonlySet<number> };
  /** What the cache sync last learned from the running cache. @default - nothing yet: stored figures are kept */
  readonly cache?: CacheObservation;
}

/** Undefined when the runtime is gone or no engine serves its kind (nothing to do then). */
export function runtimeSnapshot(
  view: ClusterView, registry: EngineRegistry, key: RuntimeKey, settings: EngineSettings, now: Date, hostPorts?: RuntimeSnapshot['hostPorts'], cache?: CacheObservation,
): RuntimeSnapshot | undefined {
  const engine = registry.get(key.kind);
  const runtime = view.parsed(key.kind, key.name, key.namespace);
  if (!engine || !runtime) return undefined;
  const dataset = view.parsed('Dataset', key.name, key.namespace) as ParsedObject<DatasetSpec> | undefined;
  return { engine, runtime, dataset, view, settings, now, hostPorts, registry, ...(cache ? { cache } : {}) };
}

/** The profiles and classes a runtime may name, as the view holds them; only ones that parsed are found. */
export function viewLookup(view: ClusterView): ReferenceLookup {
  return {
    find: (kind, name) => {
      const found = view.parsed(kind, name);
      return found?.parsed.ok ? (found.parsed.object as never) : undefined;
    },
    names: (kind) => view.list(kind).map((o) => o.metadata.name),
  };
}

export function podSummaryOf(pod: ObservedObject): PodSummary {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  const started: Record<string, string> = {};
  for (const c of (pod.status?.containerStatuses ?? []) as { name: string; state?: { running?: { startedAt?: string } } }[]) {
    if (c.state?.running?.startedAt) started[c.name] = c.state.running.startedAt;
  }
  return {
    name: pod.metadata.name,
    labels: pod.metadata.labels ?? {},
    podIP: pod.status?.podIP ?? '',
    deleting: !!pod.metadata.deletionTimestamp,
    phase: pod.status?.phase ?? '',
    ...(owner ? { controller: { kind: owner.kind, name: owner.name } } : {}),
    containersStartedAt: started,
  };
}

/** What the engine reads from its running pods (a component topology, for instance). */
export function observedFor(s: RuntimeSnapshot): ObservedCluster {
  if (!s.engine.observe) return {};
  const { namespace, name } = s.runtime.raw.metadata;
  return s.engine.observe(s.view.list('Pod', namespace).map(podSummaryOf), name);
}
