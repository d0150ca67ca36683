// What a plan may look at: a read-only snapshot of the cluster, served by the informer caches in the operator and
// by a plain in-memory list in tests and `synth`. Plans never do I/O; and since a plan runs synchronously, the
// caches cannot change under it.
import type { KubeObject } from '../../constructs/render-runtime';
import type { EngineRegistry } from '../../constructs/runtimes/engine-registry';
import { Parsed, parseFluidObject } from '../../constructs/parse-fluid-object';
import { OWNER_ANNOTATION } from './owner-tag';

export interface ObservedObject extends KubeObject {
  readonly metadata: KubeObject['metadata'] & {
    readonly uid?: string;
    readonly resourceVersion?: string;
    readonly generation?: number;
    readonly creationTimestamp?: string;
    readonly deletionTimestamp?: string;
    readonly finalizers?: readonly string[];
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    readonly ownerReferences?: readonly { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
    readonly managedFields?: readonly ManagedFieldsEntry[];
  };
  readonly spec?: any;
  readonly status?: any;
}

/** One entry of metadata.managedFields: which fields a field manager set, and how. */
export interface ManagedFieldsEntry {
  readonly manager?: string;
  readonly operation?: string;
  readonly subresource?: string;
  readonly fieldsType?: string;
  readonly fieldsV1?: Record<string, unknown>;
}

/** A data.fluid.io object as stored (metadata, status) and as parsed when it entered the cache. */
export interface ParsedObject<Spec = unknown> {
  readonly raw: ObservedObject;
  readonly parsed: Parsed<Spec>;
}

/** What is known of any object of a name: that it exists, and which of our owners (if any) made it. */
export interface ObjectPresence {
  /** Our owner annotation (`Kind/namespace/name`), absent on objects we did not create. */
  readonly ownerTag?: string;
}

export interface ClusterView {
  /** Full objects: our own kinds, the objects we created, Pods and Nodes. */
  get(kind: string, name: string, namespace?: string): ObservedObject | undefined;
  list(kind: string, namespace?: string): readonly ObservedObject[];
  /** A data.fluid.io object, parsed once, when it entered the cache. */
  parsed(kind: string, name: string, namespace?: string): ParsedObject | undefined;
  /** Whether an object of a kind we render (or a Secret) exists, whoever made it; from metadata only. */
  presence(kind: string, name: string, namespace?: string): ObjectPresence | undefined;
}

/** The presence of an object we hold in full. */
export function presenceOf(obj: ObservedObject | undefined): ObjectPresence | undefined {
  return obj && { ownerTag: obj.metadata.annotations?.[OWNER_ANNOTATION] };
}

/** A ClusterView over a fixed list of objects: for tests and `synth`. data.fluid.io objects are parsed here, once. */
function nameKey(kind: string, name: string, namespace: string | undefined): string {
  // An object without a namespace never matches a lookup that names one, as in a scan.
  return `${kind}\u0000${namespace === undefined ? '\u0001' : namespace}\u0000${name}`;
}

export class StaticClusterView implements ClusterView {
  private readonly parsedObjects = new Map<ObservedObject, Parsed>();
  // Indexed once, so `synth` of n runtimes costs n lookups, not n scans of every object (it was quadratic).
  private readonly byKind = new Map<string, ObservedObject[]>();
  private readonly byName = new Map<string, ObservedObject>();

  constructor(objects: readonly ObservedObject[], registry: EngineRegistry) {
    for (const o of objects) {
      const parsed = parseFluidObject(o, registry, o.metadata.namespace ?? 'default');
      if (parsed) this.parsedObjects.set(o, parsed);
      const ofKind = this.byKind.get(o.kind) ?? [];
      if (ofKind.length === 0) this.byKind.set(o.kind, ofKind);
      ofKind.push(o);
      const key = nameKey(o.kind, o.metadata.name, o.metadata.namespace);
      if (!this.byName.has(key)) this.byName.set(key, o); // the first of duplicates, as a scan would find
    }
  }

  get(kind: string, name: string, namespace?: string): ObservedObject | undefined {
    if (namespace !== undefined) return this.byName.get(nameKey(kind, name, namespace));
    return this.byKind.get(kind)?.find((o) => o.metadata.name === name);
  }

  list(kind: string, namespace?: string): readonly ObservedObject[] {
    const ofKind = this.byKind.get(kind) ?? [];
    return namespace === undefined ? [...ofKind] : ofKind.filter((o) => o.metadata.namespace === namespace);
  }

  parsed(kind: string, name: string, namespace?: string): ParsedObject | undefined {
    const raw = this.get(kind, name, namespace);
    const parsed = raw && this.parsedObjects.get(raw);
    return raw && parsed ? { raw, parsed } : undefined;
  }

  presence(kind: string, name: string, namespace?: string): ObjectPresence | undefined {
    return presenceOf(this.get(kind, name, namespace));
  }
}
