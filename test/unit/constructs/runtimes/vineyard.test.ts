// VineyardRuntime: the objects Fluid's vineyard chart renders for the values its transform computes (etcd master,
// vineyardd workers with their Service, the socket client and its rpc-conf), the worker memory Fluid's Go step and
// chart step arrive at, host ports, the symlink-published PV, and every check error.
import type { VineyardRuntimeSpec } from '../../../../crds/schema/vineyard-runtime';
import { EngineRegistry } from '../../../../constructs/runtimes/engine-registry';
import { vineyardEngine } from '../../../../constructs/runtimes/vineyard/engine';
import { workerResources } from '../../../../constructs/runtimes/vineyard/resources';
import { vineyardHostPorts } from '../../../../constructs/runtimes/vineyard/values';
import { renderDocuments } from '../../../../constructs/render-documents';
import { envOf, inputOf, Inputs, NAME, namesOf, NS, rendered } from './engine-fixtures';

const BASE = { kind: 'VineyardRuntime', runtime: { replicas: 2, tieredstore: { levels: [{ mediumtype: 'MEM', quota: '20Gi' }] } }, dataset: {} };
const input = (i: Inputs = {}) => inputOf<VineyardRuntimeSpec>(BASE, i);
const render = (i: Inputs = {}) => rendered(vineyardEngine, input(i));

describe('VineyardRuntime objects', () => {
  it('renders the chart\'s objects, by name', () => {
    expect(render().objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/demo-rpc-conf',
      'DaemonSet/demo-fuse',
      'PersistentVolume/team-a-demo',
      'PersistentVolumeClaim/demo',
      'Service/demo-master',
      'Service/demo-worker',
      'StatefulSet/demo-master',
      'StatefulSet/demo-worker',
    ]);
  });

  it('runs one etcd member per master replica, all listed in --initial-cluster', () => {
    const r = render({ runtime: { master: { replicas: 3 } } });
    const master = r.find('StatefulSet', 'demo-master');
    expect(master.spec.replicas).toBe(3);
    const command: string[] = r.container(master, 'vineyard-master').command;
    expect(command).toContain(
      '--initial-cluster=demo-master-0=http://demo-master-0.demo-master.team-a:2380,demo-master-1=http://demo-master-1.demo-master.team-a:2380,demo-master-2=http://demo-master-2.demo-master.team-a:2380',
    );
    expect(command).toContain('--advertise-client-urls=http://$(POD_NAME).demo-master.team-a:2379');
    expect(r.container(master, 'vineyard-master').securityContext).toEqual({ runAsUser: 1001, runAsNonRoot: true, privileged: false });
    expect(master.spec.template.spec.volumes).toEqual([{ name: 'etcd-data', emptyDir: {} }]);
  });

  it('points each worker at every etcd member, with the chart\'s fixed options and the MEM tier as its size', () => {
    const r = render({ runtime: { master: { replicas: 2 } } });
    const worker = r.find('StatefulSet', 'demo-worker');
    const c = r.container(worker, 'vineyard-worker');
    expect(c.command).toEqual([
      '/usr/local/bin/vineyardd', '--socket', '/var/run/vineyard/vineyard-worker.sock', '--size', '20Gi', '--reserve_memory',
      '--meta_timeout', '120', '--etcd_prefix', '/vineyard',
      '--etcd_endpoint', 'http://demo-master-0.demo-master.team-a:2379,http://demo-master-1.demo-master.team-a:2379',
      '--rpc_socket_port', '9600',
    ]);
    expect(worker.spec.replicas).toBe(2);
    expect(worker.spec.serviceName).toBe('demo-worker');
    expect(worker.spec.template.spec.volumes).toEqual([{ name: 'vineyard-socket-volume', hostPath: { path: '/runtime-mnt/vineyard/team-a/demo', type: 'DirectoryOrCreate' } }]);
    expect(worker.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions).toEqual([
      { key: 'app.kubernetes.io/instance', operator: 'In', values: ['team-a-demo-worker'] },
    ]);
    expect(r.find('Service', 'demo-worker').spec.ports.map((p: { name: string; port: number }) => `${p.name}:${p.port}`)).toEqual(['rpc:9600', 'metrics:9144']);
  });

  it('gives the client the first master\'s etcd, its options as upper-case variables, and the workers\' RPC endpoints', () => {
    const r = render({ runtime: { fuse: { options: { size: '1Gi' }, env: { B: '2', A: '1' } } } });
    const fuse = r.find('DaemonSet', 'demo-fuse');
    const c = r.container(fuse, 'vineyard-fuse');
    expect(c.env!.map((e: { name: string }) => e.name)).toEqual(['MOUNT_DIR', 'FUSE_DIR', 'RPC_CONF_DIR', 'PRESTOP_MARKER', 'ETCD_ENDPOINT', 'ETCD_PREFIX', 'SIZE', 'A', 'B']);
    expect(envOf(c)).toMatchObject({
      MOUNT_DIR: '/runtime-mnt/vineyard/team-a/demo',
      FUSE_DIR: '/runtime-mnt/vineyard/team-a/demo/vineyard-fuse',
      RPC_CONF_DIR: '/runtime-mnt/vineyard/team-a/demo/vineyard-fuse/rpc-conf',
      ETCD_ENDPOINT: 'http://demo-master-0.demo-master.team-a:2379',
      ETCD_PREFIX: '/vineyard',
      SIZE: '1Gi',
    });
    expect(fuse.spec.template.spec.nodeSelector).toEqual({ 'fluid.io/f-team-a-demo': 'true' });
    expect(fuse.spec.template.spec.priorityClassName).toBeUndefined();
    expect(fuse.spec.template.metadata.labels.heritage).toBeUndefined();
    expect(namesOf(fuse.spec.template.spec.volumes)).toEqual(['vineyard-rpc-conf', 'vineyard-fuse-mount']);
    expect(r.find('ConfigMap', 'demo-rpc-conf').data).toEqual({ VINEYARD_RPC_ENDPOINT: 'demo-worker-0.demo-worker.team-a:9600,demo-worker-1.demo-worker.team-a:9600' });
  });

  it('gives the client the master\'s resources, as the chart does', () => {
    const r = render({ runtime: { master: { resources: { limits: { cpu: '1' } } }, fuse: { resources: { limits: { memory: '2Gi' } } } } });
    expect(r.container(r.find('DaemonSet', 'demo-fuse'), 'vineyard-fuse').resources).toEqual({ limits: { cpu: '1' } });
  });

  it('publishes the PV by symlink, whatever the runtime\'s metadataList says', () => {
    const other = JSON.stringify([{ labels: { team: 'x' }, selector: { kind: 'PersistentVolume' } }]);
    const r = render({ annotations: { 'data.fluid.io/metadataList': other } });
    const pv = r.find('PersistentVolume', 'team-a-demo');
    expect(pv.metadata.labels['fluid.io/node-publish-method']).toBe('symlink');
    expect(pv.metadata.labels.team).toBeUndefined();
    expect(pv.spec.csi.volumeAttributes).toMatchObject({ mount_type: 'vineyard-fuse', fluid_path: '/runtime-mnt/vineyard/team-a/demo/vineyard-fuse', node_publish_method: 'symlink' });
  });
});

describe('VineyardRuntime network and ports', () => {
  it('asks for both master and both worker ports on the host network (the default), none on the container network', () => {
    expect(vineyardHostPorts(input())).toEqual(['master-client', 'master-peer', 'worker-rpc', 'worker-exporter']);
    const container = { master: { networkMode: 'ContainerNetwork' }, worker: { networkMode: 'ContainerNetwork' } };
    expect(vineyardHostPorts(input({ runtime: container }))).toEqual([]);
  });

  it('uses the allocated ports everywhere they appear', () => {
    const i = { ...input(), ports: { 'master-client': 20001, 'master-peer': 20002, 'worker-rpc': 20003, 'worker-exporter': 20004 } };
    const r = rendered(vineyardEngine, i);
    const master = r.find('StatefulSet', 'demo-master');
    expect(master.spec.template.spec.hostNetwork).toBe(true);
    expect(r.container(master, 'vineyard-master').command).toContain('--listen-client-urls=http://0.0.0.0:20001');
    expect(r.container(r.find('StatefulSet', 'demo-worker'), 'vineyard-worker').command).toEqual(expect.arrayContaining(['http://demo-master-0.demo-master.team-a:20001', '20003']));
    expect(r.find('ConfigMap', 'demo-rpc-conf').data.VINEYARD_RPC_ENDPOINT).toContain(':20003');
    expect(envOf(r.container(r.find('DaemonSet', 'demo-fuse'), 'vineyard-fuse')).ETCD_ENDPOINT).toBe('http://demo-master-0.demo-master.team-a:20001');
  });

  it('puts the master on the host network by the worker\'s networkMode, as Fluid does', () => {
    const r = render({ runtime: { master: { networkMode: 'HostNetwork' }, worker: { networkMode: 'ContainerNetwork' } } });
    expect(r.find('StatefulSet', 'demo-master').spec.template.spec.hostNetwork).toBeUndefined();
  });
});

describe('VineyardRuntime worker memory', () => {
  it('asks for the tier plus 500Mi when the runtime names no memory', () => {
    expect(workerResources(undefined, '20Gi')).toEqual({ limits: { memory: '20980Mi' }, requests: { memory: '20980Mi' } });
    // Quantity.Add keeps the tier's decimal format.
    expect(workerResources(undefined, '4G')).toEqual({ limits: { memory: '4524288k' }, requests: { memory: '4524288k' } });
  });

  it('keeps a request that already covers the tier and its overhead, and a larger limit', () => {
    const own = { requests: { cpu: '2', memory: '30Gi' }, limits: { memory: '40Gi' } };
    expect(workerResources(own, '20Gi')).toEqual(own);
  });

  it('raises a request within 500Mi above the tier, and a limit below the new request', () => {
    const own = { requests: { memory: '20200Mi' }, limits: { memory: '20300Mi' } };
    expect(workerResources(own, '20Gi')).toEqual({ limits: { memory: '20980Mi' }, requests: { memory: '20980Mi' } });
  });

  it('raises a request below the tier, keeping a larger limit', () => {
    const own = { requests: { memory: '1Gi' }, limits: { memory: '64Gi' } };
    expect(workerResources(own, '20Gi')).toEqual({ limits: { memory: '64Gi' }, requests: { memory: '20980Mi' } });
  });
});

describe('VineyardRuntime checks', () => {
  const errorsOf = (runtime: Record<string, unknown>) => vineyardEngine.check(inputOf<VineyardRuntimeSpec>({ ...BASE, runtime }, {}));

  it('needs a MEM level with a quota', () => {
    expect(errorsOf({ tieredstore: { levels: [] } })).toEqual([
      { object: 'runtime', path: 'spec.tieredstore.levels', message: 'required: VineyardRuntime keeps its objects in a MEM level; add one with a quota, for example 4Gi' },
    ]);
    expect(errorsOf({ tieredstore: { levels: [{ mediumtype: 'SSD', path: '/mnt/spill', quota: '10Gi' }] } })).toEqual([
      { object: 'runtime', path: 'spec.tieredstore.levels', message: 'needs a level with mediumtype MEM: its quota is the shared memory of each worker' },
    ]);
    expect(errorsOf({ tieredstore: { levels: [{ mediumtype: 'MEM' }] } })).toEqual([
      { object: 'runtime', path: 'spec.tieredstore.levels[0].quota', message: 'required: the shared memory of each worker, for example 4Gi' },
    ]);
  });

  it('needs every volumeMount to name a volume of spec.volumes', () => {
    const runtime = { ...BASE.runtime, volumes: [{ name: 'data', emptyDir: {} }], master: { volumeMounts: [{ name: 'data', mountPath: '/d' }] }, worker: { volumeMounts: [{ name: 'nope', mountPath: '/n' }] } };
    expect(errorsOf(runtime)).toEqual([{ object: 'runtime', path: 'spec.worker.volumeMounts[0].name', message: '"nope" is not a volume of spec.volumes' }]);
  });
});

describe('VineyardRuntime from files', () => {
  it('renders with a Dataset that has no spec at all, as Fluid\'s own samples write it', () => {
    const docs = [
      { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: NAME, namespace: NS } },
      { apiVersion: 'data.fluid.io/v1alpha1', kind: 'VineyardRuntime', metadata: { name: NAME, namespace: NS }, spec: BASE.runtime },
    ];
    const result = renderDocuments(docs, new EngineRegistry([vineyardEngine]));
    expect(result.ok).toBe(true);
  });
});
