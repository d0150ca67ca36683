// Host ports for runtimes whose components run on the host network (Fluid's default for Alluxio, Jindo, JuiceFS):
// allocated once per runtime from a range, as Fluid's controllers do (--runtime-node-port-range), so two runtimes on
// the same nodes never ask for the same port. The allocation is recorded on the runtime itself, in an annotation, so
// a re-render is stable and a restarted operator finds every port in use by reading its runtimes; a deleted
// runtime's ports are free again with it.
import type { EngineRegistry } from '../../constructs/runtimes/engine-registry';
import type { ClusterView, ObservedObject } from './cluster-view';

export const HOST_PORTS_ANNOTATION = 'fluid-cdk8s.io/host-ports';

export interface PortRange {
  readonly min: number;
  readonly max: number;
}

/** Fluid's chart gives its Alluxio controller 20000-26000 (charts/fluid/fluid/values.yaml runtime.alluxio.portRange). */
export const DEFAULT_PORT_RANGE: PortRange = { min: 20000, max: 26000 };

/** `20000-26000`, as Fluid's --runtime-node-port-range takes it. */
export function parsePortRange(text: string): PortRange {
  const m = /^(\d+)-(\d+)$/.exec(text.trim());
  const min = m ? Number(m[1]) : NaN;
  const max = m ? Number(m[2]) : NaN;
  if (!m || min < 1 || max > 65535 || min > max) throw new Error(`a port range is <first>-<last> within 1-65535, such as 20000-26000; got "${text}"`);
  return { min, max };
}

/** The ports recorded on a runtime; undefined when none are, or the annotation is not ours to read. */
export function recordedPorts(runtime: ObservedObject): Record<string, number> | undefined {
  const text = runtime.metadata.annotations?.[HOST_PORTS_ANNOTATION];
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).filter((e): e is [string, number] => Number.isInteger(e[1])));
  } catch {
    return undefined;
  }
}

/** Every port recorded on a runtime the registry serves, besides `except`'s own. */
export function portsInUse(view: ClusterView, registry: EngineRegistry, except: ObservedObject): Set<number> {
  const used = new Set<number>();
  for (const kind of registry.kinds()) {
    for (const rt of view.list(kind)) {
      if (rt.metadata.uid !== undefined && rt.metadata.uid === except.metadata.uid) continue;
      for (const port of Object.values(recordedPorts(rt) ?? {})) used.add(port);
    }
  }
  return used;
}

/** The lowest free port of the range for each name, in order; or why there is none. */
export function allocatePorts(names: readonly string[], taken: ReadonlySet<number>, range: PortRange): { ok: true; ports: Record<string, number> } | { ok: false; error: string } {
  const result: Record<string, number> = {};
  let next = range.min;
  for (const name of names) {
    while (next <= range.max && taken.has(next)) next++;
    if (next > range.max) {
      return { ok: false, error: `no free host port left in ${range.min}-${range.max} for ${name} (${taken.size} in use); widen --runtime-node-port-range` };
    }
    result[name] = next++;
  }
  return { ok: true, ports: result };
}
