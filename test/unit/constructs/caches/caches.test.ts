// The per-kind cache constructs render what `synth` renders: the Dataset and runtime they declare are the sample's,
// and the objects are synthesize()'s for the same documents, owner references (cluster UIDs) left out.
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { join } from 'node:path';
import { readDocuments } from '../../../../cli/read-documents';
import { REPO_ROOT } from '../../../../cluster/repo-root';
import { AlluxioCache, CacheOutput, EFCCache, GenericCache, JindoCache, JuiceFSCache, ThinCache, VineyardCache } from '../../../../constructs/caches';
import type { KubeObject } from '../../../../constructs/kube-object';
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { AlluxioRuntimeSpecTieredstoreLevelsMediumtype as AlluxioMedium, AlluxioRuntimeSpecTieredstoreLevelsQuota as AlluxioQuota } from '../../../../imports/alluxioruntimes';
import { EfcRuntimeSpecTieredstoreLevelsMediumtype as EfcMedium, EfcRuntimeSpecTieredstoreLevelsQuota as EfcQuota, EfcRuntimeSpecTieredstoreLevelsVolumeType as EfcVolumeType } from '../../../../imports/efcruntimes';
import { JindoRuntimeSpecTieredstoreLevelsMediumtype as JindoMedium, JindoRuntimeSpecTieredstoreLevelsQuota as JindoQuota } from '../../../../imports/jindoruntimes';
import { JuiceFsRuntimeSpecTieredstoreLevelsMediumtype as JuiceMedium, JuiceFsRuntimeSpecTieredstoreLevelsQuota as JuiceQuota } from '../../../../imports/juicefsruntimes';
import { VineyardRuntimeSpecTieredstoreLevelsMediumtype as VineyardMedium, VineyardRuntimeSpecTieredstoreLevelsQuota as VineyardQuota } from '../../../../imports/vineyardruntimes';
import { synthesize } from '../../../../operator/reconcilers/synthesize';

function exampleDocs(file: string): Record<string, any>[] {
  return readDocuments(join(REPO_ROOT, 'examples', file)).map((d) => {
    if (!d.ok) throw new Error(d.error);
    return d.value as Record<string, any>;
  });
}

/** What `synth` prints for these documents' runtime, as the constructs emit it (no owner references). */
function synthObjects(docs: readonly unknown[], runtimeKind: string): KubeObject[] {
  const result = synthesize(docs, builtinEngines());
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const group = result.groups.find((g) => g.source.startsWith(`${runtimeKind} `));
  if (!group) throw new Error(`no ${runtimeKind} in ${result.groups.map((g) => g.source).join(', ')}`);
  return group.objects.map((o) => {
    const { ownerReferences, ...metadata } = o.metadata as Record<string, unknown>;
    // The PersistentVolume is cluster-scoped: a namespaced runtime cannot own it.
    if (o.kind !== 'PersistentVolume') expect(ownerReferences).toEqual([expect.objectContaining({ kind: runtimeKind, uid: expect.stringMatching(/^uid-of-/) })]);
    return { ...o, metadata } as KubeObject;
  });
}

const named = (docs: readonly Record<string, any>[], kind: string) => docs.find((d) => d.kind === kind)!;
const keyOf = (o: { kind: string; metadata: { name: string } }) => `${o.kind}/${o.metadata.name}`;

describe('AlluxioCache', () => {
  const sample = exampleDocs('alluxio-demo.yaml');
  const props = {
    name: 'demo-web',
    dataset: { mounts: [{ mountPoint: 'https://downloads.example.org/datasets/', name: 'web' }], accessModes: ['ReadOnlyMany'] },
    runtime: {
      replicas: 2,
      tieredstore: { levels: [{ mediumtype: AlluxioMedium.MEM, path: '/dev/shm', quota: AlluxioQuota.fromString('2Gi'), high: '0.95', low: '0.7' }] },
    },
  };

  test('declares the sample\'s Dataset and AlluxioRuntime, and nothing else by default', () => {
    const chart = Testing.chart();
    const cache = new AlluxioCache(chart, 'web', props);
    expect(cache.output).toBe(CacheOutput.CUSTOM_RESOURCES);
    expect(cache.namespace).toBe('default');
    const out = Testing.synth(chart);
    expect(out).toEqual([named(sample, 'Dataset'), named(sample, 'AlluxioRuntime')]);
  });

  test('its objects are what synth renders for the sample, owner references left out', () => {
    const chart = Testing.chart();
    const cache = new AlluxioCache(chart, 'web', { ...props, output: CacheOutput.OBJECTS });
    const expected = synthObjects(sample.filter((d) => d.kind !== 'DataLoad'), 'AlluxioRuntime');
    expect(cache.objects).toEqual(expected);
    expect(Testing.synth(chart)).toEqual(expected);
    expect(expected.map(keyOf)).toEqual(expect.arrayContaining(['StatefulSet/demo-web-master', 'StatefulSet/demo-web-worker', 'DaemonSet/demo-web-fuse', 'PersistentVolumeClaim/demo-web']));
  });

  test('ALL emits the custom resources, then the objects; the chart\'s namespace is the default', () => {
    const chart = new Chart(new App(), 'c', { namespace: 'team-a' });
    const cache = new AlluxioCache(chart, 'web', { ...props, output: CacheOutput.ALL, settings: { mountRoot: '/mnt/fluid' } });
    const out = Testing.synth(chart);
    expect(out.slice(0, 2).map((o) => `${keyOf(o)} ${o.metadata.namespace}`)).toEqual(['Dataset/demo-web team-a', 'AlluxioRuntime/demo-web team-a']);
    expect(out.slice(2)).toEqual(cache.objects);
    const pv = out.find((o) => o.kind === 'PersistentVolume')!;
    expect(pv.spec.csi.volumeAttributes.fluid_path).toMatch(/^\/mnt\/fluid\//);
  });

  test('a rule the operator enforces fails at construction, naming the construct, the object and the field', () => {
    const chart = Testing.chart();
    expect(() => new AlluxioCache(chart, 'bad', {
      ...props,
      runtime: { tieredstore: { levels: [{ mediumtype: AlluxioMedium.MEM, path: '/dev/shm', quota: AlluxioQuota.fromString('lots') }] } },
    })).toThrow(/^test\/bad: AlluxioRuntime default\/demo-web: spec\.tieredstore\.levels\[0\]\.quota/);
  });
});

describe('ThinCache', () => {
  const sample = exampleDocs('thin-nfs-demo.yaml');
  const dataset = { mounts: [{ mountPoint: 'nfs://nfs.example.org/exports/data', name: 'data' }] };

  test('with its profile: the sample\'s runtime, and the objects synth renders', () => {
    const chart = Testing.chart();
    const profile = new ApiObject(chart, 'profile', named(sample, 'ThinRuntimeProfile') as never);
    const cache = new ThinCache(chart, 'nfs', { name: 'demo-nfs', dataset, runtime: {}, profile, output: CacheOutput.ALL });
    expect(cache.customResources).toEqual([named(sample, 'Dataset'), named(sample, 'ThinRuntime')]);
    expect(cache.objects).toEqual(synthObjects(sample, 'ThinRuntime'));
  });

  test('without its profile: the custom resources only; asking for objects is an error that says what is missing', () => {
    const chart = Testing.chart();
    const cache = new ThinCache(chart, 'nfs', { name: 'demo-nfs', dataset, runtime: { profileName: 'demo-nfs' } });
    expect(cache.objects).toBeUndefined();
    expect(Testing.synth(chart).map(keyOf)).toEqual(['Dataset/demo-nfs', 'ThinRuntime/demo-nfs']);
    expect(() => new ThinCache(chart, 'nfs2', { name: 'demo-nfs', dataset, runtime: { profileName: 'demo-nfs' }, output: CacheOutput.OBJECTS }))
      .toThrow('test/nfs2: ThinRuntime default/demo-nfs names a ThinRuntimeProfile (spec.profileName) this construct was not given; pass it to render the objects');
  });

  test('a profileName that differs from the profile given is an error', () => {
    const chart = Testing.chart();
    const profile = new ApiObject(chart, 'profile', named(sample, 'ThinRuntimeProfile') as never);
    expect(() => new ThinCache(chart, 'nfs', { dataset, runtime: { profileName: 'other' }, profile }))
      .toThrow('test/nfs: runtime spec.profileName is "other" but the ThinRuntimeProfile given is "demo-nfs"');
  });
});

describe('GenericCache', () => {
  test('with its class: the objects synth renders for the same documents', () => {
    const sample = exampleDocs('seaweedfs/cache-runtime.yaml');
    const chart = Testing.chart();
    const runtimeClass = new ApiObject(chart, 'class', named(sample, 'CacheRuntimeClass') as never);
    const cache = new GenericCache(chart, 'bucket', {
      name: 'bucket-cache',
      dataset: { mounts: [{ mountPoint: 's3://ufs', name: 'bucket', path: '/', options: { endpoint: 'http://ufs.example.org:8333' } }] },
      runtime: { runtimeClassName: 'seaweedfs', worker: { replicas: 1 } },
      runtimeClass,
      output: CacheOutput.OBJECTS,
    });
    expect(cache.objects).toEqual(synthObjects([...cache.customResources, named(sample, 'CacheRuntimeClass')], 'CacheRuntime'));
    expect(cache.objects!.map(keyOf)).toEqual(expect.arrayContaining(['StatefulSet/bucket-cache-worker', 'PersistentVolumeClaim/bucket-cache']));
  });
});

describe('VineyardCache', () => {
  test('renders what synth renders for examples/vineyard-demo.yaml, a Dataset with no mounts', () => {
    const sample = exampleDocs('vineyard-demo.yaml');
    const chart = Testing.chart();
    const cache = new VineyardCache(chart, 'demo-v6d', {
      namespace: 'default',
      dataset: {},
      runtime: { replicas: 1, tieredstore: { levels: [{ mediumtype: VineyardMedium.MEM, quota: VineyardQuota.fromString('1Gi') }] } },
      output: CacheOutput.OBJECTS,
    });
    expect(cache.objects).toEqual(synthObjects(sample, 'VineyardRuntime'));
  });
});

describe('EFCCache', () => {
  test('renders what synth renders for examples/efc-demo.yaml', () => {
    const sample = exampleDocs('efc-demo.yaml');
    const chart = Testing.chart();
    const cache = new EFCCache(chart, 'demo-nas', {
      namespace: 'default',
      dataset: named(sample, 'Dataset').spec,
      runtime: { replicas: 1, tieredstore: { levels: [{ mediumtype: EfcMedium.MEM, volumeType: EfcVolumeType.EMPTY_DIR, path: '/mnt/efc-cache', quota: EfcQuota.fromString('2Gi') }] } },
      output: CacheOutput.OBJECTS,
    });
    expect(cache.objects).toEqual(synthObjects(sample, 'EFCRuntime'));
  });

  test('refuses a mount point EFC cannot mount, naming the field', () => {
    expect(() => new EFCCache(Testing.chart(), 'bad', { dataset: { mounts: [{ name: 'x', mountPoint: 'https://example.org/' }] }, runtime: {} })).toThrow(/spec\.mounts\[0\]\.mountPoint: "https:\/\/example\.org\/": EFCRuntime mounts NAS/);
  });
});

describe('JindoCache and JuiceFSCache', () => {
  test('JindoCache renders what synth renders for its documents', () => {
    const chart = Testing.chart();
    const cache = new JindoCache(chart, 'oss', {
      dataset: { mounts: [{ mountPoint: 'oss://bucket/data/', name: 'data', options: { 'fs.oss.endpoint': 'oss.example.org' } }] },
      runtime: { replicas: 2, tieredstore: { levels: [{ mediumtype: JindoMedium.MEM, path: '/dev/shm', quota: JindoQuota.fromString('2Gi') }] } },
      output: CacheOutput.OBJECTS,
    });
    expect(cache.customResources.map(keyOf)).toEqual(['Dataset/oss', 'JindoRuntime/oss']);
    expect(cache.objects).toEqual(synthObjects(cache.customResources, 'JindoRuntime'));
  });

  test('JuiceFSCache renders what synth renders for its documents', () => {
    const chart = Testing.chart();
    const secret = (key: string) => ({ name: key, valueFrom: { secretKeyRef: { name: 'jfs-secret', key } } });
    const cache = new JuiceFSCache(chart, 'jfs', {
      dataset: { mounts: [{ mountPoint: 'juicefs:///training', name: 'jfs', options: { storage: 'minio', bucket: 'http://minio:9000/jfs' }, encryptOptions: [secret('metaurl')] }] },
      runtime: { replicas: 1, tieredstore: { levels: [{ mediumtype: JuiceMedium.SSD, path: '/var/jfsCache', quota: JuiceQuota.fromString('20Gi') }] } },
      output: CacheOutput.OBJECTS,
    });
    expect(cache.objects).toEqual(synthObjects(cache.customResources, 'JuiceFSRuntime'));
  });
});
