// Cache-node labels as Fluid writes them (pkg/utils/dataset/lifecycle/node.go labelNodeWithCapacityInfo): a
// capacity label per medium the tiered store has, the total always; Jindo labels under its engine's name.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { classicTieredStoreQuota, CacheQuota } from '../../../../constructs/runtimes/cache-quota';
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { nodeLabelChanges, NodeLabelInput } from '../../../../operator/reconcilers/node-labels';

const ds = { namespace: 'team-a', name: 'hbase', uid: 'ds-uid' };
const node = (labels: Record<string, string> = {}): ObservedObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-0', labels } });
const worker: ObservedObject = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hbase-worker-0', namespace: 'team-a', labels: { 'fluid.io/dataset': 'team-a-hbase' } },
  spec: { nodeName: 'node-0' }, status: { phase: 'Running' },
};

function labelsFor(quota: CacheQuota, over: Partial<NodeLabelInput> = {}): Record<string, string | null> | undefined {
  return nodeLabelChanges({
    runtimeType: 'alluxio', dataset: ds, datasetId: 'team-a-hbase', placement: 'Shared', quota, nodes: [node()], workerPods: [worker], keep: true, ...over,
  }).get('node-0');
}

const level = (mediumtype: string, quota: string) => ({ mediumtype, path: '/cache', quota });

describe('capacity labels', () => {
  it('a memory tier only: the -m- and -t- labels, no -d- label of 0B', () => {
    expect(labelsFor(classicTieredStoreQuota({ tieredstore: { levels: [level('MEM', '2Gi')] } }))).toEqual({
      'fluid.io/s-team-a-hbase': 'true',
      'fluid.io/s-alluxio-team-a-hbase': 'true',
      'fluid.io/s-h-alluxio-m-team-a-hbase': '2GiB',
      'fluid.io/s-h-alluxio-t-team-a-hbase': '2GiB',
      'fluid.io/dataset-num': '1',
    });
  });

  it("a CacheRuntime's nodes get only the total, 0B, whatever its tiered store: Fluid gives it none", () => {
    const engine = builtinEngines().get('CacheRuntime')!;
    const spec = { runtimeClassName: 'kv', worker: { tieredStore: { levels: [{ medium: { emptyDir: { medium: 'Memory' } }, quota: '2Gi', path: '/cache' }] } } };
    const labels = labelsFor(engine.cacheQuota?.(spec) ?? {}, { runtimeType: engine.runtimeType })!;
    expect(Object.entries(labels).filter(([k]) => k.startsWith('fluid.io/s-h-'))).toEqual([['fluid.io/s-h-cache-t-team-a-hbase', '0B']]);
  });

  it('SSD and HDD tiers are disk: the -d- and -t- labels, no -m- label', () => {
    const labels = labelsFor(classicTieredStoreQuota({ tieredstore: { levels: [level('SSD', '1Gi'), level('HDD', '3Gi')] } }))!;
    expect(labels['fluid.io/s-h-alluxio-d-team-a-hbase']).toBe('4GiB');
    expect(labels['fluid.io/s-h-alluxio-t-team-a-hbase']).toBe('4GiB');
    expect(labels).not.toHaveProperty('fluid.io/s-h-alluxio-m-team-a-hbase');
  });

  it('no tiered store: only the total, 0B (Fluid adds up an empty storage map)', () => {
    const labels = labelsFor(classicTieredStoreQuota({}))!;
    expect(Object.keys(labels).filter((k) => k.startsWith('fluid.io/s-h-'))).toEqual(['fluid.io/s-h-alluxio-t-team-a-hbase']);
    expect(labels['fluid.io/s-h-alluxio-t-team-a-hbase']).toBe('0B');
  });

  it('a tier of 0 bytes still gets its label: it is the medium, not the size, that decides', () => {
    expect(labelsFor(classicTieredStoreQuota({ tieredstore: { levels: [level('MEM', '0')] } }))!['fluid.io/s-h-alluxio-m-team-a-hbase']).toBe('0B');
  });

  it('a medium dropped from the tiered store loses its label on the next reconcile', () => {
    const before = { 'fluid.io/s-team-a-hbase': 'true', 'fluid.io/s-alluxio-team-a-hbase': 'true', 'fluid.io/s-h-alluxio-m-team-a-hbase': '2GiB', 'fluid.io/s-h-alluxio-d-team-a-hbase': '0B', 'fluid.io/s-h-alluxio-t-team-a-hbase': '2GiB', 'fluid.io/dataset-num': '1' };
    expect(labelsFor(classicTieredStoreQuota({ tieredstore: { levels: [level('MEM', '2Gi')] } }), { nodes: [node(before)] })).toEqual({ 'fluid.io/s-h-alluxio-d-team-a-hbase': null });
  });

  it('on deletion every capacity label comes off, whichever media the tiered store has now', () => {
    const before = { 'fluid.io/s-h-alluxio-m-team-a-hbase': '2GiB', 'fluid.io/s-h-alluxio-d-team-a-hbase': '1GiB', 'fluid.io/s-h-alluxio-t-team-a-hbase': '3GiB' };
    expect(labelsFor({}, { nodes: [node(before)], keep: false })).toEqual({
      'fluid.io/s-h-alluxio-m-team-a-hbase': null, 'fluid.io/s-h-alluxio-d-team-a-hbase': null, 'fluid.io/s-h-alluxio-t-team-a-hbase': null,
    });
  });
});

describe('the runtime type in the label keys', () => {
  it('Jindo labels as jindocache, the engine Fluid runs JindoRuntime with by default (jindocache/runtime_info.go)', () => {
    const jindo = builtinEngines().get('JindoRuntime')!;
    expect(jindo.runtimeType).toBe('jindo');
    const labels = labelsFor(classicTieredStoreQuota({ tieredstore: { levels: [level('MEM', '1Gi')] } }), { runtimeType: jindo.nodeLabelType ?? jindo.runtimeType })!;
    expect(Object.keys(labels).sort()).toEqual([
      'fluid.io/dataset-num',
      'fluid.io/s-h-jindocache-m-team-a-hbase',
      'fluid.io/s-h-jindocache-t-team-a-hbase',
      'fluid.io/s-jindocache-team-a-hbase',
      'fluid.io/s-team-a-hbase',
    ]);
  });

  it('the other engines label with their runtime type', () => {
    const registry = builtinEngines();
    for (const kind of ['AlluxioRuntime', 'JuiceFSRuntime', 'ThinRuntime', 'CacheRuntime']) expect(registry.get(kind)!.nodeLabelType).toBeUndefined();
  });
});
