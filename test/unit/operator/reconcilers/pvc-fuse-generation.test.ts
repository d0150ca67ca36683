// Which fuse generation the dataset's PVC gets (pkg/utils/dataset/volume/create.go): what it records once it exists,
// before that the fuse DaemonSet's metadata.generation when it runs exactly one container.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { ObservedObject, StaticClusterView } from '../../../../operator/reconcilers/cluster-view';
import { fuseGenerationForNewPvc, pvcFuseGeneration } from '../../../../operator/reconcilers/pvc-fuse-generation';

const ds = { namespace: 'team-a', name: 'hbase', uid: 'ds-uid' };
const view = (...objects: ObservedObject[]) => new StaticClusterView(objects, builtinEngines());
const daemonSet = (generation: number, containers: number): ObservedObject => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'hbase-fuse', namespace: 'team-a', generation },
  spec: { template: { spec: { containers: Array.from({ length: containers }, (_, i) => ({ name: `c${i}` })) } } },
});
const pvc = (labels: Record<string, string>): ObservedObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'hbase', namespace: 'team-a', labels } });
const fuse = { kind: 'DaemonSet' as const, name: 'hbase-fuse' };

describe('fuseGenerationForNewPvc', () => {
  it('the generation of the live one-container fuse DaemonSet', () => {
    expect(fuseGenerationForNewPvc(view(daemonSet(3, 1)), 'team-a', fuse, [])).toBe(3);
  });

  it('1 while the DaemonSet is not created yet (synth\'s picture of the cluster as set up), when it renders one container', () => {
    expect(fuseGenerationForNewPvc(view(), 'team-a', fuse, [daemonSet(7, 1) as never])).toBe(1);
    expect(fuseGenerationForNewPvc(view(), 'team-a', fuse, [daemonSet(7, 2) as never])).toBeUndefined();
  });

  it('none for a fuse with a sidecar, or a fuse that is not a DaemonSet', () => {
    expect(fuseGenerationForNewPvc(view(daemonSet(3, 2)), 'team-a', fuse, [daemonSet(1, 1) as never])).toBeUndefined();
    expect(fuseGenerationForNewPvc(view(daemonSet(3, 1)), 'team-a', { kind: 'Deployment', name: 'hbase-fuse' }, [])).toBeUndefined();
  });
});

describe('pvcFuseGeneration', () => {
  it('what an existing PVC records, or that it records none', () => {
    expect(pvcFuseGeneration(view(pvc({ 'fuse.runtime.fluid.io/generation': '4' })), ds)).toEqual({ pvcExists: true, generation: 4 });
    expect(pvcFuseGeneration(view(pvc({})), ds)).toEqual({ pvcExists: true });
    expect(pvcFuseGeneration(view(pvc({ 'fuse.runtime.fluid.io/generation': 'v2' })), ds)).toEqual({ pvcExists: true });
  });

  it('no PVC yet', () => {
    expect(pvcFuseGeneration(view(daemonSet(1, 1)), ds)).toEqual({ pvcExists: false });
  });
});
