// The Dataset and runtime checks issue 16 lists, as the operator applies them: a Dataset with no mounts (refused
// only by the engines that need one), a mount whose scheme the engine has no storage for, and a high watermark
// below the low one. Each is a Validated=False condition and one Warning Event naming the field, written once;
// nothing else happens until the spec changes.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../../../constructs/render-documents';
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { DATASET_FINALIZER } from '../../../../operator/reconcilers/dataset-plan';
import type { Plan } from '../../../../operator/reconcilers/plan';
import { planRuntime } from '../../../../operator/reconcilers/runtime-plan';
import { runtimeSnapshot } from '../../../../operator/reconcilers/runtime-snapshot';
import { PlanState } from '../../../support/plan-state';

const NOW = new Date('2026-12-03T10:05:00Z');
const registry = builtinEngines();
const MEM_TIER = { mediumtype: 'MEM', path: '/dev/shm', quota: '2Gi' };

/** No `mounts`: the field left out, as the CRD's minItems 1 (Fluid's too) refuses an empty list. */
const dataset = (mounts?: object[]): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset',
  metadata: { name: 'data', namespace: 'team-a', uid: 'ds-uid', finalizers: [DATASET_FINALIZER], labels: { 'fluid.io/dataset-id': 'team-a-data' } },
  spec: mounts ? { mounts } : {},
});
const runtime = (kind: string, spec: object): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1', kind, metadata: { name: 'data', namespace: 'team-a', uid: 'rt-uid' }, spec,
});
const thinProfile: ObservedObject = {
  apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntimeProfile', metadata: { name: 'nfs' },
  spec: { fileSystemType: 'nfs', fuse: { image: 'registry.example.org/nfs-fuse', imageTag: 'v1', command: ['/mount.sh'] } },
};

function plan(state: PlanState, kind: string): Plan {
  return planRuntime(runtimeSnapshot(state.view(), registry, { kind, namespace: 'team-a', name: 'data' }, DEFAULT_SETTINGS, NOW)!);
}

/** The plan refuses the runtime: one status write with Validated=False, one Warning naming `field`; then nothing more. */
function expectRefusedOnce(state: PlanState, kind: string, field: string): string {
  const p = plan(state, kind);
  expect(p.writes).toEqual([expect.objectContaining({ op: 'status', key: expect.objectContaining({ kind }) })]);
  const status = (p.writes[0] as unknown as { status: { conditions: { type: string; status: string; message: string }[] } }).status;
  const validated = status.conditions.find((c) => c.type === 'Validated');
  expect(validated).toMatchObject({ status: 'False', message: expect.stringContaining(field) });
  expect(p.events).toEqual([expect.objectContaining({ type: 'Warning', reason: 'ErrorValidateSpecFields', note: expect.stringContaining(field) })]);
  state.apply(p);
  expect(plan(state, kind)).toEqual({ writes: [], events: [], outcome: { kind: 'done' } });
  return validated!.message;
}

/** The plan goes ahead: its first step is the runtime's own finalizer (a metadata write), no Warning. */
function expectAccepted(state: PlanState, kind: string): void {
  const p = plan(state, kind);
  expect(p.events).toEqual([]);
  expect(p.writes).toEqual([expect.objectContaining({ op: 'metadata', key: expect.objectContaining({ kind }) })]);
}

describe('a Dataset with no mounts', () => {
  it('is refused by JuiceFSRuntime, which mounts its volume from the first mount (Fluid: pkg/ddc/juicefs)', () => {
    const state = new PlanState([dataset(), runtime('JuiceFSRuntime', { tieredstore: { levels: [MEM_TIER] } })]);
    expect(expectRefusedOnce(state, 'JuiceFSRuntime', 'spec.mounts')).toMatch(/needs a mount juicefs:\/\/\//);
  });

  it.each<[string, object, string]>([
    ['ThinRuntime', { profileName: 'nfs' }, 'mounts can be added later (Fluid: pkg/ddc/thin transformFuseConfig)'],
    ['VineyardRuntime', { tieredstore: { levels: [MEM_TIER] } }, 'its data lives in the cache itself'],
    ['AlluxioRuntime', { replicas: 1, tieredstore: { levels: [MEM_TIER] } }, 'Fluid mounts nothing and Alluxio serves its own root'],
  ])('is served by %s (%j): %s', (kind, spec) => {
    expectAccepted(new PlanState([dataset(), runtime(kind, spec), thinProfile]), kind);
  });

  it('written as an empty list is refused for every engine, as the CRD (minItems 1) refuses it', () => {
    const state = new PlanState([dataset([]), runtime('VineyardRuntime', {})]);
    expect(expectRefusedOnce(state, 'VineyardRuntime', 'spec.mounts')).toMatch(/needs at least 1 item/);
  });
});

describe('a mount whose scheme the engine has no storage for', () => {
  it('is refused by AlluxioRuntime, naming the mount', () => {
    const mounts = [{ name: 'web', mountPoint: 'https://example.org/data/' }, { name: 'old', mountPoint: 'gopher://gopher.example.org/1/data' }];
    const state = new PlanState([dataset(mounts), runtime('AlluxioRuntime', { replicas: 1, tieredstore: { levels: [MEM_TIER] } })]);
    expect(expectRefusedOnce(state, 'AlluxioRuntime', 'spec.mounts[1].mountPoint')).toMatch(/no under file system for gopher:\/\//);
  });

  it('is refused by JindoRuntime, naming the mount', () => {
    const state = new PlanState([dataset([{ name: 'old', mountPoint: 'gopher://gopher.example.org/1/data' }]), runtime('JindoRuntime', { replicas: 1, tieredstore: { levels: [MEM_TIER] } })]);
    expectRefusedOnce(state, 'JindoRuntime', 'spec.mounts[0].mountPoint');
  });

  it('is left to the profile\'s fuse by ThinRuntime, which mounts whatever its fuse understands', () => {
    expectAccepted(new PlanState([dataset([{ name: 'old', mountPoint: 'gopher://gopher.example.org/1/data' }]), runtime('ThinRuntime', { profileName: 'nfs' }), thinProfile]), 'ThinRuntime');
  });

  it('accepts every scheme Alluxio has storage for, in any case, and a plain path', () => {
    const mounts = ['s3://bucket/a', 'S3A://bucket/b', 'hdfs://namenode:8020/c', 'oss://bucket/d', 'local:///mnt/e', 'pvc://claim/f', '/mnt/g'].map((mountPoint, i) => ({ name: `m${i}`, mountPoint }));
    expectAccepted(new PlanState([dataset(mounts), runtime('AlluxioRuntime', { replicas: 1, tieredstore: { levels: [MEM_TIER] } })]), 'AlluxioRuntime');
  });
});

describe('a tier whose high watermark is below its low one', () => {
  it.each(['AlluxioRuntime', 'JindoRuntime', 'JuiceFSRuntime'])('is refused by %s, naming the field', (kind) => {
    const mount = kind === 'JuiceFSRuntime' ? { name: 'jfs', mountPoint: 'juicefs:///', encryptOptions: [{ name: 'metaurl', valueFrom: { secretKeyRef: { name: 'jfs', key: 'metaurl' } } }] } : { name: 'web', mountPoint: kind === 'JindoRuntime' ? 'oss://bucket/data' : 'https://example.org/data/' };
    const levels = [MEM_TIER, { mediumtype: 'SSD', path: '/mnt/ssd', quota: '10Gi', high: '0.5', low: '0.7' }];
    const secret: ObservedObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'jfs', namespace: 'team-a' } };
    const state = new PlanState([dataset([mount]), runtime(kind, { replicas: 1, tieredstore: { levels } }), secret]);
    expect(expectRefusedOnce(state, kind, 'spec.tieredstore.levels[1].high')).toMatch(/"0\.5" is below the low watermark "0\.7"/);
  });

  it('accepts high equal to or above low, and ratios it cannot read (left to the engine)', () => {
    for (const [high, low] of [['0.9', '0.7'], ['0.8', '0.8'], ['', '0.7']]) {
      const levels = [{ ...MEM_TIER, high, low }];
      expectAccepted(new PlanState([dataset([{ name: 'web', mountPoint: 'https://example.org/data/' }]), runtime('AlluxioRuntime', { replicas: 1, tieredstore: { levels } })]), 'AlluxioRuntime');
    }
  });
});
