// Host ports per runtime: allocated from the range once, recorded on the runtime, stable across re-renders, never
// given twice (also not to a runtime planned while another's ports are still on their way to the cache), and free
// again once their runtime is gone.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../../../constructs/render-documents';
import { PortReservations } from '../../../../operator/port-reservations';
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { allocatePorts, HOST_PORTS_ANNOTATION, parsePortRange, recordedPorts } from '../../../../operator/reconcilers/host-ports';
import type { Plan } from '../../../../operator/reconcilers/plan';
import { planRuntime } from '../../../../operator/reconcilers/runtime-plan';
import { DATASET_FINALIZER } from '../../../../operator/reconcilers/dataset-plan';
import { runtimeSnapshot } from '../../../../operator/reconcilers/runtime-snapshot';
import { PlanState } from '../../../support/plan-state';

const registry = builtinEngines();
const NOW = new Date('2026-12-03T10:00:00Z');
const range = { min: 20000, max: 20100 };
const dataset = (name: string): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name, namespace: 'ns', uid: `ds-${name}`, finalizers: [DATASET_FINALIZER] },
  spec: { mounts: [{ mountPoint: 'https://example.org/data/', name: 'data' }], placement: 'Shared' },
});
const alluxio = (name: string): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1', kind: 'AlluxioRuntime', metadata: { name, namespace: 'ns', uid: `rt-${name}` },
  spec: { replicas: 1, tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '1Gi' }] } },
});

function plan(state: PlanState, name: string, reserved: ReadonlySet<number> = new Set()): Plan {
  return planRuntime(runtimeSnapshot(state.view(), registry, { kind: 'AlluxioRuntime', namespace: 'ns', name }, DEFAULT_SETTINGS, NOW, { range, reserved })!);
}

const portsOf = (state: PlanState, name: string) => recordedPorts(state.get('AlluxioRuntime', name, 'ns')!)!;

test('the first plan records ports from the range with the finalizer; the rendering uses them', () => {
  const state = new PlanState([dataset('a'), alluxio('a')]);
  const first = plan(state, 'a');
  expect(first.writes[0]).toMatchObject({ op: 'metadata', patch: { annotations: { [HOST_PORTS_ANNOTATION]: expect.any(String) } } });
  state.apply(first);
  const ports = portsOf(state, 'a');
  expect(ports).toMatchObject({ 'master-rpc': 20000, 'master-web': 20001, 'worker-rpc': expect.any(Number) });
  const objects = plan(state, 'a').writes.flatMap((w) => (w.op === 'create' ? [w.object] : []));
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'a-config') as unknown as { data: Record<string, string> };
  expect(config.data.ALLUXIO_JAVA_OPTS).toContain(`-Dalluxio.master.rpc.port=${ports['master-rpc']}`);
  // Stable: planning again allocates nothing new.
  expect(plan(state, 'a').writes.some((w) => w.op === 'metadata')).toBe(false);
});

test('a second runtime gets other ports, and so does one planned while the first one\'s are not in the cache yet', () => {
  const state = new PlanState([dataset('a'), alluxio('a'), dataset('b'), alluxio('b'), dataset('c'), alluxio('c')]);
  state.apply(plan(state, 'a'));
  const reservations = new PortReservations();
  const b = plan(state, 'b');
  reservations.note(b);
  // c is planned before b's write reaches the view.
  const c = plan(state, 'c', reservations.current(state.view()));
  state.apply(b);
  state.apply(c);
  const all = [portsOf(state, 'a'), portsOf(state, 'b'), portsOf(state, 'c')].flatMap((p) => Object.values(p));
  expect(new Set(all).size).toBe(all.length);
  expect(reservations.current(state.view()).size).toBe(0);
});

test('a deleted runtime\'s ports are given to the next one', () => {
  const state = new PlanState([dataset('a'), alluxio('a')]);
  state.apply(plan(state, 'a'));
  const before = portsOf(state, 'a');
  state.remove('AlluxioRuntime', 'a', 'ns');
  state.put(dataset('d'));
  state.put(alluxio('d'));
  state.apply(plan(state, 'd'));
  expect(portsOf(state, 'd')).toEqual(before);
});

test('a runtime whose ports are fixed by the user needs none allocated; an exhausted range is reported', () => {
  const fixed = { ...alluxio('f'), spec: { ...alluxio('f').spec, master: { networkMode: 'ContainerNetwork' }, worker: { networkMode: 'ContainerNetwork' } } };
  const state = new PlanState([dataset('f'), fixed]);
  const p = plan(state, 'f');
  expect(JSON.stringify(p.writes)).not.toContain(HOST_PORTS_ANNOTATION);
  expect(allocatePorts(['x', 'y'], new Set([1, 2]), { min: 1, max: 3 })).toEqual({ ok: false, error: expect.stringContaining('no free host port left in 1-3 for y') });
  expect(() => parsePortRange('26000-20000')).toThrow(/a port range is <first>-<last>/);
});
