// DataProcess (every engine, the Dataset's PVC mounted where the user said), the Alluxio DataBackup pod, and
// Fluid's rules on data operations, each with its reason and the field it names.
import { App, Chart } from 'cdk8s';
import { dataProcess } from '../../../../constructs/operations/data-process';
import { operationProblems, operationTarget, parseBackupPath } from '../../../../constructs/operations/operation-rules';
import { alluxioDataBackup } from '../../../../constructs/runtimes/alluxio/data-backup';
import type { FluidObject, RenderInput } from '../../../../constructs/runtimes/runtime-engine';
import { validateObject } from '../../../../crds/validate';
import { inputOf, NS } from '../runtimes/engine-fixtures';

type Obj = { kind: string; metadata: any; spec: any; data?: any };

function operation(kind: string, spec: Record<string, unknown>, name = 'op'): FluidObject<any> {
  const result = validateObject({ apiVersion: 'data.fluid.io/v1alpha1', kind, metadata: { name, namespace: NS }, spec });
  if (!result.ok) throw new Error(`invalid ${kind}: ${JSON.stringify(result.errors)}`);
  return result.object as FluidObject<any>;
}

function render(build: (chart: Chart) => void): Obj[] {
  const chart = new Chart(new App(), 'test', { namespace: NS, disableResourceNameHashes: true });
  build(chart);
  return chart.toJson() as Obj[];
}

const alluxio = (): RenderInput<any> => inputOf({ kind: 'AlluxioRuntime', runtime: { replicas: 1 }, dataset: { mounts: [{ mountPoint: 'https://example.org/data/', name: 'data' }] } });

describe('DataProcess', () => {
  const script = { image: 'python', imageTag: '3.10', command: ['bash'], source: 'ls /data', volumeMounts: [{ name: 'out', mountPath: '/out' }], volumes: [{ name: 'out', emptyDir: {} }] };

  it('script: a Job named <name>-processor-job, the script from a ConfigMap, the Dataset PVC at mountPath', () => {
    const op = operation('DataProcess', { dataset: { name: 'demo', namespace: NS, mountPath: '/data', subPath: 'train' }, processor: { serviceAccountName: 'proc', script } }, 'prep');
    const [cm, job] = render((c) => dataProcess.build(c, { operation: op, runtime: alluxio() }));
    expect(cm).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'prep-processor-scripts' }, data: { 'preprocess.sh': 'ls /data' } });
    expect(job.kind).toBe('Job');
    expect(job.metadata.name).toBe('prep-processor-job');
    expect(job.metadata.labels).toMatchObject({ release: 'prep-processor', role: 'dataprocess-job', app: 'fluid-dataprocess', targetDataset: 'demo', 'fluid.io/dataset-id': `${NS}-demo` });
    const pod = job.spec.template.spec;
    expect(pod.serviceAccountName).toBe('proc');
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0]).toMatchObject({ name: 'script-processor', image: 'python:3.10', command: ['bash'], args: ['/fluid-scripts/preprocess.sh'] });
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'script-cm-vol', mountPath: '/fluid-scripts/preprocess.sh', subPath: 'preprocess.sh' },
      { name: 'out', mountPath: '/out' },
      { name: 'fluid-dataset-vol', mountPath: '/data', subPath: 'train' },
    ]);
    expect(pod.volumes).toContainEqual({ name: 'fluid-dataset-vol', persistentVolumeClaim: { claimName: 'demo' } });
  });

  it('job: the user\'s pod spec with the Dataset mounted into every container', () => {
    const podSpec = { restartPolicy: 'OnFailure', initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] };
    const op = operation('DataProcess', { dataset: { name: 'demo', namespace: NS, mountPath: '/data' }, processor: { job: { podSpec } } });
    const [job] = render((c) => dataProcess.build(c, { operation: op, runtime: alluxio() }));
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe('OnFailure');
    for (const c of [...pod.containers, ...pod.initContainers]) expect(c.volumeMounts).toEqual([{ name: 'fluid-dataset-vol', mountPath: '/data' }]);
  });
});

describe('Alluxio DataBackup', () => {
  it('a Pod next to the master writing to the claim of pvc://', () => {
    const op = operation('DataBackup', { dataset: 'demo', backupPath: 'pvc://backups/alluxio/demo/' }, 'bk');
    const objects = render((c) => alluxioDataBackup.build(c, { operation: op, runtime: alluxio() }));
    const pod = objects.find((o) => o.kind === 'Pod')!;
    expect(pod.metadata.name).toBe('bk-pod');
    expect(pod.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels).toMatchObject({ role: 'alluxio-master' });
    expect(pod.spec.containers[0].env).toEqual(expect.arrayContaining([{ name: 'BACKUP_PVC', value: 'backups' }, { name: 'BACKUP_PATH', value: '/alluxio/demo/' }]));
    expect(pod.spec.volumes).toContainEqual({ name: 'pvc', persistentVolumeClaim: { claimName: 'backups' } });
    expect(objects.find((o) => o.kind === 'ConfigMap')?.metadata.name).toBe('bk-script');
  });

  it('with runAs, an init-users container writes the user files the tool container reads', () => {
    const runAs = { uid: 1201, gid: 1202, user: 'fluid', group: 'fluidgroup' };
    const op = operation('DataBackup', { dataset: 'demo', backupPath: 'local:///var/backup', runAs }, 'bk');
    const pod = render((c) => alluxioDataBackup.build(c, { operation: op, runtime: alluxio() })).find((o) => o.kind === 'Pod')!;
    expect(pod.spec.initContainers).toEqual([
      {
        name: 'init-users',
        image: 'fluidcloudnative/init-users:v0.9.0',
        imagePullPolicy: 'IfNotPresent',
        command: ['/entrypoint.sh'],
        args: ['init_users'],
        env: [{ name: 'FLUID_INIT_USERS', value: '1201:fluid:1202,1202:fluidgroup' }],
        volumeMounts: [
          { name: 'dir', mountPath: '/tmp' },
          { name: 'user', mountPath: '/tmp/passwd' },
          { name: 'group', mountPath: '/tmp/group' },
        ],
      },
    ]);
    const tool = pod.spec.containers[0];
    expect(tool.securityContext).toEqual({ runAsUser: 1201, runAsGroup: 1202 });
    expect(tool.volumeMounts).toEqual(expect.arrayContaining([
      { name: 'user', mountPath: '/etc/passwd', readOnly: true },
      { name: 'group', mountPath: '/etc/group', readOnly: true },
    ]));
    expect(pod.spec.volumes).toEqual(expect.arrayContaining([
      { name: 'dir', hostPath: { path: `/tmp/backupuser/${NS}/bk`, type: 'DirectoryOrCreate' } },
      { name: 'user', hostPath: { path: `/tmp/backupuser/${NS}/bk/passwd`, type: 'FileOrCreate' } },
      { name: 'group', hostPath: { path: `/tmp/backupuser/${NS}/bk/group`, type: 'FileOrCreate' } },
    ]));
  });

  it('runs as the runtime\'s runAs when the backup names none, and as root with no init container when neither does', () => {
    const op = operation('DataBackup', { dataset: 'demo', backupPath: 'local:///var/backup' }, 'bk');
    const runAs = { uid: 7, gid: 8, user: 'u', group: 'g' };
    const withRuntimeUser = inputOf({ kind: 'AlluxioRuntime', runtime: { replicas: 1, runAs }, dataset: { mounts: [{ mountPoint: 'https://example.org/data/', name: 'data' }] } });
    const pod = render((c) => alluxioDataBackup.build(c, { operation: op, runtime: withRuntimeUser })).find((o) => o.kind === 'Pod')!;
    expect(pod.spec.initContainers[0].env).toEqual([{ name: 'FLUID_INIT_USERS', value: '7:u:8,8:g' }]);
    const rootPod = render((c) => alluxioDataBackup.build(c, { operation: op, runtime: alluxio() })).find((o) => o.kind === 'Pod')!;
    expect(rootPod.spec.initContainers).toBeUndefined();
    expect(rootPod.spec.containers[0].securityContext).toEqual({ runAsUser: 0, runAsGroup: 0 });
    expect(rootPod.spec.volumes.map((v: { name: string }) => v.name)).not.toContain('user');
  });

  it.each([
    ['pvc://claim/a/b', { pvc: 'claim', path: '/a/b/' }],
    ['pvc://claim', { pvc: 'claim', path: '/' }],
    ['local:///var/backup', { path: '/var/backup/' }],
    ['s3://bucket', undefined],
    ['pvc://', undefined],
  ])('parses %s', (text, expected) => {
    expect(parseBackupPath(text)).toEqual(expected);
  });
});

describe('operation rules', () => {
  it.each([
    ['DataProcess without processor', 'DataProcess', { dataset: { name: 'd', namespace: NS, mountPath: '/data' }, processor: {} }, 'ProcessorNotSpecified', 'spec.processor'],
    [
      'DataProcess with both processors',
      'DataProcess',
      { dataset: { name: 'd', namespace: NS, mountPath: '/data' }, processor: { job: { podSpec: { containers: [] } }, script: { source: 'x' } } },
      'MultipleProcessorSpecified',
      'spec.processor',
    ],
    [
      'DataProcess mounting over the Dataset',
      'DataProcess',
      { dataset: { name: 'd', namespace: NS, mountPath: '/data' }, processor: { job: { podSpec: { containers: [{ name: 'c', volumeMounts: [{ name: 'v', mountPath: '/data' }] }] } } } },
      'ConflictMountPath',
      'spec.processor.job.podSpec.containers[0].volumeMounts[0].mountPath',
    ],
    ['DataBackup to s3', 'DataBackup', { dataset: 'd', backupPath: 's3://bucket/x' }, 'PathNotSupported', 'spec.backupPath'],
    ['DataMigrate in parallel without SSH keys', 'DataMigrate', { from: { dataset: { name: 'd', namespace: NS } }, to: { externalStorage: { uri: 's3://b' } }, parallelism: 2 }, 'TargetSSHSecretNameNotSet', 'spec.parallelOptions.sshSecretName'],
    ['DataLoad in another namespace', 'DataLoad', { dataset: { name: 'd', namespace: 'elsewhere' } }, 'TargetDatasetNamespaceNotSame', 'spec.dataset.namespace'],
    ['DataLoad naming no Dataset', 'DataLoad', {}, 'TargetDatasetNotFound', 'spec.dataset'],
  ])('%s', (_what, kind, spec, reason, path) => {
    expect(operationProblems(operation(kind, spec))).toEqual([expect.objectContaining({ reason, path })]);
  });

  it('a DataMigrate targets its Dataset end, `to` first', () => {
    const op = operation('DataMigrate', { from: { dataset: { name: 'a', namespace: NS } }, to: { dataset: { name: 'b', namespace: NS } } });
    expect(operationTarget(op)).toEqual({ name: 'b', namespace: NS, path: 'spec.to.dataset' });
  });
});
