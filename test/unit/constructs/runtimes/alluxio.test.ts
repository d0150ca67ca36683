// AlluxioRuntime: the objects Fluid's alluxio chart renders (asserted by name), the values Fluid's transform
// computes (ports, tiers, properties, fuse arguments, resources), the Secrets encryptOptions name (mounted, never
// copied), and every check error with its full message.
import type { AlluxioRuntimeSpec } from '../../../../crds/schema/alluxio-runtime';
import type { DatasetSpec } from '../../../../crds/schema/dataset';
import { KubeObject, renderRuntime } from '../../../../constructs/render-runtime';
import { alluxioEngine } from '../../../../constructs/runtimes/alluxio/engine';
import { toAlluxioUnit } from '../../../../constructs/runtimes/alluxio/tiered-store';
import { canonicalQuantity, parseQuantity } from '../../../../constructs/quantity';
import { EngineRegistry } from '../../../../constructs/runtimes/engine-registry';
import type { RenderInput } from '../../../../constructs/runtimes/runtime-engine';
import { renderDocuments } from '../../../../constructs/render-documents';
import { fluid, NAME, NS } from './engine-fixtures';

interface Inputs {
  readonly runtime?: Record<string, unknown>;
  readonly dataset?: Record<string, unknown>;
  readonly annotations?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly mountRoot?: string;
}

const TIERS = { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '2Gi', high: '0.95', low: '0.7' }] };
const DATASET = { mounts: [{ mountPoint: 's3://bucket/data', name: 'data' }] };

function input(i: Inputs = {}): RenderInput<AlluxioRuntimeSpec> {
  return {
    runtime: fluid<AlluxioRuntimeSpec>('AlluxioRuntime', { replicas: 2, tieredstore: TIERS, ...i.runtime }, i.annotations ? { annotations: i.annotations } : {}),
    dataset: fluid<DatasetSpec>('Dataset', i.dataset ?? DATASET),
    settings: { mountRoot: i.mountRoot ?? '/runtime-mnt', env: i.env ?? {} },
    observed: {},
  };
}

type Obj = KubeObject & { metadata: any; spec: any; data: any };

function render(i: Inputs = {}) {
  const { objects, built } = renderRuntime(alluxioEngine, input(i));
  const find = (kind: string, name: string): Obj => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
    return found as Obj;
  };
  const master = () => find('StatefulSet', `${NAME}-master`);
  const worker = () => find('StatefulSet', `${NAME}-worker`);
  const fuse = () => find('DaemonSet', `${NAME}-fuse`);
  const container = (workload: Obj, name: string) => {
    const found = workload.spec.template.spec.containers.find((c: { name: string }) => c.name === name);
    if (!found) throw new Error(`no container ${name}`);
    return found;
  };
  const config = () => find('ConfigMap', `${NAME}-config`).data as Record<string, string>;
  const javaOpts = (key = 'ALLUXIO_JAVA_OPTS') => config()[key].split(' ');
  const mountConfig = () => find('ConfigMap', `${NAME}-mount-config`).data as Record<string, string>;
  return { objects, built, find, master, worker, fuse, container, config, javaOpts, mountConfig };
}

const errorsOf = (i: Inputs) => alluxioEngine.check(input(i));
const envOf = (c: { env?: { name: string; value?: string; valueFrom?: unknown }[] }) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));
const names = (list: { name: string }[] | undefined) => (list ?? []).map((x) => x.name);

const RELEASE_LABELS = { app: 'alluxio', chart: 'alluxio-0.9.14', release: NAME, heritage: 'fluid-cdk8s' };
const LIBRARY_LABELS = {
  'app.kubernetes.io/name': 'alluxio',
  'app.kubernetes.io/instance': NAME,
  'app.kubernetes.io/managed-by': 'fluid-cdk8s',
  'fluid.io/managed-by': 'fluid',
  'fluid.io/dataset-id': `${NS}-${NAME}`,
};

describe('AlluxioRuntime objects', () => {
  it('renders config, mount config, master Service, master, workers, fuse, PV and PVC, in apply order', () => {
    const { objects } = render();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/demo-config',
      'ConfigMap/demo-mount-config',
      'Service/demo-master-0',
      'StatefulSet/demo-master',
      'StatefulSet/demo-worker',
      'DaemonSet/demo-fuse',
      'PersistentVolume/team-a-demo',
      'PersistentVolumeClaim/demo',
    ]);
    expect(JSON.stringify(objects)).not.toMatch(/cdk8s\.io|runAsNonRoot|automountServiceAccountToken/);
  });

  it('reports the workloads, the volume and the status selector', () => {
    const { built } = render();
    expect(built).toEqual({
      master: { kind: 'StatefulSet', name: 'demo-master', replicas: 1 },
      workers: { kind: 'StatefulSet', name: 'demo-worker', replicas: 2 },
      fuse: { kind: 'DaemonSet', name: 'demo-fuse' },
      volume: { fluidPath: '/runtime-mnt/alluxio/team-a/demo/alluxio-fuse', mountType: 'fuse.alluxio-fuse', fuseNodeSelector: undefined },
      statusSelector: 'app=alluxio,release=demo,role=alluxio-worker',
    });
  });

  it('gives the PV the CSI attributes the Fluid CSI plugin reads', () => {
    const { find } = render({ runtime: { fuse: { nodeSelector: { pool: 'gpu' } } } });
    const pv = find('PersistentVolume', 'team-a-demo');
    expect(pv.spec.csi.volumeAttributes).toEqual({
      fluid_path: '/runtime-mnt/alluxio/team-a/demo/alluxio-fuse',
      mount_type: 'fuse.alluxio-fuse',
      runtime_namespace: NS,
      runtime_name: NAME,
      mount_pod_node_selector_key: 'fluid.io/f-team-a-demo',
    });
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms).toEqual([{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['gpu'] }] }]);
  });

  it('labels and selects the master the chart way', () => {
    const { master, find } = render();
    const sts = master();
    expect(sts.metadata.labels).toEqual({ name: 'demo-master', ...RELEASE_LABELS, role: 'alluxio-master', ...LIBRARY_LABELS });
    expect(sts.spec.selector.matchLabels).toEqual({ app: 'alluxio', role: 'alluxio-master', name: 'demo-master' });
    expect(sts.spec.serviceName).toBe('demo-master');
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
    expect(sts.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(sts.spec.template.metadata.labels).toEqual({ 'sidecar.istio.io/inject': 'false', name: 'demo-master', ...RELEASE_LABELS, role: 'alluxio-master', ...LIBRARY_LABELS });
    expect(sts.spec.template.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false' });
    const svc = find('Service', 'demo-master-0');
    expect(svc.metadata.labels).toEqual({ ...RELEASE_LABELS, role: 'alluxio-master', ...LIBRARY_LABELS, monitor: 'alluxio_runtime_metrics' });
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.selector).toEqual({ role: 'alluxio-master', app: 'alluxio', release: NAME, 'statefulset.kubernetes.io/pod-name': 'demo-master-0' });
    expect(svc.spec.ports.map((p: { name: string; port: number }) => `${p.name}:${p.port}`)).toEqual(['rpc:19998', 'web:19999', 'job-rpc:20001', 'job-web:20002']);
  });

  it('drops the metrics label when Prometheus is disabled', () => {
    const { find } = render({ runtime: { disablePrometheus: true } });
    expect(find('Service', 'demo-master-0').metadata.labels.monitor).toBeUndefined();
  });

  it('runs alluxio-master and alluxio-job-master with the config env, host network and the mount probe', () => {
    const { master, container } = render();
    const pod = master().spec.template.spec;
    expect(names(pod.containers)).toEqual(['alluxio-master', 'alluxio-job-master']);
    expect(pod.hostNetwork).toBe(true);
    expect(pod.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(pod.enableServiceLinks).toBe(false);
    const m = container(master(), 'alluxio-master');
    expect(m.image).toBe('alluxio/alluxio-dev:2.9.0');
    expect(m.imagePullPolicy).toBe('IfNotPresent');
    expect(m.command).toEqual(['/etc/fluid/scripts/entrypoint.sh']);
    expect(m.args).toEqual(['master-only', '--no-format']);
    expect(m.securityContext).toEqual({ runAsUser: 0, runAsGroup: 0 });
    expect(m.ports).toEqual([{ containerPort: 19998, name: 'rpc' }, { containerPort: 19999, name: 'web' }]);
    expect(m.envFrom).toEqual([{ configMapRef: { name: 'demo-config' } }]);
    expect(envOf(m)).toEqual({
      ALLUXIO_MASTER_HOSTNAME: { fieldRef: { fieldPath: 'status.podIP' } },
      ALLUXIO_WORKER_TIEREDSTORE_LEVEL0_DIRS_PATH: '/dev/shm/team-a/demo',
    });
    expect(m.startupProbe).toEqual({
      exec: { command: ['bash', '-c', '/etc/fluid/scripts/mount.sh >> /proc/1/fd/1 2>&1'] },
      initialDelaySeconds: 5,
      failureThreshold: 10,
      timeoutSeconds: 15,
      periodSeconds: 20,
    });
    expect(m.volumeMounts).toEqual([
      { name: 'alluxio-journal', mountPath: '/journal' },
      { name: 'alluxio-mount-conf', mountPath: '/etc/fluid/scripts' },
    ]);
    const job = container(master(), 'alluxio-job-master');
    expect(job.command).toEqual(['/entrypoint.sh']);
    expect(job.args).toEqual(['job-master']);
    expect(job.ports).toEqual([{ containerPort: 20001, name: 'job-rpc' }, { containerPort: 20002, name: 'job-web' }]);
    expect(pod.volumes).toEqual([
      {
        name: 'alluxio-mount-conf',
        configMap: {
          name: 'demo-mount-config',
          items: [
            { key: 'entrypoint.script', path: 'entrypoint.sh', mode: 0o550 },
            { key: 'mount.script', path: 'mount.sh', mode: 0o550 },
            { key: 'mount.info', path: 'mount.info', mode: 0o444 },
          ],
        },
      },
      { name: 'alluxio-journal', emptyDir: { sizeLimit: '30Gi' } },
    ]);
  });

  it('renders workers with spec.replicas, the dataset labels, Fluid affinity and the tier volumes', () => {
    const { worker, container } = render({ dataset: { ...DATASET, placement: 'Shared', tolerations: [{ key: 'k', operator: 'Exists' }] } });
    const sts = worker();
    expect(sts.spec.replicas).toBe(2);
    expect(sts.spec.serviceName).toBe('demo-worker');
    expect(sts.spec.selector.matchLabels).toEqual({ app: 'alluxio', release: NAME, role: 'alluxio-worker' });
    expect(sts.metadata.labels).toMatchObject({ ...RELEASE_LABELS, role: 'alluxio-worker', 'fluid.io/dataset': 'team-a-demo', 'fluid.io/dataset-placement': 'Shared' });
    expect(sts.spec.template.metadata.labels).toMatchObject({ 'fluid.io/dataset': 'team-a-demo', 'fluid.io/dataset-placement': 'Shared', 'sidecar.istio.io/inject': 'false' });
    const pod = sts.spec.template.spec;
    expect(pod.tolerations).toEqual([{ key: 'k', operator: 'Exists' }]);
    expect(pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].key).toBe('fluid.io/f-team-a-demo');
    expect(names(pod.containers)).toEqual(['alluxio-worker', 'alluxio-job-worker']);
    const w = container(sts, 'alluxio-worker');
    expect(w.args).toEqual(['worker-only', '--no-format']);
    expect(w.ports).toEqual([{ containerPort: 29999, name: 'rpc' }, { containerPort: 30000, name: 'web' }]);
    expect(envOf(w)).toEqual({
      ALLUXIO_WORKER_HOSTNAME: { fieldRef: { fieldPath: 'status.hostIP' } },
      ALLUXIO_WORKER_TIEREDSTORE_LEVEL0_DIRS_PATH: '/dev/shm/team-a/demo',
    });
    // MEM tiers are worker memory: the request covers them.
    expect(w.resources).toEqual({ requests: { memory: '2Gi' } });
    expect(w.volumeMounts).toEqual([{ name: 'mem', mountPath: '/dev/shm/team-a/demo' }]);
    const job = container(sts, 'alluxio-job-worker');
    expect(job.ports).toEqual([{ containerPort: 30001, name: 'job-rpc' }, { containerPort: 30002, name: 'job-data' }, { containerPort: 30003, name: 'job-web' }]);
    expect(pod.volumes).toEqual([{ name: 'mem', hostPath: { path: '/dev/shm/team-a/demo', type: 'DirectoryOrCreate' } }]);
  });

  it('renders the fuse with its mount point, device, node selector and unmount hook', () => {
    const { fuse, container } = render({ runtime: { fuse: { nodeSelector: { pool: 'gpu' }, env: { EXTRA: 'x' } } } });
    const ds = fuse();
    expect(ds.metadata.labels).toEqual({ ...RELEASE_LABELS, role: 'alluxio-fuse', ...LIBRARY_LABELS });
    expect(ds.spec.selector.matchLabels).toEqual({ ...RELEASE_LABELS, role: 'alluxio-fuse' });
    expect(ds.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    const pod = ds.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ pool: 'gpu', 'fluid.io/f-team-a-demo': 'true' });
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(pod.priorityClassName).toBe('system-node-critical');
    expect(pod.hostNetwork).toBe(true);
    expect(pod.hostPID).toBeUndefined();
    const c = container(ds, 'alluxio-fuse');
    expect(c.command).toEqual(['/entrypoint.sh']);
    expect(c.args).toEqual(['fuse', '--fuse-opts=kernel_cache,ro,attr_timeout=7200,entry_timeout=7200,allow_other', '/runtime-mnt/alluxio/team-a/demo/alluxio-fuse', '/']);
    expect(c.securityContext).toEqual({ runAsUser: 0, runAsGroup: 0, privileged: true });
    expect(c.lifecycle.preStop.exec.command).toEqual(['/opt/alluxio/integration/fuse/bin/alluxio-fuse', 'unmount', '/runtime-mnt/alluxio/team-a/demo/alluxio-fuse']);
    expect(envOf(c)).toEqual({
      ALLUXIO_CLIENT_HOSTNAME: { fieldRef: { fieldPath: 'status.hostIP' } },
      ALLUXIO_CLIENT_JAVA_OPTS: ' -Dalluxio.user.hostname=${ALLUXIO_CLIENT_HOSTNAME} ',
      FLUID_RUNTIME_TYPE: 'alluxio',
      FLUID_RUNTIME_NS: NS,
      FLUID_RUNTIME_NAME: NAME,
      EXTRA: 'x',
    });
    expect(c.volumeMounts).toEqual([
      { name: 'mem', mountPath: '/dev/shm/team-a/demo' },
      { name: 'alluxio-fuse-mount', mountPath: '/runtime-mnt/alluxio/team-a/demo', mountPropagation: 'Bidirectional' },
      { name: 'alluxio-fuse-device', mountPath: '/dev/fuse' },
    ]);
    expect(pod.volumes).toContainEqual({ name: 'alluxio-fuse-mount', hostPath: { path: '/runtime-mnt/alluxio/team-a/demo', type: 'DirectoryOrCreate' } });
    expect(pod.volumes).toContainEqual({ name: 'alluxio-fuse-device', hostPath: { path: '/dev/fuse', type: 'CharDevice' } });
  });

  it('follows MOUNT_ROOT, the fuse host PID annotation and CRITICAL_FUSE_POD=false', () => {
    const { fuse, built } = render({ mountRoot: '/mnt/fluid', annotations: { 'runtime.fluid.io/fuse.hostpid': 'true' }, env: { CRITICAL_FUSE_POD: 'false' } });
    expect(built.volume?.fluidPath).toBe('/mnt/fluid/alluxio/team-a/demo/alluxio-fuse');
    const pod = fuse().spec.template.spec;
    expect(pod.hostPID).toBe(true);
    expect(pod.priorityClassName).toBeUndefined();
  });
});

describe('AlluxioRuntime config', () => {
  it('writes the master address, journal, tiers and properties into ALLUXIO_JAVA_OPTS', () => {
    const { javaOpts, config } = render();
    const opts = javaOpts();
    expect(opts.slice(0, 9)).toEqual([
      '-Dalluxio.master.hostname=demo-master-0.team-a',
      '-Dalluxio.user.hostname=${ALLUXIO_CLIENT_HOSTNAME}',
      '-Dalluxio.master.journal.type=EMBEDDED',
      '-Dalluxio.master.journal.folder=/journal',
      '-Dalluxio.worker.tieredstore.levels=1',
      '-Dalluxio.worker.tieredstore.level0.alias=MEM',
      '-Dalluxio.worker.tieredstore.level0.dirs.mediumtype=MEM',
      '-Dalluxio.worker.tieredstore.level0.dirs.path=/dev/shm/team-a/demo',
      '-Dalluxio.worker.tieredstore.level0.dirs.quota=2GB',
    ]);
    expect(opts).toEqual(
      expect.arrayContaining([
        '-Dalluxio.master.mount.table.root.ufs=/underFSStorage',
        '-Dalluxio.user.file.replication.max=1',
        '-Dalluxio.master.journal.type=UFS',
        '-Dalluxio.fuse.user.group.translation.enabled=true',
        '-Dalluxio.master.rpc.port=19998',
        '-Dalluxio.user.block.size.bytes.default=16MB',
        '-Dalluxio.user.direct.memory.io.enabled=true',
      ]),
    );
    expect(Object.keys(config()).sort()).toEqual([
      'ALLUXIO_FUSE_JAVA_OPTS',
      'ALLUXIO_JAVA_OPTS',
      'ALLUXIO_JOB_MASTER_JAVA_OPTS',
      'ALLUXIO_JOB_WORKER_JAVA_OPTS',
      'ALLUXIO_MASTER_JAVA_OPTS',
      'ALLUXIO_WORKER_JAVA_OPTS',
      'ALLUXIO_WORKER_TIEREDSTORE_LEVEL0_DIRS_PATH',
    ]);
    expect(config().ALLUXIO_MASTER_JAVA_OPTS).toBe('-Dalluxio.master.hostname=${ALLUXIO_MASTER_HOSTNAME} -Xmx16G -XX:+UnlockExperimentalVMOptions');
    expect(config().ALLUXIO_WORKER_JAVA_OPTS).toBe(
      '-Dalluxio.worker.hostname=${ALLUXIO_WORKER_HOSTNAME} -Dalluxio.worker.rpc.port=29999 -Dalluxio.worker.web.port=30000 -Dalluxio.worker.memory.size=2Gi -Xmx12G -XX:+UnlockExperimentalVMOptions -XX:MaxDirectMemorySize=32g',
    );
    expect(config().ALLUXIO_FUSE_JAVA_OPTS).toBe('-Xmx16G -Xms16G -XX:+UseG1GC -XX:MaxDirectMemorySize=32g -XX:+UnlockExperimentalVMOptions');
  });

  it('lets the runtime override defaults but not the properties Fluid forces', () => {
    const { javaOpts } = render({
      runtime: {
        properties: { 'alluxio.user.block.size.bytes.default': '64MB', 'alluxio.master.mount.table.root.ufs': 'hdfs://x' },
        master: { properties: { 'alluxio.master.journal.type': 'UFS-own' }, jvmOptions: ['-Xmx1G'] },
        data: { replicas: 3 },
        jvmOptions: ['-Dglobal=1'],
      },
    });
    const opts = javaOpts();
    expect(opts).toContain('-Dalluxio.user.block.size.bytes.default=64MB');
    expect(opts).toContain('-Dalluxio.master.mount.table.root.ufs=/underFSStorage');
    expect(opts).toContain('-Dalluxio.user.file.replication.max=3');
    // A key a component sets is not defaulted globally.
    expect(opts.filter((o) => o.startsWith('-Dalluxio.master.journal.type='))).toEqual(['-Dalluxio.master.journal.type=EMBEDDED']);
    expect(opts[opts.length - 1]).toBe('-Dglobal=1');
    expect(javaOpts('ALLUXIO_MASTER_JAVA_OPTS')).toEqual(['-Dalluxio.master.hostname=${ALLUXIO_MASTER_HOSTNAME}', '-Dalluxio.master.journal.type=UFS-own', '-Xmx1G']);
  });

  it('tunes for HTTP sources and adds max_readahead=0 to default fuse options', () => {
    const { javaOpts, fuse } = render({ dataset: { mounts: [{ mountPoint: 'https://example.org/data/', name: 'web' }] } });
    expect(javaOpts()).toEqual(expect.arrayContaining(['-Dalluxio.user.block.size.bytes.default=256MB', '-Dalluxio.user.streaming.data.timeout=300sec']));
    expect(fuse().spec.template.spec.containers[0].args[1]).toBe('--fuse-opts=kernel_cache,ro,attr_timeout=7200,entry_timeout=7200,allow_other,max_readahead=0');
  });

  it('makes a single non-native mount at / the root UFS, with its options', () => {
    const { javaOpts, mountConfig } = render({ dataset: { mounts: [{ mountPoint: 'oss://bucket/dir', name: 'oss', path: '/', options: { 'fs.oss.endpoint': 'oss.example' } }] } });
    expect(javaOpts()).toEqual(expect.arrayContaining(['-Dalluxio.master.mount.table.root.ufs=oss://bucket/dir', '-Dfs.oss.endpoint=oss.example']));
    expect(mountConfig()['mount.info']).toBe('/ oss://bucket/dir --option fs.oss.endpoint=oss.example\n');
  });

  it('writes mount.info lines with path, URI, flags and sorted options', () => {
    const { mountConfig } = render({
      dataset: {
        sharedOptions: { 'z.shared': '1' },
        mounts: [
          { mountPoint: 's3://bucket/a', name: 'a', readOnly: true, shared: true, options: { 'b.opt': '2' } },
          { mountPoint: 'hdfs://nn:9000/b', name: 'b', path: '/abs/b' },
          { mountPoint: 'pvc://claim/sub', name: 'c' },
        ],
      },
    });
    expect(mountConfig()['mount.info']).toBe('/a s3://bucket/a --readonly --shared --option b.opt=2 --option z.shared=1\n/abs/b hdfs://nn:9000/b --option z.shared=1\n');
    expect(Object.keys(mountConfig()).sort()).toEqual(['entrypoint.script', 'mount.info', 'mount.script']);
  });
});

describe('AlluxioRuntime secrets', () => {
  const SECRET_DATASET = {
    sharedEncryptOptions: [{ name: 'fs.shared.key', valueFrom: { secretKeyRef: { name: 'zz-shared-secret-9f1', key: 'zz-shared-key-77a' } } }],
    mounts: [
      {
        mountPoint: 's3://bucket/data',
        name: 'data',
        encryptOptions: [
          { name: 'aws.accessKeyId', valueFrom: { secretKeyRef: { name: 'zz-s3-secret-41c', key: 'zz-access-key-id-0b2' } } },
          { name: 'aws.secretKey', valueFrom: { secretKeyRef: { name: 'zz-s3-secret-41c', key: 'zz-secret-key-5d8' } } },
        ],
      },
      { mountPoint: 'pvc://claim', name: 'local', encryptOptions: [{ name: 'ignored', valueFrom: { secretKeyRef: { name: 'zz-native-secret-3e0', key: 'k' } } }] },
    ],
  };

  it('mounts each Secret read-only in both master containers and nowhere else', () => {
    const { master, worker, fuse, container } = render({ dataset: SECRET_DATASET });
    const pod = master().spec.template.spec;
    expect(pod.volumes).toEqual(
      expect.arrayContaining([
        { name: 'alluxio-mount-secret-zz-shared-secret-9f1', secret: { secretName: 'zz-shared-secret-9f1' } },
        { name: 'alluxio-mount-secret-zz-s3-secret-41c', secret: { secretName: 'zz-s3-secret-41c' } },
      ]),
    );
    for (const name of ['alluxio-master', 'alluxio-job-master']) {
      expect(container(master(), name).volumeMounts).toEqual(
        expect.arrayContaining([
          { name: 'alluxio-mount-secret-zz-shared-secret-9f1', readOnly: true, mountPath: '/etc/fluid/secrets/zz-shared-secret-9f1' },
          { name: 'alluxio-mount-secret-zz-s3-secret-41c', readOnly: true, mountPath: '/etc/fluid/secrets/zz-s3-secret-41c' },
        ]),
      );
    }
    // A native mount's encrypt options are not Alluxio options: its Secret is not mounted.
    expect(JSON.stringify([master(), worker(), fuse()])).not.toContain('zz-native-secret-3e0');
    expect(JSON.stringify([worker(), fuse()])).not.toContain('zz-s3-secret-41c');
  });

  it('puts only the paths of the Secret keys in ConfigMaps, never a reference a value could be read from', () => {
    const { mountConfig, config, objects } = render({ dataset: SECRET_DATASET });
    expect(mountConfig()['mount.info']).toBe(
      '/data s3://bucket/data --option aws.accessKeyId=/etc/fluid/secrets/zz-s3-secret-41c/zz-access-key-id-0b2' +
        ' --option aws.secretKey=/etc/fluid/secrets/zz-s3-secret-41c/zz-secret-key-5d8 --option fs.shared.key=/etc/fluid/secrets/zz-shared-secret-9f1/zz-shared-key-77a\n',
    );
    // Every mention of a secret key is a file path under the mounted Secret's folder.
    const text = JSON.stringify(objects);
    for (const key of ['zz-shared-key-77a', 'zz-access-key-id-0b2', 'zz-secret-key-5d8']) {
      const mentions = text.match(new RegExp(`[^"= ]*${key}`, 'g')) ?? [];
      expect(mentions.length).toBeGreaterThan(0);
      for (const m of mentions) expect(m).toMatch(new RegExp(`^/etc/fluid/secrets/zz-[a-z0-9-]+/${key}$`));
    }
    // No env var reads a Secret, and no annotation or label names one.
    expect(text).not.toMatch(/secretKeyRef/);
    expect(JSON.stringify(config())).not.toMatch(/zz-/);
    for (const o of objects) expect(JSON.stringify(o.metadata)).not.toMatch(/zz-/);
  });

  it('passes a root mount\'s Secret as a file path in ALLUXIO_JAVA_OPTS, which the master entrypoint reads', () => {
    const { javaOpts, mountConfig, master } = render({
      dataset: { mounts: [{ mountPoint: 's3://bucket', name: 'root', path: '/', encryptOptions: [{ name: 'aws.secretKey', valueFrom: { secretKeyRef: { name: 'zz-root-secret', key: 'zz-root-key' } } }] }] },
    });
    expect(javaOpts()).toContain('-Daws.secretKey=/etc/fluid/secrets/zz-root-secret/zz-root-key');
    expect(mountConfig()['entrypoint.script']).toContain("grep -oE '/etc/fluid/secrets/[-._a-zA-Z0-9]+/[-._a-zA-Z0-9]+'");
    expect(mountConfig()['entrypoint.script']).toContain('exec /entrypoint.sh "$@"');
    expect(master().spec.template.spec.volumes).toContainEqual({ name: 'alluxio-mount-secret-zz-root-secret', secret: { secretName: 'zz-root-secret' } });
  });

  it('never traces the mount script, whose resolved lines hold secret values', () => {
    const script = render({ dataset: SECRET_DATASET }).mountConfig()['mount.script'];
    expect(script).not.toMatch(/set -[a-z]*x/);
    expect(script).toMatch(/^#!\/usr\/bin\/env bash\nset -ef\n/);
  });
});

describe('AlluxioRuntime tiers', () => {
  it('splits a quota over several folders and names their volumes by index', () => {
    const { worker, javaOpts, fuse } = render({ runtime: { tieredstore: { levels: [{ mediumtype: 'SSD', path: '/mnt/ssd0/,/mnt/ssd1', quota: '4Gi' }] } } });
    expect(javaOpts()).toEqual(
      expect.arrayContaining([
        '-Dalluxio.worker.tieredstore.level0.alias=SSD',
        '-Dalluxio.worker.tieredstore.level0.dirs.mediumtype=SSD,SSD',
        '-Dalluxio.worker.tieredstore.level0.dirs.path=/mnt/ssd0/team-a/demo,/mnt/ssd1/team-a/demo',
        '-Dalluxio.worker.tieredstore.level0.dirs.quota=2GB,2GB',
      ]),
    );
    const volumes = [
      { name: 'ssd-0', hostPath: { path: '/mnt/ssd0/team-a/demo', type: 'DirectoryOrCreate' } },
      { name: 'ssd-1', hostPath: { path: '/mnt/ssd1/team-a/demo', type: 'DirectoryOrCreate' } },
    ];
    expect(worker().spec.template.spec.volumes).toEqual(volumes);
    // The fuse reads hostPath tiers directly (short-circuit).
    expect(fuse().spec.template.spec.volumes).toEqual(expect.arrayContaining(volumes));
    // No MEM tier: nothing to add to the worker's memory.
    expect(worker().spec.template.spec.containers[0].resources).toBeUndefined();
  });

  it('orders levels MEM, SSD, HDD whatever the spec order, with quotaList per folder', () => {
    const { javaOpts } = render({
      runtime: { tieredstore: { levels: [{ mediumtype: 'HDD', path: '/hdd', quota: '100G' }, { mediumtype: 'MEM', path: '/m0,/m1', quotaList: '1Gi,512Mi' }] } },
    });
    const opts = javaOpts();
    expect(opts).toContain('-Dalluxio.worker.tieredstore.levels=2');
    expect(opts).toContain('-Dalluxio.worker.tieredstore.level1.alias=HDD');
    // Fluid prints the split quota as Kubernetes would: 100G is 97656250Ki, in Alluxio's units KB.
    expect(opts).toContain('-Dalluxio.worker.tieredstore.level1.dirs.quota=97656250KB');
    expect(opts).toContain('-Dalluxio.worker.tieredstore.level0.alias=MEM');
    expect(opts).toContain('-Dalluxio.worker.tieredstore.level0.dirs.quota=1GB,512MB');
  });

  it('backs emptyDir tiers with a sized emptyDir, disables short-circuit and keeps them out of the fuse', () => {
    const { worker, fuse, javaOpts } = render({ runtime: { tieredstore: { levels: [{ mediumtype: 'MEM', path: '/cache', quota: '2Gi', volumeType: 'emptyDir' }] } } });
    expect(worker().spec.template.spec.volumes).toEqual([{ name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '2Gi' } }]);
    expect(javaOpts()).toContain('-Dalluxio.user.short.circuit.enabled=false');
    expect(names(fuse().spec.template.spec.volumes)).toEqual(['alluxio-fuse-mount', 'alluxio-fuse-device']);
  });

  it("renders the chart's default tier when the runtime declares none", () => {
    const { worker, javaOpts, container } = render({ runtime: { tieredstore: undefined } });
    expect(worker().spec.template.spec.volumes).toEqual([{ name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '1G' } }]);
    expect(javaOpts()).toEqual(expect.arrayContaining(['-Dalluxio.worker.tieredstore.level0.dirs.path=/dev/shm', '-Dalluxio.worker.tieredstore.level0.dirs.quota=1G']));
    expect(envOf(container(worker(), 'alluxio-worker')).ALLUXIO_WORKER_TIEREDSTORE_LEVEL0_DIRS_PATH).toBe('/dev/shm/team-a/demo');
  });

  it('keeps a larger worker memory request and raises a fuse memory limit by the MEM tiers', () => {
    const { worker, fuse } = render({
      runtime: {
        worker: { resources: { requests: { memory: '4Gi', cpu: '1' } } },
        fuse: { resources: { limits: { memory: '1Gi', cpu: 2 } } },
      },
    });
    expect(worker().spec.template.spec.containers[0].resources).toEqual({ requests: { memory: '4Gi', cpu: '1' } });
    expect(fuse().spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '3Gi', cpu: 2 } });
  });

  it('gives the fuse no resources without a memory limit, as Fluid', () => {
    const { fuse } = render({ runtime: { fuse: { resources: { limits: { cpu: 2 } } } } });
    expect(fuse().spec.template.spec.containers[0].resources).toBeUndefined();
  });
});

describe('AlluxioRuntime options', () => {
  it('runs as runAs with init-users containers and the passwd files', () => {
    const { master, worker, fuse, container } = render({ runtime: { runAs: { uid: 1201, gid: 1202, user: 'u', group: 'g' } } });
    const m = container(master(), 'alluxio-master');
    expect(m.securityContext).toEqual({ runAsUser: 1201, runAsGroup: 1202 });
    expect(m.volumeMounts).toEqual(expect.arrayContaining([{ name: 'user', mountPath: '/etc/passwd', readOnly: true }, { name: 'group', mountPath: '/etc/group', readOnly: true }]));
    const init = master().spec.template.spec.initContainers[0];
    expect(init.name).toBe('init-users');
    expect(init.image).toBe('fluidcloudnative/init-users:v0.9.0');
    expect(init.args).toEqual(['init_users']);
    expect(envOf(init)).toEqual({ FLUID_INIT_USERS: '1201:u:1202,1202:g', FLUID_TIERSTORE_PATHS: '/dev/shm' });
    expect(master().spec.template.spec.volumes).toContainEqual({ name: 'user', hostPath: { path: '/tmp/fluid/team-a/demo/passwd', type: 'FileOrCreate' } });
    const workerInit = worker().spec.template.spec.initContainers[0];
    expect(workerInit.args).toEqual(['init_users', 'chmod_tierpath']);
    expect(workerInit.volumeMounts).toContainEqual({ name: 'mem', mountPath: '/dev/shm/team-a/demo' });
    const fuseInit = fuse().spec.template.spec.initContainers[0];
    expect(fuseInit.name).toBe('init-fuse');
    expect(fuseInit.args).toEqual(['chmod_fuse_mountpoint']);
    expect(envOf(fuseInit)).toEqual({ FLUID_FUSE_MOUNTPOINT: '/runtime-mnt/alluxio/team-a/demo' });
    expect(container(fuse(), 'alluxio-fuse').securityContext).toEqual({ runAsUser: 1201, runAsGroup: 1202, privileged: true });
  });

  it('mounts local:// and pvc:// sources at /underFSStorage and pins the master to local data', () => {
    const required = { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] };
    const { master, worker, container, mountConfig } = render({
      dataset: { nodeAffinity: { required }, mounts: [{ mountPoint: 'pvc://claim/sub/dir', name: 'p' }, { mountPoint: 'local:///mnt/data', name: 'l' }] },
    });
    const mounts = [
      { name: 'l', mountPath: '/underFSStorage/l' },
      { name: 'claim', mountPath: '/underFSStorage/p', subPath: 'sub/dir' },
    ];
    expect(container(master(), 'alluxio-master').volumeMounts).toEqual(expect.arrayContaining(mounts));
    expect(container(worker(), 'alluxio-job-worker').volumeMounts).toEqual(expect.arrayContaining(mounts));
    expect(master().spec.template.spec.volumes).toEqual(
      expect.arrayContaining([{ name: 'l', hostPath: { path: '/mnt/data' } }, { name: 'claim', persistentVolumeClaim: { claimName: 'claim' } }]),
    );
    expect(master().spec.template.spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } });
    expect(mountConfig()['mount.info']).toBe('');
  });

  it('runs HA masters with embedded journal ports, one Service each, and no mount probe', () => {
    const { master, find, container, javaOpts } = render({ runtime: { master: { replicas: 3 } } });
    expect(master().spec.replicas).toBe(3);
    expect([0, 1, 2].map((i) => find('Service', `demo-master-${i}`).spec.ports.map((p: { name: string }) => p.name))).toEqual(
      Array(3).fill(['rpc', 'web', 'job-rpc', 'job-web', 'embedded', 'job-embedded']),
    );
    const m = container(master(), 'alluxio-master');
    expect(m.startupProbe).toBeUndefined();
    expect(m.ports).toContainEqual({ containerPort: 19200, name: 'embedded' });
    expect(container(master(), 'alluxio-job-master').ports).toContainEqual({ containerPort: 20003, name: 'job-embedded' });
    expect(envOf(m).ALLUXIO_MASTER_HOSTNAME).toEqual({ fieldRef: { fieldPath: 'metadata.name' } });
    const opts = javaOpts();
    expect(opts.some((o) => o.startsWith('-Dalluxio.master.hostname='))).toBe(false);
    expect(opts).toEqual(
      expect.arrayContaining([
        '-Dalluxio.master.embedded.journal.addresses=demo-master-0:19200,demo-master-1:19200,demo-master-2:19200',
        '-Dalluxio.master.journal.type=EMBEDDED',
      ]),
    );
  });

  it('takes host-network ports from properties, then the component ports', () => {
    const { container, master, worker, javaOpts } = render({ runtime: { properties: { 'alluxio.master.rpc.port': '21000' }, worker: { ports: { rpc: 22000 } } } });
    expect(container(master(), 'alluxio-master').ports[0]).toEqual({ containerPort: 21000, name: 'rpc' });
    expect(container(worker(), 'alluxio-worker').ports[0]).toEqual({ containerPort: 22000, name: 'rpc' });
    expect(javaOpts()).toContain('-Dalluxio.worker.rpc.port=22000');
  });

  it('uses fixed ports and pod addresses in container network', () => {
    const { master, worker, container, config } = render({
      runtime: { master: { networkMode: 'ContainerNetwork', ports: { rpc: 1 } }, worker: { networkMode: 'ContainerNetwork' } },
    });
    expect(master().spec.template.spec.hostNetwork).toBeUndefined();
    expect(worker().spec.template.spec.dnsPolicy).toBeUndefined();
    expect(container(master(), 'alluxio-master').ports[0]).toEqual({ containerPort: 19998, name: 'rpc' });
    expect(envOf(container(worker(), 'alluxio-worker')).ALLUXIO_WORKER_CONTAINER_HOSTNAME).toEqual({ fieldRef: { fieldPath: 'status.podIP' } });
    expect(config().ALLUXIO_WORKER_JAVA_OPTS).toContain('-Dalluxio.worker.container.hostname=${ALLUXIO_WORKER_CONTAINER_HOSTNAME}');
  });

  it('adds the API gateway container and its Service port', () => {
    const { master, find, javaOpts } = render({ runtime: { apiGateway: { enabled: true } } });
    const gateway = master().spec.template.spec.containers[0];
    expect(gateway.name).toBe('api-gateway');
    expect(gateway.args).toEqual(['proxy']);
    expect(gateway.ports).toEqual([{ containerPort: 39999, name: 'rest' }]);
    expect(find('Service', 'demo-master-0').spec.ports).toContainEqual({ name: 'rest', port: 39999, targetPort: 39999, protocol: 'TCP' });
    expect(javaOpts()).toContain('-Dalluxio.proxy.web.port=39999');
  });

  it('puts the Dataset owner into the fuse options and reads older images the old way', () => {
    const { fuse, javaOpts } = render({
      runtime: { fuse: { image: 'registry.example.org/alluxio-fuse', imageTag: '2.3.0-SNAPSHOT-2c41226' } },
      dataset: { ...DATASET, owner: { uid: 1000, gid: 1001, user: 'u', group: 'g' }, accessModes: ['ReadWriteMany'] },
    });
    const c = fuse().spec.template.spec.containers[0];
    expect(c.image).toBe('registry.example.org/alluxio-fuse:2.3.0-SNAPSHOT-2c41226');
    expect(c.args).toEqual(['fuse', '--fuse-opts=kernel_cache,rw,uid=1000,gid=1001,allow_other']);
    expect(envOf(c).MOUNT_POINT).toBe('/runtime-mnt/alluxio/team-a/demo/alluxio-fuse');
    expect(javaOpts().some((o) => o.includes('user.group.translation'))).toBe(false);
    expect(javaOpts().some((o) => o.includes('direct.memory.io'))).toBe(false);
  });

  it('takes images and pull secrets from the controller environment when the runtime sets none', () => {
    const { master, fuse } = render({
      runtime: { fuse: { imagePullSecrets: [{ name: 'fuse-pull' }] } },
      env: { ALLUXIO_RUNTIME_IMAGE_ENV: 'registry.example.org/alluxio:2.9.3', ALLUXIO_FUSE_IMAGE_ENV: 'registry.example.org/fuse:2.9.3', IMAGE_PULL_SECRETS: 'a,b' },
    });
    expect(master().spec.template.spec.containers[0].image).toBe('registry.example.org/alluxio:2.9.3');
    expect(master().spec.template.spec.imagePullSecrets).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect(fuse().spec.template.spec.containers[0].image).toBe('registry.example.org/fuse:2.9.3');
    expect(fuse().spec.template.spec.imagePullSecrets).toEqual([{ name: 'fuse-pull' }]);
  });

  it('merges pod metadata, mounts user volumes per component and the hadoop config', () => {
    const { master, worker, fuse, container, javaOpts } = render({
      runtime: {
        podMetadata: { labels: { team: 'a' }, annotations: { note: 'all' } },
        worker: { podMetadata: { labels: { team: 'w' } }, volumeMounts: [{ name: 'extra', mountPath: '/extra' }] },
        volumes: [{ name: 'extra', emptyDir: {} }],
        hadoopConfig: 'hdfs-conf',
      },
    });
    expect(master().spec.template.metadata.labels.team).toBe('a');
    expect(worker().spec.template.metadata.labels.team).toBe('w');
    expect(fuse().spec.template.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false', note: 'all' });
    expect(container(worker(), 'alluxio-job-worker').volumeMounts).toContainEqual({ name: 'extra', mountPath: '/extra' });
    expect(names(master().spec.template.spec.volumes)).not.toContain('extra');
    expect(worker().spec.template.spec.volumes).toContainEqual({
      name: 'hdfs-confs',
      configMap: { name: 'hdfs-conf', items: [{ key: 'hdfs-site.xml', path: 'hdfs-site.xml' }, { key: 'core-site.xml', path: 'core-site.xml' }], optional: true },
    });
    expect(container(master(), 'alluxio-master').volumeMounts).toContainEqual({ name: 'hdfs-confs', mountPath: '/hdfs-config', readOnly: true });
    expect(javaOpts()).toContain('-Dalluxio.underfs.hdfs.configuration=/hdfs-config/hdfs-site.xml:/hdfs-config/core-site.xml');
  });

  it('restores master metadata from a backup PVC', () => {
    const { master, container } = render({ dataset: { ...DATASET, dataRestoreLocation: { path: 'pvc://backups/alluxio' } } });
    const m = container(master(), 'alluxio-master');
    expect(envOf(m).JOURNAL_BACKUP).toBe('/pvc/alluxio/metadata-backup-demo-team-a.gz');
    expect(m.volumeMounts[0]).toEqual({ name: 'pvc', mountPath: '/pvc' });
    expect(master().spec.template.spec.volumes).toContainEqual({ name: 'pvc', persistentVolumeClaim: { claimName: 'backups' } });
  });

  it('restores master metadata from a node folder, on that node', () => {
    const { master } = render({ dataset: { ...DATASET, dataRestoreLocation: { path: 'local:///backup', nodeName: 'node-1' } } });
    expect(master().spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'node-1' });
    expect(master().spec.template.spec.volumes).toContainEqual({ name: 'host', hostPath: { path: '/backup/', type: 'DirectoryOrCreate' } });
  });
});

describe('AlluxioRuntime check', () => {
  it('accepts a plain runtime', () => {
    expect(errorsOf({})).toEqual([]);
  });

  it('refuses an encrypt option that repeats an option, once per clash', () => {
    const secret = (name: string) => ({ name, valueFrom: { secretKeyRef: { name: 's', key: 'k' } } });
    const errors = errorsOf({
      dataset: {
        sharedOptions: { 'fs.shared': 'x' },
        sharedEncryptOptions: [secret('fs.shared')],
        mounts: [
          { mountPoint: 's3://a', name: 'a', options: { 'aws.key': 'v' }, encryptOptions: [secret('aws.key'), secret('fs.other'), secret('fs.other')] },
          { mountPoint: 's3://b', name: 'b' },
        ],
      },
    });
    expect(errors).toEqual([
      { object: 'dataset', path: 'spec.sharedEncryptOptions[0].name', message: 'option "fs.shared" is also set in spec.sharedOptions; set it once, in options or in encryptOptions' },
      { object: 'dataset', path: 'spec.mounts[0].encryptOptions[0].name', message: 'option "aws.key" is also set in spec.mounts[0].options; set it once, in options or in encryptOptions' },
      {
        object: 'dataset',
        path: 'spec.mounts[0].encryptOptions[2].name',
        message: 'option "fs.other" is also set in spec.mounts[0].encryptOptions[1]; set it once, in options or in encryptOptions',
      },
    ]);
  });

  it('ignores encrypt options of local:// and pvc:// mounts, which Alluxio never sees', () => {
    expect(errorsOf({ dataset: { mounts: [{ mountPoint: 'pvc://c', name: 'c', options: { k: 'v' }, encryptOptions: [{ name: 'k' }] }] } })).toEqual([]);
  });

  it('requires the Secret key an encrypt option reads', () => {
    const errors = errorsOf({ dataset: { mounts: [{ mountPoint: 's3://a', name: 'a', encryptOptions: [{ name: 'x' }, { name: 'y', valueFrom: { secretKeyRef: { name: 's' } } }] }] } });
    expect(errors).toEqual([
      { object: 'dataset', path: 'spec.mounts[0].encryptOptions[0].valueFrom.secretKeyRef', message: 'required: the Secret name and key that hold the value of this option' },
      {
        object: 'dataset',
        path: 'spec.mounts[0].encryptOptions[1].valueFrom.secretKeyRef.key',
        message: 'required: the key of Secret "s" that holds the value (the master reads /etc/fluid/secrets/s/<key>)',
      },
    ]);
  });

  it('refuses volume mounts of volumes not in spec.volumes', () => {
    expect(errorsOf({ runtime: { volumes: [{ name: 'a', emptyDir: {} }], fuse: { volumeMounts: [{ name: 'b', mountPath: '/b' }] } } })).toEqual([
      { object: 'runtime', path: 'spec.fuse.volumeMounts[0].name', message: 'no volume "b" in spec.volumes (volumes: a)' },
    ]);
    expect(errorsOf({ runtime: { master: { volumeMounts: [{ name: 'b', mountPath: '/b' }] } } })).toEqual([
      { object: 'runtime', path: 'spec.master.volumeMounts[0].name', message: 'no volume "b" in spec.volumes (spec.volumes is empty)' },
    ]);
  });

  it('requires a quota per tier and one quotaList entry per path', () => {
    expect(errorsOf({ runtime: { tieredstore: { levels: [{ mediumtype: 'SSD', path: '/a' }, { mediumtype: 'HDD', path: '/b,/c,/d', quotaList: '1Gi,2Gi' }] } } })).toEqual([
      { object: 'runtime', path: 'spec.tieredstore.levels[0]', message: 'set quota or quotaList: a cache tier needs a size' },
      { object: 'runtime', path: 'spec.tieredstore.levels[1].quotaList', message: 'has 2 quotas for 3 path(s) in path "/b,/c,/d"; give one quota per path' },
    ]);
  });

  it('refuses MEM tiers larger than the worker memory limit', () => {
    expect(errorsOf({ runtime: { worker: { resources: { limits: { memory: '1Gi' } } } } })).toEqual([
      {
        object: 'runtime',
        path: 'spec.worker.resources.limits.memory',
        message: 'is 1Gi, less than the 2Gi the MEM tiers of spec.tieredstore hold; raise the limit or lower the MEM quotas',
      },
    ]);
    expect(errorsOf({ runtime: { worker: { resources: { limits: { memory: '2Gi' } } } } })).toEqual([]);
  });

  it('refuses a fuse image tag that is no version', () => {
    expect(errorsOf({ runtime: { fuse: { imageTag: 'latest' } } })).toEqual([
      { object: 'runtime', path: 'spec.fuse.imageTag', message: 'expected a version such as "2.9.0" (Fluid compares it with 2.8.0 to choose the fuse arguments), got "latest"' },
    ]);
  });

  it('fails synth with the runtime and dataset named', () => {
    const docs = [
      { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: NAME, namespace: NS }, spec: { mounts: [{ mountPoint: 's3://a', name: 'a', options: { k: '1' }, encryptOptions: [{ name: 'k', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] } },
      { apiVersion: 'data.fluid.io/v1alpha1', kind: 'AlluxioRuntime', metadata: { name: NAME, namespace: NS }, spec: { fuse: { imageTag: 'latest' } } },
    ];
    const result = renderDocuments(docs, new EngineRegistry([alluxioEngine]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      'Dataset team-a/demo: spec.mounts[0].encryptOptions[0].name: option "k" is also set in spec.mounts[0].options; set it once, in options or in encryptOptions',
      'AlluxioRuntime team-a/demo: spec.fuse.imageTag: expected a version such as "2.9.0" (Fluid compares it with 2.8.0 to choose the fuse arguments), got "latest"',
    ]);
  });
});

describe('tier quotas in Alluxio units', () => {
  it.each([
    ['2Gi', '2GB'],
    ['100G', '100G'],
    ['1.5Gi', '1536MB'],
    ['1000M', '1G'],
    ['512', '512'],
  ])('%s is written %s', (text, alluxio) => {
    expect(toAlluxioUnit(canonicalQuantity(parseQuantity(text)!))).toBe(alluxio);
  });
});
