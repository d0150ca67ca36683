// Fluid's Dataset checks made in code (fluid-spec.md §1.14), as conditions and one Event.
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { StaticClusterView } from '../../../../operator/reconcilers/cluster-view';
import { datasetSpecErrors } from '../../../../operator/reconcilers/dataset-checks';
import { DATASET_FINALIZER, planDataset } from '../../../../operator/reconcilers/dataset-plan';
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';

const ds = (name: string, mounts: object[]) => ({ metadata: { name }, spec: { mounts } });
const web = (name: string, extra: object = {}) => ({ mountPoint: `https://example.org/${name}/`, name, ...extra });

describe('datasetSpecErrors', () => {
  it('accepts a plain Dataset and one with a single dataset:// mount', () => {
    expect(datasetSpecErrors(ds('hbase', [web('a'), web('b')]))).toEqual([]);
    expect(datasetSpecErrors(ds('hbase', [{ mountPoint: 'dataset://ns/other', name: 'o' }]))).toEqual([]);
    expect(datasetSpecErrors(ds('hbase', []))).toEqual([]);
  });

  it("refuses a name that is not a DNS-1035 label, as Fluid's dataset controller does", () => {
    expect(datasetSpecErrors(ds('20-hbase', [web('a')]))).toEqual([{ path: 'metadata.name', message: expect.stringContaining('DNS-1035') }]);
    expect(datasetSpecErrors(ds('a'.repeat(64), [web('a')]))[0]?.path).toBe('metadata.name');
  });

  it('refuses a dataset:// mount beside another mount, and two of them', () => {
    expect(datasetSpecErrors(ds('d', [web('a'), { mountPoint: 'dataset://ns/x', name: 'x' }]))).toEqual([{ path: 'spec.mounts[1].mountPoint', message: 'a dataset:// mount must be the only mount of its Dataset' }]);
    expect(datasetSpecErrors(ds('d', [{ mountPoint: 'dataset://ns/x', name: 'x' }, { mountPoint: 'dataset://ns/y', name: 'y' }]))[0]?.message).toMatch(/^2 dataset:\/\/ mounts/);
  });

  it('refuses duplicate mount names and two mounts at one path', () => {
    expect(datasetSpecErrors(ds('d', [web('a'), web('a')]))).toEqual([{ path: 'spec.mounts[1].name', message: '"a" is also the name of spec.mounts[0]; mount names must be unique' }]);
    expect(datasetSpecErrors(ds('d', [web('a'), web('b', { path: '/a/' })]))).toEqual([{ path: 'spec.mounts[1]', message: 'appears at /a, as spec.mounts[0] does; set a different name or path' }]);
  });
});

describe('planDataset records the problems', () => {
  const NOW = new Date('2026-12-03T10:00:00Z');
  const dataset = (mounts: object[], status?: object): ObservedObject => ({
    apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'd', namespace: 'ns', uid: 'u', generation: 2, resourceVersion: '5', finalizers: [DATASET_FINALIZER] }, spec: { mounts }, ...(status ? { status } : {}),
  });
  const view = new StaticClusterView([], builtinEngines());

  it('as Validated=False with the generation and one Warning, then nothing until it changes; a fix removes it', () => {
    const first = planDataset(dataset([web('a'), web('a')]), view, NOW);
    const write = first.writes[0] as unknown as { op: string; status: { phase: string; conditions: object[] } };
    expect(write.op).toBe('status');
    expect(write.status.phase).toBe('NotBound');
    expect(write.status.conditions).toEqual([expect.objectContaining({ type: 'Validated', status: 'False', reason: 'InvalidSpec', observedGeneration: 2, message: 'Dataset ns/d: spec.mounts[1].name: "a" is also the name of spec.mounts[0]; mount names must be unique' })]);
    expect(first.events).toEqual([expect.objectContaining({ type: 'Warning', reason: 'ErrorCreateDataset', action: 'Validate' })]);
    const recorded = dataset([web('a'), web('a')], write.status);
    expect(planDataset(recorded, view, NOW)).toEqual({ writes: [], events: [], outcome: { kind: 'done' } });
    const fixed = planDataset({ ...recorded, spec: { mounts: [web('a'), web('b')] } }, view, NOW);
    expect(fixed.events).toEqual([]);
    expect((fixed.writes[0] as unknown as { status: { conditions: object[] } }).status.conditions).toEqual([]);
  });
});
