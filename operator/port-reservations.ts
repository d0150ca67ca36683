// Host ports a plan has just given a runtime, held here until the runtime comes back from the informer with them.
// Between a plan and its write reaching the cache another runtime may be planned; without these it could be given
// the same ports. Reservations are taken synchronously, right after the plan and before its writes are sent.
import type { ClusterView } from './reconcilers/cluster-view';
import { HOST_PORTS_ANNOTATION, recordedPorts } from './reconcilers/host-ports';
import type { Plan } from './reconcilers/plan';

interface Reservation {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly text: string;
  readonly ports: readonly number[];
}

export class PortReservations {
  private readonly byRuntime = new Map<string, Reservation>();

  /** Takes the ports a plan records on its runtime. */
  note(plan: Plan): void {
    for (const w of plan.writes) {
      const text = w.op === 'metadata' ? w.patch.annotations?.[HOST_PORTS_ANNOTATION] : undefined;
      if (w.op !== 'metadata' || typeof text !== 'string') continue;
      const ports = Object.values(JSON.parse(text) as Record<string, number>);
      this.byRuntime.set(`${w.key.kind}/${w.key.namespace}/${w.key.name}`, { kind: w.key.kind, namespace: w.key.namespace, name: w.key.name, text, ports });
    }
  }

  /** The ports still held, after letting go of those the cache now shows on their runtime (or whose runtime is gone). */
  current(view: ClusterView): Set<number> {
    const held = new Set<number>();
    for (const [key, r] of this.byRuntime) {
      const runtime = view.get(r.kind, r.name, r.namespace);
      const landed = runtime && JSON.stringify(recordedPorts(runtime)) === JSON.stringify(JSON.parse(r.text));
      if (!runtime || landed) this.byRuntime.delete(key);
      else for (const port of r.ports) held.add(port);
    }
    return held;
  }
}
