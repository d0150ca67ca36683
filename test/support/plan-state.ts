// An in-memory list of objects that plans can be replayed onto, to check that a plan converges (a later plan over
// the result writes nothing). A data structure for pure tests of plan(), not a stand-in for the apiserver: the
// operator itself is tested against the real control plane in test/e2e.
import { ObservedObject, StaticClusterView } from '../../operator/reconcilers/cluster-view';
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

export class PlanState {
  private objects: ObservedObject[] = [];
  private serial = 1;

  constructor(initial: readonly ObservedObject[]) {
    for (const o of initial) this.put(o);
  }

  view(): StaticClusterView {
    return new StaticClusterView(this.objects);
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
    if (w.op === 'apply') this.put({ ...(w.object as ObservedObject), status: this.get(w.object.kind, w.object.metadata.name, w.object.metadata.namespace)?.status });
    else if (w.op === 'delete') this.remove(w.key.kind, w.key.name, w.key.namespace);
    else if (w.op === 'status') {
      const o = this.get(w.key.kind, w.key.name, w.key.namespace)!;
      this.objects = this.objects.map((x) => (x === o ? { ...o, status: w.status } : x));
    } else if (w.op === 'status-merge') {
      const o = this.get(w.key.kind, w.key.name, w.key.namespace)!;
      if (o.metadata.resourceVersion !== w.resourceVersion) throw new Error(`409 on ${w.key.kind} ${w.key.name}`);
      this.put({ ...o, status: mergePatch(o.status ?? {}, w.status) });
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
