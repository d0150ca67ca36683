// Per kind, each sort of mistake is rejected with the exact field path in the message.
import { formatErrors, validateObject } from '../../../crds/validate';

const DELETE = Symbol('delete');
type Step = string | number;

function mutated(base: object, path: readonly Step[], value: unknown): object {
  const copy = structuredClone(base) as any;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step];
  const last = path[path.length - 1];
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return copy;
}

function doc(kind: string, body: object, namespaced = true): object {
  return { apiVersion: 'data.fluid.io/v1alpha1', kind, metadata: { name: 'demo', ...(namespaced ? { namespace: 'team-a' } : {}) }, ...body };
}

const level = { mediumtype: 'MEM', path: '/dev/shm', quota: '2Gi' };
const resources = { limits: { memory: '1Gi' } };

const BASES: Record<string, object> = {
  Dataset: doc('Dataset', { spec: { mounts: [{ mountPoint: 's3://bucket/data', name: 'data' }], placement: 'Exclusive' } }),
  AlluxioRuntime: doc('AlluxioRuntime', { spec: { replicas: 1, master: { networkMode: 'HostNetwork' }, tieredstore: { levels: [level] } } }),
  JindoRuntime: doc('JindoRuntime', { spec: { networkmode: 'HostNetwork', master: { resources }, runAs: { uid: 1, gid: 1, user: 'u', group: 'g' } } }),
  JuiceFSRuntime: doc('JuiceFSRuntime', { spec: { worker: { env: [] }, fuse: { networkMode: '' }, tieredstore: { levels: [level] } } }),
  ThinRuntime: doc('ThinRuntime', { spec: { profileName: 'p', fuse: { env: [{ name: 'A', value: 'b' }], resources }, tieredstore: { levels: [level] } } }),
  ThinRuntimeProfile: doc('ThinRuntimeProfile', { spec: { fileSystemType: 'nfs', nodePublishSecretPolicy: 'NotMountNodePublishSecret', fuse: { command: ['mount'] }, worker: { resources } } }, false),
  CacheRuntime: doc('CacheRuntime', { spec: { runtimeClassName: 'demo', master: { replicas: 1 }, client: { cleanPolicy: 'OnDemand' }, worker: { tieredStore: { levels: [{ emptyDir: { quota: '1Gi' } }] } } } }),
  CacheRuntimeClass: doc(
    'CacheRuntimeClass',
    {
      fileSystemType: 'demofs',
      topology: { master: { options: { a: 'b' }, template: { spec: { containers: [{ name: 'master', image: 'demo', resources }] } } } },
      dataOperationSpecs: [{ name: 'DataLoad' }],
    },
    false,
  ),
  DataLoad: doc('DataLoad', { spec: { dataset: { name: 'demo', namespace: 'team-a' }, policy: 'Once', loadMetadata: true, target: [{ path: '/' }], resources } }),
  DataMigrate: doc('DataMigrate', { spec: { from: { dataset: { name: 'demo', namespace: 'team-a' } }, to: { externalStorage: { uri: 's3://b' } }, policy: 'Once', parallelism: 1, resources } }),
  DataBackup: doc('DataBackup', { spec: { dataset: 'demo', backupPath: 'local:///tmp', runAs: { uid: 1, gid: 1, user: 'u', group: 'g' }, runAfter: { kind: 'DataLoad', name: 'warm' }, ttlSecondsAfterFinished: 60 } }),
  DataProcess: doc('DataProcess', { spec: { dataset: { name: 'demo', mountPath: '/data' }, processor: { script: { source: 'ls', restartPolicy: 'Never', resources } } } }),
  EFCRuntime: doc('EFCRuntime', { spec: { replicas: 1, master: { networkMode: 'ContainerNetwork' }, osAdvise: { enabled: true }, tieredstore: { levels: [level] } } }),
  VineyardRuntime: doc('VineyardRuntime', { spec: { replicas: 1, worker: { replicas: 1, networkMode: '' }, tieredstore: { levels: [level] } } }),
};

interface Case {
  readonly kind: string;
  readonly what: 'wrong type' | 'bad enum value' | 'unknown field' | 'missing required field' | 'bad quantity';
  readonly path: readonly Step[];
  readonly value: unknown;
  /** The whole error line expected, after "Kind team-a/demo: ". */
  readonly message: RegExp;
}

const CASES: Case[] = [
  { kind: 'Dataset', what: 'wrong type', path: ['spec', 'mounts', 0, 'readOnly'], value: 'yes', message: /^spec\.mounts\[0\]\.readOnly: expected true or false, got "yes"$/ },
  { kind: 'Dataset', what: 'bad enum value', path: ['spec', 'placement'], value: 'Both', message: /^spec\.placement: must be one of "Exclusive", "", "Shared"; got "Both"$/ },
  { kind: 'Dataset', what: 'unknown field', path: ['spec', 'mounts', 0, 'mountPiont'], value: 'x', message: /^spec\.mounts\[0\]\.mountPiont: unknown field; did you mean "mountPoint"\?$/ },
  { kind: 'Dataset', what: 'missing required field', path: ['spec', 'mounts', 0, 'mountPoint'], value: DELETE, message: /^spec\.mounts\[0\]\.mountPoint: required field is missing$/ },
  { kind: 'AlluxioRuntime', what: 'wrong type', path: ['spec', 'replicas'], value: 'two', message: /^spec\.replicas: expected an integer, got "two"$/ },
  { kind: 'AlluxioRuntime', what: 'bad enum value', path: ['spec', 'master', 'networkMode'], value: 'Bridge', message: /^spec\.master\.networkMode: must be one of/ },
  { kind: 'AlluxioRuntime', what: 'unknown field', path: ['spec', 'tieredstore', 'levels', 0, 'qouta'], value: '1Gi', message: /^spec\.tieredstore\.levels\[0\]\.qouta: unknown field; did you mean "quota"\?$/ },
  { kind: 'AlluxioRuntime', what: 'missing required field', path: ['spec', 'tieredstore', 'levels', 0, 'mediumtype'], value: DELETE, message: /^spec\.tieredstore\.levels\[0\]\.mediumtype: required field is missing$/ },
  { kind: 'AlluxioRuntime', what: 'bad quantity', path: ['spec', 'tieredstore', 'levels', 0, 'quota'], value: 'lots', message: /^spec\.tieredstore\.levels\[0\]\.quota: expected a quantity such as "100Gi" or 2, got "lots"$/ },
  { kind: 'JindoRuntime', what: 'wrong type', path: ['spec', 'master', 'replicas'], value: 1.5, message: /^spec\.master\.replicas: expected an integer, got 1\.5$/ },
  { kind: 'JindoRuntime', what: 'bad enum value', path: ['spec', 'networkmode'], value: 'bridge', message: /^spec\.networkmode: must be one of/ },
  { kind: 'JindoRuntime', what: 'unknown field', path: ['spec', 'networkMode'], value: 'HostNetwork', message: /^spec\.networkMode: unknown field; did you mean "networkmode"\?$/ },
  { kind: 'JindoRuntime', what: 'missing required field', path: ['spec', 'runAs', 'uid'], value: DELETE, message: /^spec\.runAs\.uid: required field is missing$/ },
  { kind: 'JindoRuntime', what: 'bad quantity', path: ['spec', 'master', 'resources', 'limits', 'memory'], value: '1 GB', message: /^spec\.master\.resources\.limits\.memory: expected a quantity/ },
  { kind: 'JuiceFSRuntime', what: 'wrong type', path: ['spec', 'worker', 'env'], value: { A: 'b' }, message: /^spec\.worker\.env: expected a list, got an object$/ },
  { kind: 'JuiceFSRuntime', what: 'bad enum value', path: ['spec', 'fuse', 'networkMode'], value: 'Host', message: /^spec\.fuse\.networkMode: must be one of/ },
  { kind: 'JuiceFSRuntime', what: 'unknown field', path: ['spec', 'fuse', 'imagetag'], value: 'v1', message: /^spec\.fuse\.imagetag: unknown field; did you mean "imageTag"\?$/ },
  { kind: 'JuiceFSRuntime', what: 'missing required field', path: ['spec', 'tieredstore', 'levels', 0, 'mediumtype'], value: DELETE, message: /^spec\.tieredstore\.levels\[0\]\.mediumtype: required field is missing$/ },
  { kind: 'JuiceFSRuntime', what: 'bad quantity', path: ['spec', 'tieredstore', 'levels', 0, 'quota'], value: 1.5, message: /^spec\.tieredstore\.levels\[0\]\.quota: expected a quantity/ },
  { kind: 'ThinRuntime', what: 'wrong type', path: ['spec', 'fuse', 'args'], value: 'run', message: /^spec\.fuse\.args: expected a list, got "run"$/ },
  { kind: 'ThinRuntime', what: 'bad enum value', path: ['spec', 'tieredstore', 'levels', 0, 'mediumtype'], value: 'RAM', message: /^spec\.tieredstore\.levels\[0\]\.mediumtype: must be one of "MEM", "SSD", "HDD"; got "RAM"$/ },
  { kind: 'ThinRuntime', what: 'unknown field', path: ['spec', 'profile'], value: 'p', message: /^spec\.profile: unknown field; did you mean "profileName"\?$/ },
  { kind: 'ThinRuntime', what: 'missing required field', path: ['spec', 'fuse', 'env', 0, 'name'], value: DELETE, message: /^spec\.fuse\.env\[0\]\.name: required field is missing$/ },
  { kind: 'ThinRuntime', what: 'bad quantity', path: ['spec', 'fuse', 'resources', 'limits', 'memory'], value: 'plenty', message: /^spec\.fuse\.resources\.limits\.memory: expected a quantity/ },
  { kind: 'ThinRuntimeProfile', what: 'wrong type', path: ['spec', 'fuse', 'command'], value: 'mount', message: /^spec\.fuse\.command: expected a list, got "mount"$/ },
  { kind: 'ThinRuntimeProfile', what: 'bad enum value', path: ['spec', 'nodePublishSecretPolicy'], value: 'Always', message: /^spec\.nodePublishSecretPolicy: must be one of/ },
  { kind: 'ThinRuntimeProfile', what: 'unknown field', path: ['spec', 'fileSystemTyp'], value: 'nfs', message: /^spec\.fileSystemTyp: unknown field; did you mean "fileSystemType"\?$/ },
  { kind: 'ThinRuntimeProfile', what: 'missing required field', path: ['spec', 'fileSystemType'], value: DELETE, message: /^spec\.fileSystemType: required field is missing$/ },
  { kind: 'ThinRuntimeProfile', what: 'bad quantity', path: ['spec', 'worker', 'resources', 'limits', 'memory'], value: 'x', message: /^spec\.worker\.resources\.limits\.memory: expected a quantity/ },
  { kind: 'CacheRuntime', what: 'wrong type', path: ['spec', 'master', 'replicas'], value: '1', message: /^spec\.master\.replicas: expected an integer, got "1"$/ },
  { kind: 'CacheRuntime', what: 'bad enum value', path: ['spec', 'client', 'cleanPolicy'], value: 'Never', message: /^spec\.client\.cleanPolicy: must be one of "OnRuntimeDeleted", "OnDemand"; got "Never"$/ },
  { kind: 'CacheRuntime', what: 'unknown field', path: ['spec', 'master', 'replica'], value: 2, message: /^spec\.master\.replica: unknown field; did you mean "replicas"\?$/ },
  { kind: 'CacheRuntime', what: 'missing required field', path: ['spec', 'runtimeClassName'], value: DELETE, message: /^spec\.runtimeClassName: required field is missing$/ },
  { kind: 'CacheRuntime', what: 'bad quantity', path: ['spec', 'worker', 'tieredStore', 'levels', 0, 'emptyDir', 'quota'], value: 'big', message: /^spec\.worker\.tieredStore\.levels\[0\]\.emptyDir\.quota: expected a quantity/ },
  { kind: 'CacheRuntimeClass', what: 'wrong type', path: ['topology', 'master', 'options'], value: ['a'], message: /^topology\.master\.options: expected a map of names to values, got a list$/ },
  { kind: 'CacheRuntimeClass', what: 'bad enum value', path: ['dataOperationSpecs', 0, 'name'], value: 'DataCopy', message: /^dataOperationSpecs\[0\]\.name: must be one of "DataLoad", "DataBackup", "DataMigrate", "DataProcess"; got "DataCopy"$/ },
  { kind: 'CacheRuntimeClass', what: 'unknown field', path: ['topology', 'master', 'templates'], value: {}, message: /^topology\.master\.templates: unknown field; did you mean "template"\?$/ },
  { kind: 'CacheRuntimeClass', what: 'missing required field', path: ['fileSystemType'], value: DELETE, message: /^fileSystemType: required field is missing$/ },
  { kind: 'CacheRuntimeClass', what: 'bad quantity', path: ['topology', 'master', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'], value: 'x', message: /^topology\.master\.template\.spec\.containers\[0\]\.resources\.limits\.memory: expected a quantity/ },
  { kind: 'DataLoad', what: 'wrong type', path: ['spec', 'loadMetadata'], value: 'yes', message: /^spec\.loadMetadata: expected true or false, got "yes"$/ },
  { kind: 'DataLoad', what: 'bad enum value', path: ['spec', 'policy'], value: 'Twice', message: /^spec\.policy: must be one of "Once", "Cron", "OnEvent"; got "Twice"$/ },
  { kind: 'DataLoad', what: 'unknown field', path: ['spec', 'targets'], value: [], message: /^spec\.targets: unknown field; did you mean "target"\?$/ },
  { kind: 'DataLoad', what: 'missing required field', path: ['spec', 'target', 0, 'path'], value: DELETE, message: /^spec\.target\[0\]\.path: required field is missing$/ },
  { kind: 'DataLoad', what: 'bad quantity', path: ['spec', 'resources', 'limits', 'memory'], value: '2 gigs', message: /^spec\.resources\.limits\.memory: expected a quantity/ },
  { kind: 'DataMigrate', what: 'wrong type', path: ['spec', 'parallelism'], value: '2', message: /^spec\.parallelism: expected an integer, got "2"$/ },
  { kind: 'DataMigrate', what: 'bad enum value', path: ['spec', 'policy'], value: 'Daily', message: /^spec\.policy: must be one of/ },
  { kind: 'DataMigrate', what: 'unknown field', path: ['spec', 'form'], value: {}, message: /^spec\.form: unknown field; did you mean "from"\?$/ },
  { kind: 'DataMigrate', what: 'missing required field', path: ['spec', 'to'], value: DELETE, message: /^spec\.to: required field is missing$/ },
  { kind: 'DataMigrate', what: 'bad quantity', path: ['spec', 'resources', 'limits', 'memory'], value: 'x', message: /^spec\.resources\.limits\.memory: expected a quantity/ },
  { kind: 'DataBackup', what: 'wrong type', path: ['spec', 'ttlSecondsAfterFinished'], value: '1h', message: /^spec\.ttlSecondsAfterFinished: expected an integer, got "1h"$/ },
  { kind: 'DataBackup', what: 'bad enum value', path: ['spec', 'runAfter', 'kind'], value: 'DataCopy', message: /^spec\.runAfter\.kind: must be one of/ },
  { kind: 'DataBackup', what: 'unknown field', path: ['spec', 'backupPth'], value: 'x', message: /^spec\.backupPth: unknown field; did you mean "backupPath"\?$/ },
  { kind: 'DataBackup', what: 'missing required field', path: ['spec', 'runAs', 'gid'], value: DELETE, message: /^spec\.runAs\.gid: required field is missing$/ },
  { kind: 'DataProcess', what: 'wrong type', path: ['spec', 'dataset', 'mountPath'], value: 5, message: /^spec\.dataset\.mountPath: expected a string, got 5$/ },
  { kind: 'DataProcess', what: 'bad enum value', path: ['spec', 'processor', 'script', 'restartPolicy'], value: 'Always', message: /^spec\.processor\.script\.restartPolicy: must be one of "Never", "OnFailure"; got "Always"$/ },
  { kind: 'DataProcess', what: 'unknown field', path: ['spec', 'processor', 'scrpt'], value: {}, message: /^spec\.processor\.scrpt: unknown field; did you mean "script"\?$/ },
  { kind: 'DataProcess', what: 'missing required field', path: ['spec', 'processor', 'script', 'source'], value: DELETE, message: /^spec\.processor\.script\.source: required field is missing$/ },
  { kind: 'DataProcess', what: 'bad quantity', path: ['spec', 'processor', 'script', 'resources', 'limits', 'memory'], value: 'x', message: /^spec\.processor\.script\.resources\.limits\.memory: expected a quantity/ },
  { kind: 'EFCRuntime', what: 'wrong type', path: ['spec', 'osAdvise', 'enabled'], value: 1, message: /^spec\.osAdvise\.enabled: expected true or false, got 1$/ },
  { kind: 'EFCRuntime', what: 'bad enum value', path: ['spec', 'master', 'networkMode'], value: 'None', message: /^spec\.master\.networkMode: must be one of/ },
  { kind: 'EFCRuntime', what: 'unknown field', path: ['spec', 'osAdvice'], value: {}, message: /^spec\.osAdvice: unknown field; did you mean "osAdvise"\?$/ },
  { kind: 'EFCRuntime', what: 'missing required field', path: ['spec', 'tieredstore', 'levels', 0, 'mediumtype'], value: DELETE, message: /^spec\.tieredstore\.levels\[0\]\.mediumtype: required field is missing$/ },
  { kind: 'EFCRuntime', what: 'bad quantity', path: ['spec', 'tieredstore', 'levels', 0, 'quota'], value: 'x', message: /^spec\.tieredstore\.levels\[0\]\.quota: expected a quantity/ },
  { kind: 'VineyardRuntime', what: 'wrong type', path: ['spec', 'replicas'], value: [], message: /^spec\.replicas: expected an integer, got a list$/ },
  { kind: 'VineyardRuntime', what: 'bad enum value', path: ['spec', 'worker', 'networkMode'], value: 'x', message: /^spec\.worker\.networkMode: must be one of/ },
  { kind: 'VineyardRuntime', what: 'unknown field', path: ['spec', 'worker', 'replica'], value: 1, message: /^spec\.worker\.replica: unknown field; did you mean "replicas"\?$/ },
  { kind: 'VineyardRuntime', what: 'missing required field', path: ['spec', 'tieredstore', 'levels', 0, 'mediumtype'], value: DELETE, message: /^spec\.tieredstore\.levels\[0\]\.mediumtype: required field is missing$/ },
  { kind: 'VineyardRuntime', what: 'bad quantity', path: ['spec', 'tieredstore', 'levels', 0, 'quota'], value: '1 TB', message: /^spec\.tieredstore\.levels\[0\]\.quota: expected a quantity/ },
];

describe('well-formed bases', () => {
  it.each(Object.keys(BASES))('%s validates', (kind) => {
    const result = validateObject(BASES[kind]);
    expect(result.ok ? [] : formatErrors(result.ref, result.errors)).toEqual([]);
  });
});

describe('malformed documents', () => {
  it.each(CASES.map((c) => [`${c.kind}: ${c.what}`, c] as const))('%s', (_name, c) => {
    const result = validateObject(mutated(BASES[c.kind], c.path, c.value));
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : formatErrors(result.ref, result.errors);
    const namespaced = c.kind === 'CacheRuntimeClass' || c.kind === 'ThinRuntimeProfile' ? 'demo' : 'team-a/demo';
    const prefix = `${c.kind} ${namespaced}: `;
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(prefix)).toBe(true);
    expect(lines[0].slice(prefix.length)).toMatch(c.message);
  });

  it('covers every kind with every sort of mistake it can have', () => {
    for (const kind of Object.keys(BASES)) {
      const sorts = new Set(CASES.filter((c) => c.kind === kind).map((c) => c.what));
      // Dataset and DataBackup declare no quantity field.
      expect(sorts.size).toBe(kind === 'Dataset' || kind === 'DataBackup' ? 4 : 5);
    }
  });
});

describe('envelope', () => {
  it('names an unknown kind and suggests the nearest', () => {
    const result = validateObject({ apiVersion: 'data.fluid.io/v1alpha1', kind: 'AluxioRuntime', metadata: { name: 'x' } });
    expect(result.ok ? [] : formatErrors(result.ref, result.errors)).toEqual([
      'AluxioRuntime x: kind: unknown kind "AluxioRuntime"; did you mean "AlluxioRuntime"?',
    ]);
  });

  it('rejects another version of the group', () => {
    const result = validateObject({ apiVersion: 'data.fluid.io/v1beta1', kind: 'Dataset', metadata: { name: 'x' } });
    expect(result.ok ? [] : formatErrors(result.ref, result.errors)).toEqual([
      'Dataset x: apiVersion: only data.fluid.io/v1alpha1 is served, got "data.fluid.io/v1beta1"',
    ]);
  });

  it('requires a name', () => {
    const result = validateObject({ apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: {} });
    expect(result.ok ? [] : formatErrors(result.ref, result.errors)).toEqual(['Dataset <unnamed>: metadata.name: required field is missing']);
  });

  it('treats null as not set, as the apiserver does', () => {
    const result = validateObject({ apiVersion: 'data.fluid.io/v1alpha1', kind: 'CacheRuntimeClass', metadata: { name: 'x' }, fileSystemType: 'fs', topology: { master: null } });
    expect(result.ok).toBe(true);
  });

  it('applies Fluid defaults to the parsed object', () => {
    const result = validateObject({ apiVersion: 'data.fluid.io/v1alpha1', kind: 'DataLoad', metadata: { name: 'x' }, spec: { dataset: { name: 'd' } } });
    expect(result.ok && result.object.spec.policy).toBe('Once');
  });
});
