// An in-memory list of objects that plans can be replayed onto, to check that a plan converges (a later plan over
// the result writes nothing). A data structure for pure tests of plan(), not a stand-in for the apiserver: the
// operator itself is tested against the real control plane in test/e2e.
import { builtinEngines } from '../../constructs/runtimes/builtin-engines';
import type { EngineRegistry } from '../../constructs/runtimes/engine-registry';
import { ObservedObject, StaticClusterView } from '../../operator/reconcilers/cluster-view';
import { FIELD_MANAGER } from '../../operator/reconcilers/owner-tag';
import type { Plan, Write } from '../../operator/reconcilers/plan';

/** RFC 7386 JSON merge patch: objects merge, null removes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch as object)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * The field set server-side apply records for what a manager sent (metadata.managedFields[].fieldsV1), in the
 * shapes field-ownership.ts reads: list items keyed by `name` (or `containerPort`) when they have one, by index
 * otherwise.
 */
export function fieldSetOf(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map((item, i) => {
      if (item === null || typeof item !== 'object') return [`v:${JSON.stringify(item)}`, {}];
      const record = item as Record<string, unknown>;
      const key = 'name' in record ? `k:${JSON.stringify({ name: record.name })}` : 'containerPort' in record
        ? `k:${JSON.stringify({ containerPort: record.containerPort, protocol: record.protocol ?? 'TCP' })}` : `i:${i}`;
      return [key, { '.': {}, ...fieldSetOf(item) }];
    }));
  }
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [`f:${k}`, fieldSetOf(v)]));
}

/** What the apiserver records when our manager creates or applies `obj`. */
function appliedBy(obj: ObservedObject): ObservedObject['metadata']['managedFields'] {
  const { apiVersion: _a, kind: _k, metadata, status: _s, ...rest } = obj as unknown as Record<string, any>;
  const { name: _n, namespace: _ns, managedFields: _m, uid: _u, resourceVersion: _r, generation: _g, creationTimestamp: _c, ...meta } = metadata;
  return [{ manager: FIELD_MANAGER, operation: 'Apply', subresource: '', fieldsType: 'FieldsV1', fieldsV1: fieldSetOf({ ...rest, metadata: meta }) }];
}

export class PlanState {
  private objects: ObservedObject[] = [];
  private serial = 1;

  constructor(initial: readonly ObservedObject[], private readonly registry: EngineRegistry = builtinEngines()) {
    for (const o of initial) this.put(o);
  }

  view(): StaticClusterView {
    return new StaticClusterView(this.objects, this.registry);
  }

  /**
   * Someone else (`kubectl scale`, `kubectl edit`) sets a field: the value changes, and server-side apply takes the
   * field out of our manager's set.
   */
  editByHand(kind: string, name: string, namespace: string | undefined, path: readonly string[], value: unknown): void {
    const o = this.get(kind, name, namespace)!;
    const set = (node: any, i: number): any => (i === path.length ? value : { ...node, [path[i]]: set(node?.[path[i]], i + 1) });
    const unown = (fields: any, i: number): any => {
      if (fields === undefined) return undefined;
      const key = `f:${path[i]}`;
      if (i === path.length - 1) {
        const { [key]: _gone, ...rest } = fields;
        return rest;
      }
      return { ...fields, [key]: unown(fields[key], i + 1) };
    };
    const managedFields = (o.metadata.managedFields ?? []).map((e) => ({ ...e, fieldsV1: unown(e.fieldsV1, 0) }));
    const edited = set(o, 0) as ObservedObject;
    this.put({ ...edited, metadata: { ...edited.metadata, managedFields } });
  }

  get(kind: string, name: string, namespace?: string): ObservedObject | undefined {
    return this.view().get(kind, name, namespace);
  }

  put(obj: ObservedObject): ObservedObject {
    const existing = this.get(obj.kind, obj.metadata.name, obj.metadata.namespace);
    const stored = {
      ...obj,
      metadata: {
        ...obj.metadata,
        uid: existing?.metadata.uid ?? obj.metadata.uid ?? `uid-${this.serial}`,
        resourceVersion: String(this.serial++),
        generation: (existing?.metadata.generation ?? 0) + 1,
        creationTimestamp: existing?.metadata.creationTimestamp ?? obj.metadata.creationTimestamp ?? '2026-11-23T10:00:00Z',
      },
      status: obj.status ?? existing?.status,
    } as ObservedObject;
    this.objects = [...this.objects.filter((o) => o !== existing), stored];
    return stored;
  }

  remove(kind: string, name: string, namespace?: string): void {
    const existing = this.get(kind, name, namespace);
    this.objects = this.objects.filter((o) => o !== existing);
  }

  private write(w: Write): void {
    if (w.op === 'apply' || w.op === 'create') {
      const obj = w.object as ObservedObject;
      this.put({ ...obj, metadata: { ...obj.metadata, managedFields: appliedBy(obj) }, status: this.get(obj.kind, obj.metadata.name, obj.metadata.namespace)?.status });
    }
    else if (w.op === 'delete') this.remove(w.key.kind, w.key.name, w.key.namespace);
    else if (w.op === 'status') {
      const o = this.get(w.key.kind, w.key.name, w.key.namespace)!;
      this.objects = this.objects.map((x) => (x === o ? { ...o, status: w.status } : x));
    } else if (w.op === 'status-merge') {
      const o = this.get(w.key.kind, w.key.name, w.key.namespace)!;
      if (o.metadata.resourceVersion !== w.resourceVersion) throw new Error(`409 on ${w.key.kind} ${w.key.name}`);
      this.put({ ...o, status: mergePatch(o.status ?? {}, w.status) });
    } else if (w.op === 'resume-job') {
      const o = this.get(w.key.kind, w.key.name, w.key.namespace)!;
      if (o.metadata.resourceVersion !== w.resourceVersion) throw new Error(`409 on ${w.key.kind} ${w.key.name}`);
      this.put({ ...o, spec: { ...o.spec, suspend: false } });
    } else if (w.op === 'metadata') {
      const o = this.get(w.key.kind, w.key.name, w.key.namespace)!;
      if (o.metadata.resourceVersion !== w.resourceVersion) throw new Error(`409 on ${w.key.kind} ${w.key.name}`);
      const labels = { ...o.metadata.labels, ...w.patch.labels } as Record<string, string>;
      this.put({ ...o, metadata: { ...o.metadata, ...w.patch, labels } } as ObservedObject);
    } else {
      const node = this.get('Node', w.node)!;
      const labels: Record<string, string> = { ...node.metadata.labels };
      for (const [k, v] of Object.entries(w.labels)) if (v === null) delete labels[k];
      else labels[k] = v;
      this.put({ ...node, metadata: { ...node.metadata, labels } });
    }
  }

  apply(plan: Plan): void {
    for (const w of plan.writes) this.write(w);
  }

  /** What the StatefulSet/DaemonSet controllers would report once every wanted pod is ready. */
  markWorkloadsReady(): void {
    for (const o of this.objects) {
      if (o.kind === 'StatefulSet' || o.kind === 'Deployment') {
        const n = o.spec?.replicas ?? 1;
        this.setStatus(o, { replicas: n, readyReplicas: n, currentReplicas: n, availableReplicas: n, observedGeneration: o.metadata.generation });
      } else if (o.kind === 'DaemonSet') {
        this.setStatus(o, { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberReady: 0, numberAvailable: 0, observedGeneration: o.metadata.generation });
      }
    }
  }

  private setStatus(o: ObservedObject, status: Record<string, unknown>): void {
    this.objects = this.objects.map((x) => (x === o ? { ...o, status } : x));
  }
}
