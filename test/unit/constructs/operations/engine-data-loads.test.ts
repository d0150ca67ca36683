// The DataLoad builders of the Jindo, JuiceFS and CacheRuntime engines and the JuiceFS DataMigrate, each built
// straight into a chart: Fluid's names and labels, the image, the variables the scripts read, Cron as a CronJob,
// the options each engine refuses with the exact field, and credentials only ever referenced.
import { App, Chart } from 'cdk8s';
import type { DataLoadSpec } from '../../../../crds/schema/data-load';
import type { DataMigrateSpec } from '../../../../crds/schema/data-migrate';
import type { JindoRuntimeSpec } from '../../../../crds/schema/jindo-runtime';
import type { JuiceFSRuntimeSpec } from '../../../../crds/schema/juicefs-runtime';
import { validateObject } from '../../../../crds/validate';
import type { OperationBuilder } from '../../../../constructs/operations/operation-contract';
import { alluxioEngine } from '../../../../constructs/runtimes/alluxio/engine';
import { cacheDataLoad } from '../../../../constructs/runtimes/cache/data-load';
import { cacheEngine } from '../../../../constructs/runtimes/cache/engine';
import { jindoDataLoad } from '../../../../constructs/runtimes/jindo/data-load';
import { jindoEngine } from '../../../../constructs/runtimes/jindo/engine';
import { juicefsDataLoad } from '../../../../constructs/runtimes/juicefs/data-load';
import { juicefsDataMigrate } from '../../../../constructs/runtimes/juicefs/data-migrate';
import { juicefsEngine } from '../../../../constructs/runtimes/juicefs/engine';
import type { FluidObject, RenderInput } from '../../../../constructs/runtimes/runtime-engine';
import { fluidClass, inputOf as cacheInputOf, runtimeDoc } from '../runtimes/cache-fixtures';
import { envOf, inputOf, Inputs, NS } from '../runtimes/engine-fixtures';

type Obj = { kind: string; metadata: any; spec: any; data?: any };

function operation<Spec>(kind: string, name: string, spec: Record<string, unknown>): FluidObject<Spec> {
  const result = validateObject({ apiVersion: 'data.fluid.io/v1alpha1', kind, metadata: { name, namespace: NS }, spec });
  if (!result.ok) throw new Error(`invalid ${kind}: ${JSON.stringify(result.errors)}`);
  return result.object as FluidObject<Spec>;
}

const dataLoad = (spec: Record<string, unknown> = {}) => operation<DataLoadSpec>('DataLoad', 'warm', { dataset: { name: 'demo' }, ...spec });

function build<Spec>(builder: OperationBuilder<Spec>, op: FluidObject<Spec>, runtime: RenderInput<any>) {
  const chart = new Chart(new App(), 'test', { namespace: NS, disableResourceNameHashes: true });
  const built = builder.build(chart, { operation: op, runtime });
  const objects = chart.toJson() as Obj[];
  const find = (kind: string, name: string): Obj => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
    return found;
  };
  /** The pod spec of the Job, or of the CronJob's job template. */
  const podSpec = (job: Obj) => (job.kind === 'CronJob' ? job.spec.jobTemplate.spec : job.spec).template.spec;
  const podLabels = (job: Obj) => (job.kind === 'CronJob' ? job.spec.jobTemplate.spec : job.spec).template.metadata.labels;
  const container = (job: Obj) => podSpec(job).containers[0];
  return { built, objects, find, podSpec, podLabels, container };
}

const LOAD_LABELS = (app: string) => ({
  release: 'warm-loader',
  role: 'dataload-job',
  app,
  targetDataset: 'demo',
  'fluid.io/dataset-id': `${NS}-demo`,
  'app.kubernetes.io/name': 'fluid-dataloader',
  'app.kubernetes.io/instance': 'warm-loader',
});

const CRON = { policy: 'Cron', schedule: '*/10 * * * *' };

/** The Cron form every builder shares: a CronJob of the same name, Fluid's cron markers, pods naming the CronJob. */
function expectCron(r: ReturnType<typeof build>, app: string) {
  expect(r.built).toEqual({ kind: 'CronJob', name: 'warm-loader-job' });
  const cron = r.find('CronJob', 'warm-loader-job');
  expect(cron.spec.schedule).toBe('*/10 * * * *');
  expect(cron.metadata.labels).toMatchObject({ role: 'dataload-cronjob', dataload: 'warm', 'fluid.io/jobPolicy': 'cron', app });
  expect(r.podLabels(cron)).toMatchObject({ role: 'dataload-pod', cronjob: 'warm-loader-job', app });
  expect(r.objects.some((o) => o.kind === 'Job')).toBe(false);
}

describe('engines register their operations', () => {
  it('names the builders of each engine', () => {
    expect(Object.keys(alluxioEngine.operations ?? {}).sort()).toEqual(['DataBackup', 'DataLoad']);
    expect(jindoEngine.operations).toEqual({ DataLoad: jindoDataLoad });
    expect(juicefsEngine.operations).toEqual({ DataLoad: juicefsDataLoad, DataMigrate: juicefsDataMigrate });
    expect(cacheEngine.operations).toEqual({ DataLoad: cacheDataLoad });
  });
});

describe('JindoCache DataLoad', () => {
  const BASE = {
    kind: 'JindoRuntime',
    runtime: { replicas: 2, tieredstore: { levels: [{ mediumtype: 'SSD', path: '/mnt/cache', quota: '10Gi' }] } },
    dataset: { mounts: [{ mountPoint: 'oss://bucket-a/data/', name: 'data' }] },
  };
  const runtime = (i: Inputs = {}) => inputOf<JindoRuntimeSpec>(BASE, i);

  it('renders Fluid’s Job, labels, image, variables, config mounts and script', () => {
    const r = build(jindoDataLoad, dataLoad({ target: [{ path: '/a', replicas: 2 }, { path: '/b' }], loadMetadata: true }), runtime());
    expect(r.built).toEqual({ kind: 'Job', name: 'warm-loader-job' });
    const job = r.find('Job', 'warm-loader-job');
    expect(job.metadata.labels).toMatchObject(LOAD_LABELS('jindocache'));
    expect(job.spec.backoffLimit).toBe(1);
    expect(r.podLabels(job)).toMatchObject({ role: 'dataload-pod', app: 'jindocache', targetDataset: 'demo' });
    const c = r.container(job);
    expect(c.name).toBe('dataloader');
    expect(c.image).toBe('registry.cn-shanghai.aliyuncs.com/jindofs/smartdata:6.9.1-202509151826');
    expect(c.args).toEqual(['/scripts/jindo_dataload.sh']);
    expect(envOf(c)).toEqual({
      STORAGE_ADDRESS: { fieldRef: { fieldPath: 'status.podIP' } },
      NEED_LOAD_METADATA: 'true',
      LOAD_MEMORY_DATA: 'false',
      DATA_PATH: '/a:/b',
      PATH_REPLICAS: '2:1',
    });
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'demo-jindofs-client-config' } }]);
    expect(c.volumeMounts).toEqual([
      { name: 'bigboot-config', mountPath: '/jindocache.cfg', subPath: 'jindocache.cfg' },
      { name: 'data-load-script', mountPath: '/scripts' },
    ]);
    expect(r.podSpec(job).volumes[0]).toEqual({ name: 'bigboot-config', configMap: { name: 'demo-jindofs-config' } });
    const script = r.find('ConfigMap', 'warm-loader-data-load-script');
    expect(script.metadata.labels).toMatchObject({ release: 'warm-loader', role: 'dataload-job' });
    expect(script.data['dataloader.distributedLoad']).toContain('jindo fs -ls');
    expect(script.data['dataloader.distributedLoad']).toContain('jindocache $flags');
  });

  it('loads memory data for a memory tier, mounts the runtime’s hadoopConfig, and lets the user override both', () => {
    const mem = runtime({ runtime: { tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '1Gi' }] }, hadoopConfig: 'hdfs-cm' } });
    const withDefaults = build(jindoDataLoad, dataLoad(), mem);
    const c = withDefaults.container(withDefaults.find('Job', 'warm-loader-job'));
    expect(envOf(c).LOAD_MEMORY_DATA).toBe('true');
    expect(c.volumeMounts).toContainEqual({ name: 'hdfs-confs', mountPath: '/hdfs-site.xml', subPath: 'hdfs-site.xml' });
    expect(withDefaults.podSpec(withDefaults.find('Job', 'warm-loader-job')).volumes).toContainEqual({ name: 'hdfs-confs', configMap: { name: 'hdfs-cm' } });

    const own = build(jindoDataLoad, dataLoad({ options: { loadMemorydata: 'false', hdfsConfig: 'mine', threadNum: '4', dryrun: '' } }), mem);
    const job = own.find('Job', 'warm-loader-job');
    expect(envOf(own.container(job))).toMatchObject({ LOAD_MEMORY_DATA: 'false', CACHE_LIST_THREAD: '4', DRY_RUN_ENABLE: 'false' });
    expect(own.podSpec(job).volumes).toContainEqual({ name: 'hdfs-confs', configMap: { name: 'mine' } });
    // Options the loader reads become variables in key order; hdfsConfig is a volume, not a variable.
    expect(own.container(job).env.map((e: { name: string }) => e.name)).toEqual([
      'STORAGE_ADDRESS', 'NEED_LOAD_METADATA', 'DRY_RUN_ENABLE', 'LOAD_MEMORY_DATA', 'CACHE_LIST_THREAD', 'DATA_PATH', 'PATH_REPLICAS',
    ]);
  });

  it('runs on a schedule as a CronJob, forceload included', () => {
    const r = build(jindoDataLoad, dataLoad({ ...CRON, options: { forceload: 'true' } }), runtime());
    expectCron(r, 'jindocache');
    const cron = r.find('CronJob', 'warm-loader-job');
    expect(cron.spec.jobTemplate.spec.backoffLimit).toBe(1);
    expect(envOf(r.container(cron)).FORCE_LOAD_ENABLE).toBe('true');
  });

  it('refuses an option it does not know, naming the ones it does', () => {
    const errors = jindoDataLoad.check!({ operation: dataLoad({ options: { threadnum: '4', filter: '*.bin' } }), runtime: runtime() });
    expect(errors).toEqual([
      {
        path: 'spec.options.threadnum',
        message:
          'the JindoCache DataLoad does not know this option; it takes accessKeyId, accessKeySecret, atomicCache, cacheListLocationEnable, cacheListReplica, dryrun, endpoint, filter, forceload, hdfsConfig, loadMemorydata, loadMetadataOnly, threadNum, url',
      },
    ]);
  });
});

const secret = (name: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: 'jfs-secret', key } } });
const COMMUNITY = {
  mounts: [{ mountPoint: 'juicefs:///demo', name: 'minio', options: { bucket: 'http://minio:9000/test', storage: 'minio' }, encryptOptions: [secret('metaurl', 'metaurl')] }],
};
const ENTERPRISE = {
  mounts: [{ mountPoint: 'juicefs:///', name: 'jfs', options: { bucket: 'https://b.example' }, encryptOptions: [secret('token', 'token'), secret('access-key', 'ak')] }],
};
const JUICE_BASE = { kind: 'JuiceFSRuntime', runtime: { replicas: 2 }, dataset: COMMUNITY };
const juiceRuntime = (i: Inputs = {}) => inputOf<JuiceFSRuntimeSpec>(JUICE_BASE, i);

describe('JuiceFS DataLoad', () => {
  it('renders Fluid’s Job under the loader account, with the variables the warmup script reads', () => {
    const op = dataLoad({ target: [{ path: ' /a ', replicas: 2 }, { path: '/b' }], options: { threads: '8', check: '', timeout: '1h' } });
    const r = build(juicefsDataLoad, op, juiceRuntime());
    const job = r.find('Job', 'warm-loader-job');
    expect(job.metadata.labels).toMatchObject(LOAD_LABELS('juicefs'));
    expect(job.spec.backoffLimit).toBe(3);
    expect(r.podSpec(job).serviceAccountName).toBe('demo-loader');
    const c = r.container(job);
    expect(c.name).toBe('dataloader');
    expect(c.image).toBe('juicedata/mount:ce-v1.3.0');
    expect(c.envFrom).toBeUndefined();
    expect(envOf(c)).toEqual({
      STORAGE_ADDRESS: { fieldRef: { fieldPath: 'status.podIP' } },
      MOUNTPATH: '/runtime-mnt/juicefs/team-a/demo/juicefs-fuse',
      EDITION: 'community',
      TIMEOUT: '1h',
      OPTION: '--check --threads=8',
      DATA_PATH: '/a /b',
      PATH_REPLICAS: '2:1',
      POD_NAMESPACE: NS,
      WORKER_SELECTOR: 'app=juicefs,chart=juicefs-0.2.16,heritage=fluid-cdk8s,release=demo,role=juicefs-worker',
    });
    const script = r.find('ConfigMap', 'warm-loader-data-load-script').data['dataloader.distributedLoad'];
    expect(script).toContain('get pods -n "$POD_NAMESPACE" -l "$WORKER_SELECTOR" --field-selector=status.phase=Running');
    expect(script).toContain('timeout "$TIMEOUT" /usr/local/bin/juicefs warmup $targets $OPTION');
    expect(script).toContain('timeout "$TIMEOUT" /usr/bin/juicefs warmup $targets $OPTION');
  });

  it('defaults the timeout to 30m, gives coreutils timeout seconds for compound durations, and serves the enterprise edition', () => {
    const plain = build(juicefsDataLoad, dataLoad(), juiceRuntime());
    expect(envOf(plain.container(plain.find('Job', 'warm-loader-job')))).toMatchObject({ TIMEOUT: '30m', OPTION: '', DATA_PATH: '/', PATH_REPLICAS: '1' });
    const compound = build(juicefsDataLoad, dataLoad({ options: { timeout: '1h30m' } }), juiceRuntime());
    expect(envOf(compound.container(compound.find('Job', 'warm-loader-job'))).TIMEOUT).toBe('5400s');
    const ee = build(juicefsDataLoad, dataLoad(), juiceRuntime({ dataset: ENTERPRISE }));
    const c = ee.container(ee.find('Job', 'warm-loader-job'));
    expect(c.image).toBe('juicedata/mount:ee-5.2.10-eb0a8b3');
    expect(envOf(c).EDITION).toBe('enterprise');
  });

  it('runs on a schedule as a CronJob', () => {
    const r = build(juicefsDataLoad, dataLoad(CRON), juiceRuntime());
    expectCron(r, 'juicefs');
    expect(r.podSpec(r.find('CronJob', 'warm-loader-job')).serviceAccountName).toBe('demo-loader');
  });

  it('accepts any warmup flag but wants timeout as a duration', () => {
    const check = (options: Record<string, string>) => juicefsDataLoad.check!({ operation: dataLoad({ options }), runtime: juiceRuntime() });
    expect(check({ threads: '8', timeout: '1h30m' })).toEqual([]);
    expect(check({ timeout: '30 minutes' })).toEqual([{ path: 'spec.options.timeout', message: 'expected a duration such as 30m or 1h30m, got "30 minutes"' }]);
  });
});

describe('JuiceFS DataMigrate', () => {
  const migrate = (spec: Record<string, unknown>) => operation<DataMigrateSpec>('DataMigrate', 'mig', spec);
  const S3 = {
    uri: 's3://LEAKED-AK:LEAKED-SK@bucket.s3.amazonaws.com/path/',
    encryptOptions: [
      { name: 'access-key', valueFrom: { secretKeyRef: { name: 's3-secret', key: 'ak' } } },
      { name: 'secret-key', valueFrom: { secretKeyRef: { name: 's3-secret', key: 'sk' } } },
    ],
  };
  const TO_S3 = { from: { dataset: { name: 'demo', namespace: NS, path: '/data/' } }, to: { externalStorage: S3 } };

  it('renders Fluid’s Job, script and URLs, with credentials only as secretKeyRef', () => {
    const r = build(juicefsDataMigrate, migrate({ ...TO_S3, options: { threads: '10', timeout: '2h' } }), juiceRuntime());
    expect(r.built).toEqual({ kind: 'Job', name: 'mig-migrate-migrate' });
    const job = r.find('Job', 'mig-migrate-migrate');
    expect(job.metadata.labels).toMatchObject({ release: 'mig-migrate', role: 'datamigrate-job', app: 'juicefs', targetDataset: 'demo', 'fluid.io/dataset-id': `${NS}-demo`, parallelism: '1' });
    expect(r.podLabels(job)).toMatchObject({ role: 'datamigrate-pod', 'fluid.io/operation': `migrate-${NS}-demo` });
    expect(r.podSpec(job).affinity).toBeUndefined();
    const c = r.container(job);
    expect(c.name).toBe('datamigrate');
    expect(c.image).toBe('juicedata/mount:ce-v1.3.0');
    expect(c.command).toEqual(['/bin/sh', '-c']);
    expect(c.args).toEqual(['/scripts/juicefs_datamigrate.sh']);
    expect(c.env.map((e: { name: string }) => e.name)).toEqual(['FLUID_METAURL', 'EXTERNAL_ACCESS_KEY', 'EXTERNAL_SECRET_KEY', 'PARALLELISM', 'EDITION', 'TIMEOUT', 'OPTION', 'FROM', 'TO']);
    expect(envOf(c)).toEqual({
      FLUID_METAURL: { secretKeyRef: { name: 'jfs-secret', key: 'metaurl' } },
      EXTERNAL_ACCESS_KEY: { secretKeyRef: { name: 's3-secret', key: 'ak' } },
      EXTERNAL_SECRET_KEY: { secretKeyRef: { name: 's3-secret', key: 'sk' } },
      PARALLELISM: '1',
      EDITION: 'community',
      TIMEOUT: '2h',
      OPTION: '--threads=10',
      FROM: 'jfs://FLUID_METAURL/demo/data/',
      TO: 's3://$(EXTERNAL_ACCESS_KEY):$(EXTERNAL_SECRET_KEY)@bucket.s3.amazonaws.com/path/',
    });
    const script = r.find('ConfigMap', 'mig-migrate-script');
    expect(script.metadata.labels).toMatchObject({ release: 'mig-migrate', role: 'datamigrate-job' });
    expect(script.data['datamigrate.sh']).toContain('sync $PARALLEL "$FROM" "$TO" $OPTION');
    expect(Object.keys(script.data)).toEqual(['datamigrate.sh']);
    expect(r.podSpec(job).volumes).toContainEqual({
      name: 'data-migrate-script',
      configMap: { name: 'mig-migrate-script', defaultMode: 0o555, items: [{ key: 'datamigrate.sh', path: 'juicefs_datamigrate.sh' }] },
    });
    const all = JSON.stringify(r.objects);
    expect(all).not.toContain('LEAKED');
    expect(all).toContain('secretKeyRef');
    expect(r.objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Job']);
  });

  it('mounts a pvc:// end, takes the image from the spec and runs Cron as a CronJob', () => {
    const spec = { from: { externalStorage: { uri: 'pvc://my-claim/sub/dir' } }, to: { dataset: { name: 'demo', namespace: NS } }, image: 'my/juicefs', imageTag: 'v9', ...CRON };
    const r = build(juicefsDataMigrate, migrate(spec), juiceRuntime());
    const cron = r.find('CronJob', 'mig-migrate-migrate');
    expect(cron.metadata.labels).toMatchObject({ role: 'datamigrate-cronjob', datamigrate: 'mig', 'fluid.io/jobPolicy': 'cron' });
    expect(cron.spec.schedule).toBe('*/10 * * * *');
    const c = r.container(cron);
    expect(c.image).toBe('my/juicefs:v9');
    expect(envOf(c)).toMatchObject({ FROM: '/mnt/fluid-native/', TO: 'jfs://FLUID_METAURL/demo' });
    expect(c.volumeMounts).toContainEqual({ name: 'native-vol', mountPath: '/mnt/fluid-native/', subPath: 'sub/dir' });
    expect(r.podSpec(cron).volumes).toContainEqual({ name: 'native-vol', persistentVolumeClaim: { claimName: 'my-claim' } });
  });

  it('authenticates an enterprise volume with referenced credentials', () => {
    const r = build(juicefsDataMigrate, migrate(TO_S3), juiceRuntime({ dataset: ENTERPRISE }));
    const c = r.container(r.find('Job', 'mig-migrate-migrate'));
    expect(envOf(c)).toMatchObject({
      TOKEN: { secretKeyRef: { name: 'jfs-secret', key: 'token' } },
      ACCESS_KEY: { secretKeyRef: { name: 'jfs-secret', key: 'ak' } },
      EDITION: 'enterprise',
      JFS_NAME: 'jfs',
      JFS_BUCKET: 'https://b.example',
      FROM: 'jfs://jfs/data/',
    });
    expect(c.image).toBe('juicedata/mount:ee-5.2.10-eb0a8b3');
  });

  it('refuses bad parallel options, local:// storage and a Dataset other than the runtime’s', () => {
    const check = (spec: Record<string, unknown>) => juicefsDataMigrate.check!({ operation: migrate(spec), runtime: juiceRuntime() });
    expect(check(TO_S3)).toEqual([]);
    expect(check({ ...TO_S3, parallelism: 2, parallelOptions: { sshSecretName: 'ssh', sshPort: '2222', sshReadyTimeoutSeconds: '60' } })).toEqual([]);
    expect(check({ ...TO_S3, parallelism: 3, parallelOptions: { sshSecretName: 'ssh', sshPort: 'ssh', sshReadyTimeoutSeconds: '0', user: 'root' } })).toEqual([
      { path: 'spec.parallelOptions.user', message: 'unknown parallel option; expected one of sshSecretName, sshPort, sshReadyTimeoutSeconds' },
      { path: 'spec.parallelOptions.sshPort', message: 'expected a port number from 1 to 65535, got "ssh"' },
      { path: 'spec.parallelOptions.sshReadyTimeoutSeconds', message: 'expected a whole number of seconds, at least 1, got "0"' },
    ]);
    // With one worker the parallel options are not read, as in Fluid.
    expect(check({ ...TO_S3, parallelOptions: { sshPort: 'ssh' } })).toEqual([]);
    expect(check({ from: TO_S3.from, to: { externalStorage: { uri: 'local:///mnt/out' } } })).toEqual([
      { path: 'spec.to.externalStorage.uri', message: 'local:// storage is not supported by the JuiceFS DataMigrate; use a pvc:// claim or an object-storage URI' },
    ]);
    expect(check({ from: { dataset: { name: 'other', namespace: NS } }, to: { dataset: { name: 'demo', namespace: NS } } })).toEqual([
      { path: 'spec.from.dataset', message: `only the runtime's Dataset ${NS}/demo can be a Dataset end; got ${NS}/other` },
    ]);
    expect(check({ ...TO_S3, options: { timeout: 'soon' } })).toEqual([{ path: 'spec.options.timeout', message: 'expected a duration such as 30m or 1h30m, got "soon"' }]);
  });
});

describe('JuiceFS DataMigrate in parallel', () => {
  const S3_KEYS = [
    { name: 'access-key', valueFrom: { secretKeyRef: { name: 's3-secret', key: 'ak' } } },
    { name: 'secret-key', valueFrom: { secretKeyRef: { name: 's3-secret', key: 'sk' } } },
  ];
  const PARALLEL = {
    from: { dataset: { name: 'demo', namespace: NS } },
    to: { externalStorage: { uri: 's3://bucket.s3.amazonaws.com/out/', encryptOptions: S3_KEYS } },
    parallelism: 3,
    parallelOptions: { sshSecretName: 'migrate-ssh', sshPort: '2022' },
  };
  const parallel = (spec: Record<string, unknown> = {}) => operation<DataMigrateSpec>('DataMigrate', 'mig', { ...PARALLEL, ...spec });
  const SSH_VOLUME = {
    name: 'data-migrate-ssh',
    secret: {
      secretName: 'migrate-ssh',
      defaultMode: 0o600,
      items: [
        { key: 'ssh-privatekey', path: '.ssh/id_rsa' },
        { key: 'ssh-publickey', path: '.ssh/id_rsa.pub' },
        { key: 'ssh-publickey', path: '.ssh/authorized_keys' },
      ],
    },
  };
  const SSH_MOUNT = { name: 'data-migrate-ssh', mountPath: '/root/.ssh', subPath: '.ssh' };
  const SPREAD = { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { 'fluid.io/operation': `migrate-${NS}-demo` } }, topologyKey: 'kubernetes.io/hostname' } };

  it('renders Fluid\'s layout: a launcher Job, parallelism - 1 workers in a StatefulSet, their headless Service', () => {
    const r = build(juicefsDataMigrate, parallel(), juiceRuntime());
    expect(r.built).toEqual({ kind: 'Job', name: 'mig-migrate-migrate' });
    expect(r.objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/mig-migrate-script', 'Job/mig-migrate-migrate', 'Service/mig-migrate-workers', 'StatefulSet/mig-migrate-workers',
    ]);
    const job = r.find('Job', 'mig-migrate-migrate');
    expect(job.metadata.labels).toMatchObject({ role: 'datamigrate-job', parallelism: '3' });
    const launcher = r.container(job);
    expect(envOf(launcher)).toMatchObject({
      PARALLELISM: '3',
      POD_IP: { fieldRef: { fieldPath: 'status.podIP' } },
      SSH_READY_TIMEOUT: '180',
      TARGET_SSH_PORT: '2022',
      WORKER_NAME_FORMAT: 'mig-migrate-workers-{}.mig-migrate-workers',
    });
    expect(launcher.volumeMounts).toEqual([SSH_MOUNT, { name: 'data-migrate-script', mountPath: '/scripts' }]);
    expect(r.podSpec(job).volumes).toEqual([
      SSH_VOLUME,
      { name: 'data-migrate-script', configMap: { name: 'mig-migrate-script', defaultMode: 0o555, items: [{ key: 'datamigrate.sh', path: 'juicefs_datamigrate.sh' }, { key: 'check_ssh.sh', path: 'check_ssh.sh' }] } },
    ]);
    expect(r.podSpec(job).affinity).toEqual({ podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [SPREAD] } });

    const sts = r.find('StatefulSet', 'mig-migrate-workers');
    expect(sts.metadata.labels).toMatchObject({ release: 'mig-migrate', role: 'datamigrate-job', 'fluid.io/dataset-id': `${NS}-demo` });
    expect(sts.spec).toMatchObject({ replicas: 2, serviceName: 'mig-migrate-workers', podManagementPolicy: 'Parallel', selector: { matchLabels: { app: 'mig-migrate-workers' } } });
    expect(sts.spec.template.metadata.labels).toEqual({ app: 'mig-migrate-workers', 'fluid.io/operation': `migrate-${NS}-demo` });
    const pod = sts.spec.template.spec;
    const worker = pod.containers[0];
    expect(worker).toMatchObject({
      name: 'worker',
      image: 'juicedata/mount:ce-v1.3.0',
      command: ['/usr/sbin/sshd', '-D', '-p', '2022'],
      readinessProbe: { exec: { command: ['/etc/fluid/scripts/check.sh'] } },
      ports: [{ containerPort: 2022 }],
    });
    expect(envOf(worker)).toEqual({
      TARGET_SSH_PORT: '2022',
      FLUID_METAURL: { secretKeyRef: { name: 'jfs-secret', key: 'metaurl' } },
      EXTERNAL_ACCESS_KEY: { secretKeyRef: { name: 's3-secret', key: 'ak' } },
      EXTERNAL_SECRET_KEY: { secretKeyRef: { name: 's3-secret', key: 'sk' } },
    });
    expect(worker.volumeMounts).toEqual([SSH_MOUNT, { name: 'data-migrate-script', mountPath: '/etc/fluid/scripts' }]);
    expect(pod.volumes).toEqual([SSH_VOLUME, { name: 'data-migrate-script', configMap: { name: 'mig-migrate-script', items: [{ key: 'ssh.readiness', path: 'check.sh', mode: 0o555 }] } }]);
    expect(pod.affinity).toEqual({ podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [SPREAD] } });

    const svc = r.find('Service', 'mig-migrate-workers');
    expect(svc.metadata.labels).toEqual(sts.metadata.labels);
    expect(svc.spec).toEqual({ clusterIP: 'None', selector: { app: 'mig-migrate-workers' } });

    const scripts = r.find('ConfigMap', 'mig-migrate-script').data;
    expect(Object.keys(scripts).sort()).toEqual(['check_ssh.sh', 'datamigrate.sh', 'ssh.readiness']);
    expect(scripts['datamigrate.sh']).toContain('sync $PARALLEL "$FROM" "$TO" $OPTION');
  });

  it('the SSH keys are only referenced: no key material, and the Secret is named only as a volume source', () => {
    const r = build(juicefsDataMigrate, parallel(), juiceRuntime());
    const all = JSON.stringify(r.objects);
    expect(all.match(/"migrate-ssh"/g)).toHaveLength(2);
    expect(all.match(/"secretName":"migrate-ssh"/g)).toHaveLength(2);
    expect(r.objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    for (const o of r.objects) expect(JSON.stringify(o.data ?? {})).not.toContain('BEGIN');
  });

  it('takes the user\'s affinity and defaults, mounts a pvc:// end in the workers too, and scales them to zero once the run has ended', () => {
    const userAffinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: { topologyKey: 'zone', labelSelector: { matchLabels: { a: 'b' } } } }] } };
    const op = parallel({ to: { externalStorage: { uri: 'pvc://out/sub' } }, parallelOptions: { sshSecretName: 'migrate-ssh' }, affinity: userAffinity });
    const r = build(juicefsDataMigrate, op, juiceRuntime());
    const launcher = r.container(r.find('Job', 'mig-migrate-migrate'));
    expect(envOf(launcher)).toMatchObject({ TARGET_SSH_PORT: '22', SSH_READY_TIMEOUT: '180' });
    const sts = r.find('StatefulSet', 'mig-migrate-workers');
    expect(sts.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([userAffinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0], SPREAD]);
    expect(sts.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'native-vol', mountPath: '/mnt/fluid-native/', subPath: 'sub' });
    expect(sts.spec.template.spec.volumes).toContainEqual({ name: 'native-vol', persistentVolumeClaim: { claimName: 'out' } });

    const chart = new Chart(new App(), 'ended', { namespace: NS, disableResourceNameHashes: true });
    juicefsDataMigrate.build(chart, { operation: op, runtime: juiceRuntime(), runEnded: true });
    const ended = (chart.toJson() as Obj[]).find((o) => o.kind === 'StatefulSet')!;
    expect(ended.spec.replicas).toBe(0);
  });

  it('Cron: each run starts suspended (the operator starts the workers, then resumes it); a single-worker Cron run does not', () => {
    const r = build(juicefsDataMigrate, parallel(CRON), juiceRuntime());
    const cron = r.find('CronJob', 'mig-migrate-migrate');
    expect(cron.spec.jobTemplate.spec).toMatchObject({ suspend: true, completions: 1, parallelism: 1 });
    expect(r.find('StatefulSet', 'mig-migrate-workers').spec.replicas).toBe(2);
    const single = build(juicefsDataMigrate, parallel({ ...CRON, parallelism: 1 }), juiceRuntime());
    expect(single.find('CronJob', 'mig-migrate-migrate').spec.jobTemplate.spec.suspend).toBeUndefined();
    expect(single.objects.some((o) => o.kind === 'StatefulSet')).toBe(false);
  });
});

describe('CacheRuntime DataLoad', () => {
  const LOADER = { name: 'DataLoad', command: ['/bin/loader'], args: ['--all'] };
  const workerWith = (spec: Record<string, unknown>) => ({ worker: { template: { spec: { containers: [{ name: 'worker', image: 'example/demofs:v1' }], ...spec } } } });
  const classWith = (ops: unknown[] | undefined, worker: Record<string, unknown> = {}) =>
    fluidClass(ops ? { dataOperationSpecs: ops } : {}, workerWith(worker));
  const runtime = (ops: unknown[] | undefined = [LOADER], extra: { worker?: Record<string, unknown>; runtime?: Record<string, unknown> } = {}) =>
    cacheInputOf({ runtimeClass: classWith(ops, extra.worker), runtime: runtimeDoc(extra.runtime) });

  it('runs the class’s DataLoad container with the FLUID_DATALOAD_* variables and runtime.json mounted', () => {
    const r = build(cacheDataLoad, dataLoad({ target: [{ path: '/x', replicas: 3 }] }), runtime([LOADER], { worker: { imagePullSecrets: [{ name: 'reg' }] } }));
    const job = r.find('Job', 'warm-loader-job');
    expect(job.metadata.labels).toMatchObject(LOAD_LABELS('cache'));
    const c = r.container(job);
    expect(c.name).toBe('dataloader');
    expect(c.image).toBe('example/demofs:v1');
    expect(c.command).toEqual(['/bin/loader']);
    expect(c.args).toEqual(['--all']);
    expect(envOf(c)).toEqual({
      FLUID_DATALOAD_METADATA: 'false',
      FLUID_DATALOAD_DATA_PATH: '/x',
      FLUID_DATALOAD_PATH_REPLICAS: '3',
      FLUID_RUNTIME_CONFIG_PATH: '/etc/fluid/config/runtime.json',
    });
    expect(c.volumeMounts).toEqual([{ name: 'fluid-runtime-demo-config', mountPath: '/etc/fluid/config', readOnly: true }]);
    expect(r.podSpec(job).volumes).toEqual([{ name: 'fluid-runtime-demo-config', configMap: { name: 'fluid-runtime-config-demo' } }]);
    expect(r.podSpec(job).imagePullSecrets).toEqual([{ name: 'reg' }]);
    expect(r.objects.map((o) => o.kind)).toEqual(['Job']);
  });

  it('takes the entry’s image first, then the runtime’s worker version', () => {
    const own = build(cacheDataLoad, dataLoad(), runtime([{ ...LOADER, image: 'example/loader:v2' }], { runtime: { worker: { runtimeVersion: { image: 'x/w', imageTag: 'v3' } } } }));
    expect(own.container(own.find('Job', 'warm-loader-job')).image).toBe('example/loader:v2');
    const version = build(cacheDataLoad, dataLoad(), runtime([LOADER], { runtime: { worker: { runtimeVersion: { image: 'x/w', imageTag: 'v3' } } } }));
    expect(version.container(version.find('Job', 'warm-loader-job')).image).toBe('x/w:v3');
  });

  it('runs on a schedule as a CronJob', () => {
    expectCron(build(cacheDataLoad, dataLoad(CRON), runtime()), 'cache');
  });

  it('needs a DataLoad entry with a command or args, and takes no options', () => {
    const check = (ops: unknown[] | undefined, spec: Record<string, unknown> = {}) => cacheDataLoad.check!({ operation: dataLoad(spec), runtime: runtime(ops) });
    expect(check([LOADER])).toEqual([]);
    expect(check([{ name: 'DataProcess', command: ['/bin/process'] }])).toEqual([{ path: 'spec', message: 'CacheRuntimeClass demofs defines no DataLoad in dataOperationSpecs' }]);
    expect(check([{ name: 'DataLoad' }])).toEqual([{ path: 'spec', message: 'the DataLoad entry of CacheRuntimeClass demofs sets neither command nor args' }]);
    expect(check([LOADER], { options: { threads: '4' } })).toEqual([{ path: 'spec.options.threads', message: 'the CacheRuntime DataLoad takes no options' }]);
  });
});
