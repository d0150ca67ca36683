// The operator's view of the cluster: one informer per kind it reads, exposed to plans as a ClusterView.
// - data.fluid.io kinds in full, each object parsed once when it enters the cache (a spec error is kept as such);
// - the kinds we render: ours in full (by our managed-by label), and every object by metadata only, so a plan knows
//   when a name it renders is taken by someone else;
// - Secrets by metadata only: whether they exist, never their values;
// - Pods and Nodes in full (PVC users, worker placement, component topology).
// Every object is kept without other managers' managedFields entries (field-ownership.ts reads only ours).
import type * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { OPERATION_KINDS } from '../constructs/operations/operation-rules';
import { Parsed, parseFluidObject } from '../constructs/parse-fluid-object';
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import { Informer } from './kube/informer';
import type { ApiReachability } from './kube/api-reachability';
import { ResourceCatalog } from './kube/resources';
import { CHILD_KINDS } from './reconcilers/child-kinds';
import { ClusterView, ObjectPresence, ObservedObject, ParsedObject, presenceOf } from './reconcilers/cluster-view';
import { withOwnManagedFields } from './reconcilers/field-ownership';
import { FIELD_MANAGER, MANAGED_BY, MANAGED_BY_LABEL, OWNER_ANNOTATION } from './reconcilers/owner-tag';

/** Kinds read in full. */
const FULL_KINDS = ['Pod', 'Node'];
/** Kinds known by metadata only, besides the rendered kinds. */
const METADATA_KINDS = ['Secret'];

interface ParsedEntry {
  readonly resourceVersion?: string;
  readonly parsed: Parsed;
}

export class ClusterCache implements ClusterView {
  readonly informers = new Map<string, Informer<k8s.KubernetesObject>>();
  private readonly metadataInformers = new Map<string, Informer<k8s.KubernetesObject>>();
  private readonly parsedObjects = new Map<string, ParsedEntry>();

  constructor(kc: k8s.KubeConfig, private readonly catalog: ResourceCatalog, private readonly registry: EngineRegistry, logger: Logger, reachability?: ApiReachability) {
    const informer = (kind: string, options: { labelSelector?: string; metadataOnly?: boolean } = {}) =>
      new Informer({ kubeConfig: kc, resource: catalog.of(kind), kind, logger, reachability, transform: (o) => withOwnManagedFields(o, FIELD_MANAGER), ...options });
    for (const kind of fluidKindsFor(registry)) {
      const fluid = informer(kind);
      this.informers.set(kind, fluid);
      // Parsed as each object arrives, so reconciles read typed objects and never parse.
      for (const verb of ['add', 'update'] as const) fluid.on(verb, (o) => this.parse(kind, o as ObservedObject));
      fluid.on('delete', (o) => this.parsedObjects.delete(this.keyOf(kind, o.metadata?.name ?? '', o.metadata?.namespace)));
    }
    for (const kind of CHILD_KINDS) {
      this.informers.set(kind, informer(kind, { labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY}` }));
      this.metadataInformers.set(kind, informer(kind, { metadataOnly: true }));
    }
    for (const kind of FULL_KINDS) this.informers.set(kind, informer(kind));
    for (const kind of METADATA_KINDS) this.metadataInformers.set(kind, informer(kind, { metadataOnly: true }));
  }

  /** Starts every informer; resolves once each cache is filled. */
  async start(): Promise<void> {
    await Promise.all(this.all().map((i) => i.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.all().map((i) => i.stop()));
  }

  get synced(): boolean {
    return this.all().every((i) => i.hasSynced);
  }

  /** Informers of metadata only, by kind, for routing their events (a Secret appearing). */
  metadataInformer(kind: string): Informer<k8s.KubernetesObject> | undefined {
    return this.metadataInformers.get(kind);
  }

  get(kind: string, name: string, namespace?: string): ObservedObject | undefined {
    const informer = this.informers.get(kind);
    if (!informer) return undefined;
    return this.typed(kind, this.catalog.of(kind).namespaced ? informer.get(name, namespace) : informer.get(name));
  }

  list(kind: string, namespace?: string): readonly ObservedObject[] {
    const informer = this.informers.get(kind);
    return informer ? informer.list(namespace).map((o) => this.typed(kind, o)!) : [];
  }

  parsed(kind: string, name: string, namespace?: string): ParsedObject | undefined {
    const raw = this.get(kind, name, namespace);
    if (!raw) return undefined;
    const entry = this.parsedObjects.get(this.keyOf(kind, name, namespace));
    const parsed = entry && entry.resourceVersion === raw.metadata.resourceVersion ? entry.parsed : this.parse(kind, raw);
    return parsed && { raw, parsed };
  }

  presence(kind: string, name: string, namespace?: string): ObjectPresence | undefined {
    const informer = this.metadataInformers.get(kind);
    if (!informer) return presenceOf(this.get(kind, name, namespace));
    const found = this.catalog.of(kind).namespaced ? informer.get(name, namespace) : informer.get(name);
    return found && { ownerTag: found.metadata?.annotations?.[OWNER_ANNOTATION] };
  }

  private all(): Informer<k8s.KubernetesObject>[] {
    return [...this.informers.values(), ...this.metadataInformers.values()];
  }

  private parse(kind: string, obj: ObservedObject): Parsed | undefined {
    const typed = this.typed(kind, obj)!;
    const parsed = parseFluidObject(typed, this.registry, typed.metadata.namespace ?? 'default');
    if (parsed) this.parsedObjects.set(this.keyOf(kind, typed.metadata.name, typed.metadata.namespace), { resourceVersion: typed.metadata.resourceVersion, parsed });
    return parsed;
  }

  private keyOf(kind: string, name: string, namespace: string | undefined): string {
    return `${kind}/${this.catalog.of(kind).namespaced ? namespace : ''}/${name}`;
  }

  /** List items carry no apiVersion or kind; plans and owner references need both. */
  private typed(kind: string, obj: k8s.KubernetesObject | ObservedObject | undefined): ObservedObject | undefined {
    if (!obj) return undefined;
    const r = this.catalog.of(kind);
    return { ...(obj as object), apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind } as ObservedObject;
  }
}

/** Every data.fluid.io kind the operator reads: Datasets, its engines' runtimes and what they name, data operations. */
export function fluidKindsFor(registry: EngineRegistry): string[] {
  return ['Dataset', ...registry.kinds(), ...registry.referencedKinds(), ...OPERATION_KINDS];
}
