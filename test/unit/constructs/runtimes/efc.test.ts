// EFCRuntime: the objects Fluid's efc chart renders for the values its transform computes (checked by hand against
// `helm template` of charts/efc for the same values), the options each entrypoint gets, the worker's tier, ports and
// memory, the worker-endpoints ConfigMap, the PV Fluid's EFC engine writes, and every check error.
import type { EFCRuntimeSpec } from '../../../../crds/schema/efc-runtime';
import { efcEngine } from '../../../../constructs/runtimes/efc/engine';
import { endpointsJson, observeWorkers } from '../../../../constructs/runtimes/efc/endpoints';
import { parseMountPoint } from '../../../../constructs/runtimes/efc/mount-point';
import { efcHostPorts, efcValues } from '../../../../constructs/runtimes/efc/values';
import type { PodSummary } from '../../../../constructs/runtimes/render-input';
import { envOf, inputOf, Inputs, LIBRARY, namesOf, rendered } from './engine-fixtures';

const NAS = 'nfs://0a1b2c-xy12.cn-hangzhou.nas.aliyuncs.com:/shared/data';
const CPFS = 'cpfs://cpfs-01ab.cn-beijing.cpfs.aliyuncs.com:/share/models';
const dataset = (mountPoint = NAS) => ({ mounts: [{ name: 'nas', mountPoint }] });
const BASE = { kind: 'EFCRuntime', runtime: { replicas: 2, tieredstore: { levels: [{ mediumtype: 'MEM', volumeType: 'emptyDir', path: '/mnt/cache', quota: '10Gi' }] } }, dataset: dataset() };
const input = (i: Inputs = {}) => inputOf<EFCRuntimeSpec>(BASE, i);
const render = (i: Inputs = {}) => rendered(efcEngine, input(i));
const RELEASE = { app: 'efc', chart: 'efc-0.1.4', release: 'demo', heritage: 'fluid-cdk8s' };

describe('EFCRuntime objects', () => {
  it('renders the chart\'s objects, by name, and no Service', () => {
    expect(render().objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/demo-worker-endpoints',
      'DaemonSet/demo-fuse',
      'PersistentVolume/team-a-demo',
      'PersistentVolumeClaim/demo',
      'StatefulSet/demo-master',
      'StatefulSet/demo-worker',
    ]);
  });

  it('labels and selects each workload as its template does', () => {
    const r = render();
    const master = r.find('StatefulSet', 'demo-master');
    expect(master.metadata.labels).toEqual({ name: 'demo-master', ...RELEASE, role: 'efc-master', ...LIBRARY('efc') });
    expect(master.spec.selector.matchLabels).toEqual({ app: 'efc', role: 'efc-master', name: 'demo-master' });
    expect(master.spec.template.metadata.labels).toEqual({ 'sidecar.istio.io/inject': 'false', ...RELEASE, role: 'efc-master', name: 'demo-master' });
    expect(master.spec.serviceName).toBe('demo-master');

    const worker = r.find('StatefulSet', 'demo-worker');
    const datasetLabels = { 'fluid.io/dataset': 'team-a-demo', 'fluid.io/dataset-placement': 'Exclusive' };
    expect(worker.metadata.labels).toEqual({ ...RELEASE, role: 'efc-worker', ...LIBRARY('efc'), ...datasetLabels });
    expect(worker.spec.selector.matchLabels).toEqual({ app: 'efc', release: 'demo', role: 'efc-worker' });
    expect(worker.spec.template.metadata.labels).toEqual({ 'sidecar.istio.io/inject': 'false', ...RELEASE, role: 'efc-worker', ...LIBRARY('efc'), ...datasetLabels });
    expect(worker.spec.podManagementPolicy).toBe('Parallel');
    expect(r.built.statusSelector).toBe('app=efc,release=demo,role=efc-worker');

    const fuse = r.find('DaemonSet', 'demo-fuse');
    expect(fuse.spec.selector.matchLabels).toEqual({ ...RELEASE, role: 'efc-fuse' });
    expect(fuse.spec.template.metadata.labels).toEqual({ 'sidecar.istio.io/inject': 'false', ...RELEASE, role: 'efc-fuse' });
    expect(fuse.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(r.find('ConfigMap', 'demo-worker-endpoints').metadata.labels).toEqual({ ...RELEASE, role: 'efc-worker-endpoints', ...LIBRARY('efc') });
  });

  it('mounts the NAS folder in the master with options naming the runtime, and the runtime\'s properties in key order', () => {
    const r = render({ runtime: { master: { properties: { z_opt: '1', a_opt: '2' } } } });
    const master = r.find('StatefulSet', 'demo-master');
    const c = r.container(master, 'efc-master');
    expect(c.command).toEqual(['/entrypoint.sh']);
    expect(c.args).toEqual(['master', '0a1b2c-xy12.cn-hangzhou.nas.aliyuncs.com:/shared/data/', '/efc/efc-master', 'client_owner=team-a-demo-master,assign_uuid=team-a-demo-master,a_opt=2,z_opt=1']);
    expect(c.volumeMounts).toEqual([
      { name: 'efc-worker-endpoints', mountPath: '/etc/efc' },
      { name: 'mem', mountPath: '/dev/shm' },
      { name: 'efc-sock', mountPath: '/var/run/efc' },
    ]);
    expect(master.spec.template.spec.volumes).toEqual([
      { name: 'efc-worker-endpoints', configMap: { name: 'demo-worker-endpoints' } },
      { name: 'mem', emptyDir: { medium: 'Memory' } },
      { name: 'efc-sock', emptyDir: {} },
    ]);
    expect(master.spec.template.spec).toMatchObject({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet', terminationGracePeriodSeconds: 90, enableServiceLinks: false });
    expect(c.securityContext).toEqual({ privileged: false });
    expect(c.resources).toBeUndefined();
  });

  it('mounts CPFS over NFS v3', () => {
    const r = render({ dataset: dataset(CPFS) });
    expect(r.container(r.find('StatefulSet', 'demo-master'), 'efc-master').args).toEqual([
      'master', 'cpfs-01ab.cn-beijing.cpfs.aliyuncs.com:/share/models/', '/efc/efc-master', 'protocol=nfs3,client_owner=team-a-demo-master,assign_uuid=team-a-demo-master',
    ]);
    expect(r.container(r.find('DaemonSet', 'demo-fuse'), 'efc-fuse').args[3]).toBe('protocol=nfs3,g_tier_EnableClusterCache=true,g_tier_EnableClusterCachePrefetch=true,assign_uuid=team-a-demo-fuse');
  });

  it('gives the worker the first folder of its fastest tier, its whole GiB, and the tier as its memory request', () => {
    const r = render({ runtime: { tieredstore: { levels: [
      { mediumtype: 'SSD', path: '/mnt/ssd', quota: '100Gi' },
      { mediumtype: 'MEM', volumeType: 'emptyDir', path: '/mnt/a,/mnt/b/', quota: '5Gi' },
    ] } } });
    const worker = r.find('StatefulSet', 'demo-worker');
    const c = r.container(worker, 'efc-worker');
    // 5Gi over two folders: 2560Mi each, 2 whole GiB.
    expect(c.args).toEqual(['worker', 'cache_media=/mnt/a/team-a/demo,server_port=14555,cache_capacity_gb=2,tmpfs=true']);
    expect(c.ports).toEqual([{ containerPort: 14555, name: 'rpc' }]);
    expect(c.resources).toEqual({ requests: { memory: '2560Mi' } });
    expect(worker.spec.template.spec.volumes).toEqual([{ name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '2560Mi' } }]);
    expect(c.volumeMounts).toEqual([{ name: 'mem', mountPath: '/mnt/a/team-a/demo' }]);
    expect(worker.spec.replicas).toBe(2);
  });

  it('keeps a larger memory request of the user\'s, and asks none for a disk tier on a host path', () => {
    const bigger = render({ runtime: { worker: { resources: { requests: { memory: '20Gi', cpu: '1' } } } } });
    expect(bigger.container(bigger.find('StatefulSet', 'demo-worker'), 'efc-worker').resources).toEqual({ requests: { memory: '20Gi', cpu: '1' } });
    const smaller = render({ runtime: { worker: { resources: { requests: { memory: '1Gi' } } } } });
    expect(smaller.container(smaller.find('StatefulSet', 'demo-worker'), 'efc-worker').resources).toEqual({ requests: { memory: '10Gi' } });

    const disk = render({ runtime: { tieredstore: { levels: [{ mediumtype: 'HDD', path: '/data/efc,/data/more', quotaList: '3Gi,1Gi' }] } } });
    const worker = disk.find('StatefulSet', 'demo-worker');
    const c = disk.container(worker, 'efc-worker');
    expect(c.args[1]).toBe('cache_media=/data/efc/team-a/demo,server_port=14555,cache_capacity_gb=3');
    expect(c.resources).toBeUndefined();
    expect(worker.spec.template.spec.volumes).toEqual([{ name: 'hdd', hostPath: { path: '/data/efc/team-a/demo', type: 'DirectoryOrCreate' } }]);
  });

  it('gives the worker Fluid\'s default 1GB memory tier when the runtime declares none', () => {
    const r = render({ runtime: { tieredstore: undefined } });
    const worker = r.find('StatefulSet', 'demo-worker');
    expect(r.container(worker, 'efc-worker').args[1]).toBe('cache_media=/cache_dir/team-a/demo,server_port=14555,cache_capacity_gb=1,tmpfs=true');
    expect(worker.spec.template.spec.volumes).toEqual([{ name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } }]);
  });

  it('allocates the worker\'s RPC port on the host network and uses 14555 in container network', () => {
    expect(efcHostPorts(input())).toEqual(['worker-rpc']);
    expect(efcHostPorts(input({ runtime: { worker: { networkMode: 'ContainerNetwork' } } }))).toEqual([]);
    const allocated = rendered(efcEngine, { ...input(), ports: { 'worker-rpc': 20123 } });
    const c = allocated.container(allocated.find('StatefulSet', 'demo-worker'), 'efc-worker');
    expect(c.args[1]).toContain('server_port=20123');
    expect(c.ports).toEqual([{ containerPort: 20123, name: 'rpc' }]);
    const container = rendered(efcEngine, { ...input({ runtime: { worker: { networkMode: 'ContainerNetwork' } } }), ports: { 'worker-rpc': 20123 } });
    const worker = container.find('StatefulSet', 'demo-worker');
    expect(container.container(worker, 'efc-worker').ports).toEqual([{ containerPort: 14555, name: 'rpc' }]);
    expect(worker.spec.template.spec.hostNetwork).toBeUndefined();
  });

  it('runs the fuse on labelled nodes with the user\'s selector, the Dataset\'s tolerations only, and the session manager\'s folder', () => {
    const toleration = { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' };
    const r = render({ runtime: { fuse: { nodeSelector: { pool: 'a' } } }, dataset: { ...dataset(), tolerations: [toleration] } });
    const fuse = r.find('DaemonSet', 'demo-fuse');
    const c = r.container(fuse, 'efc-fuse');
    expect(c.args).toEqual(['fuse', '0a1b2c-xy12.cn-hangzhou.nas.aliyuncs.com:/shared/data/', '/efc/efc-fuse', 'g_tier_EnableClusterCache=true,g_tier_EnableClusterCachePrefetch=true,assign_uuid=team-a-demo-fuse']);
    expect(envOf(c)).toEqual({ FLUID_RUNTIME_TYPE: 'efc', FLUID_RUNTIME_NS: 'team-a', FLUID_RUNTIME_NAME: 'demo' });
    expect(c.securityContext).toEqual({ privileged: true });
    expect(fuse.spec.template.spec.nodeSelector).toEqual({ pool: 'a', 'fluid.io/f-team-a-demo': 'true' });
    expect(fuse.spec.template.spec.tolerations).toEqual([toleration]);
    expect(fuse.spec.template.spec.priorityClassName).toBe('system-node-critical');
    expect(fuse.spec.template.spec.volumes).toEqual([
      { name: 'efc-worker-endpoints', configMap: { name: 'demo-worker-endpoints' } },
      { name: 'efc-shm', emptyDir: { medium: 'Memory' } },
      { name: 'efc-sock', hostPath: { path: '/runtime-mnt/efc-sock', type: 'Directory' } },
      { name: 'efc-fuse-mount', hostPath: { path: '/runtime-mnt/efc/team-a/demo', type: 'DirectoryOrCreate' } },
    ]);
    expect(c.volumeMounts).toContainEqual({ name: 'efc-fuse-mount', mountPath: '/efc', mountPropagation: 'Bidirectional' });
    expect(r.find('StatefulSet', 'demo-worker').spec.template.spec.tolerations).toEqual([toleration]);
    const noCritical = render({ env: { CRITICAL_FUSE_POD: 'false' } });
    expect(noCritical.find('DaemonSet', 'demo-fuse').spec.template.spec.priorityClassName).toBeUndefined();
  });

  it('drops the cluster cache from the fuse and the workers when the worker is disabled, and the master when it is', () => {
    const r = render({ runtime: { worker: { disabled: true }, master: { disabled: true } } });
    expect(r.container(r.find('DaemonSet', 'demo-fuse'), 'efc-fuse').args[3]).toBe('assign_uuid=team-a-demo-fuse');
    expect(r.find('StatefulSet', 'demo-worker').spec.replicas).toBe(0);
    expect(r.find('StatefulSet', 'demo-master').spec.replicas).toBe(0);
    expect(render({ runtime: { master: { replicas: 3 } } }).find('StatefulSet', 'demo-master').spec.replicas).toBe(3);
  });

  it('takes images from the runtime, else the controller\'s variables, else Fluid\'s defaults', () => {
    const r = render({ runtime: { master: { version: { image: 'my/master', imageTag: 'v1', imagePullPolicy: 'Always' } } }, env: { EFC_WORKER_IMAGE_ENV: 'mirror/efc-worker:v2', IMAGE_PULL_SECRETS: 'regcred' } });
    const master = r.container(r.find('StatefulSet', 'demo-master'), 'efc-master');
    expect([master.image, master.imagePullPolicy]).toEqual(['my/master:v1', 'Always']);
    expect(r.container(r.find('StatefulSet', 'demo-worker'), 'efc-worker').image).toBe('mirror/efc-worker:v2');
    expect(r.container(r.find('DaemonSet', 'demo-fuse'), 'efc-fuse').image).toBe('registry.cn-zhangjiakou.aliyuncs.com/nascache/efc-fuse:latest');
    expect(r.find('DaemonSet', 'demo-fuse').spec.template.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });

  it('writes the PV Fluid\'s EFC engine writes: its mount type, the session manager\'s folder, the fuse selector as node affinity', () => {
    const r = render({ runtime: { fuse: { nodeSelector: { pool: 'a' } } }, mountRoot: '/mnt/fluid' });
    const pv = r.find('PersistentVolume', 'team-a-demo');
    expect(pv.spec.csi.volumeAttributes).toEqual({
      fluid_path: '/mnt/fluid/efc/team-a/demo/efc-fuse',
      mount_type: 'alifuse.aliyun-alinas-efc',
      runtime_namespace: 'team-a',
      runtime_name: 'demo',
      efc_sessmgr_workdir: '/mnt/fluid/efc-sock',
    });
    // The fuse shares that folder with the session manager: under the same mount root, not the chart's /runtime-mnt.
    expect(r.find('DaemonSet', 'demo-fuse').spec.template.spec.volumes).toContainEqual({ name: 'efc-sock', hostPath: { path: '/mnt/fluid/efc-sock', type: 'Directory' } });
    expect(pv.spec.nodeAffinity).toEqual({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['a'] }] }] } });
    expect(pv.metadata.labels).toMatchObject({ 'fluid.io/s-team-a-demo': 'true', 'fluid.io/dataset-id': 'team-a-demo' });
  });
});

describe('EFC worker endpoints', () => {
  const pod = (name: string, podIP: string, over: Partial<PodSummary> = {}): PodSummary => ({
    name, podIP, deleting: false, phase: 'Running', labels: { app: 'efc', release: 'demo', role: 'efc-worker' }, ...over,
  });

  it('lists the running workers of this runtime with an address, by pod name', () => {
    const observed = observeWorkers([
      pod('demo-worker-1', '10.0.0.2'),
      pod('demo-worker-0', '10.0.0.1'),
      pod('demo-worker-2', ''),
      pod('demo-worker-3', '10.0.0.4', { phase: 'Pending' }),
      pod('demo-worker-4', '10.0.0.5', { deleting: true }),
      pod('other-worker-0', '10.0.0.6', { labels: { app: 'efc', release: 'other', role: 'efc-worker' } }),
      pod('demo-master-0', '10.0.0.7', { labels: { app: 'efc', release: 'demo', role: 'efc-master' } }),
    ], 'demo');
    expect(observed.componentPods?.worker?.map((p) => p.podName)).toEqual(['demo-worker-0', 'demo-worker-1']);
    const r = rendered(efcEngine, { ...input(), observed });
    expect(r.find('ConfigMap', 'demo-worker-endpoints').data).toEqual({ 'efc-worker-endpoints.json': '{"containerendpoints":["10.0.0.1:14555","10.0.0.2:14555"]}' });
  });

  it('keeps the chart\'s empty list until a worker runs', () => {
    expect(endpointsJson(efcValues(input()), [])).toBe('{"containerendpoints":[]}\n');
    expect(render().find('ConfigMap', 'demo-worker-endpoints').data).toEqual({ 'efc-worker-endpoints.json': '{"containerendpoints":[]}\n' });
  });
});

describe('EFC mount points', () => {
  it('reads a NAS mount point as Fluid does: the id up to its first hyphen, the region, the folder', () => {
    expect(parseMountPoint(` ${NAS} `)).toEqual({
      ok: true,
      info: { mountPoint: '0a1b2c-xy12.cn-hangzhou.nas.aliyuncs.com:/shared/data/', protocol: 'nfs', fileSystemId: '0a1b2c', serviceAddr: 'cn-hangzhou', dirPath: '/shared/data/' },
    });
    expect(parseMountPoint(CPFS)).toEqual({
      ok: true,
      info: { mountPoint: 'cpfs-01ab.cn-beijing.cpfs.aliyuncs.com:/share/models/', protocol: 'cpfs', fileSystemId: 'cpfs-01ab', serviceAddr: 'cn-beijing', dirPath: '/models/' },
    });
  });
});

describe('EFCRuntime checks', () => {
  const errorsOf = (i: Inputs) => efcEngine.check(input(i));

  it('accepts the base runtime', () => {
    expect(errorsOf({})).toEqual([]);
  });

  it.each([
    ['no mount', { dataset: {} }, [{ object: 'dataset', path: 'spec.mounts', message: expect.stringMatching(/^required: EFCRuntime mounts the first mount point/) }]],
    ['another scheme', { dataset: dataset('s3://bucket/data') }, [{ object: 'dataset', path: 'spec.mounts[0].mountPoint', message: expect.stringContaining('EFCRuntime mounts NAS (nfs://') }]],
    ['a NAS host of another form', { dataset: dataset('nfs://10.0.0.1:/data') }, [{ object: 'dataset', path: 'spec.mounts[0].mountPoint', message: '"nfs://10.0.0.1:/data" is not a NAS mount point of the form nfs://<id>.<region>.nas.aliyuncs.com:/<dir>' }]],
    ['a CPFS path outside /share', { dataset: dataset('cpfs://cpfs-01.cn-beijing.cpfs.aliyuncs.com:/data') }, [{ object: 'dataset', path: 'spec.mounts[0].mountPoint', message: expect.stringContaining('is not a CPFS mount point') }]],
    ['a worker tier under 1Gi', { runtime: { tieredstore: { levels: [{ mediumtype: 'MEM', path: '/m', quota: '512Mi' }] } } }, [{ object: 'runtime', path: 'spec.tieredstore.levels[0].quota', message: "the worker's cache folder gets 512MB; EFC needs at least 1Gi" }]],
    ['a worker tier split under 1Gi', { runtime: { tieredstore: { levels: [{ mediumtype: 'SSD', path: '/a,/b', quotaList: '1Gi,100Mi' }, { mediumtype: 'MEM', path: '/m', quota: '600Mi' }] } } }, [{ object: 'runtime', path: 'spec.tieredstore.levels[1].quota', message: expect.stringContaining('gets 600MB') }]],
    ['a memory limit below the tier', { runtime: { worker: { resources: { limits: { memory: '8Gi' } } } } }, [{ object: 'runtime', path: 'spec.worker.resources.limits.memory', message: "8Gi is below the worker's memory tier of 10Gi (spec.tieredstore.levels[0].quota)" }]],
    ['a tier without a size', { runtime: { tieredstore: { levels: [{ mediumtype: 'MEM', path: '/m' }] } } }, [{ object: 'runtime', path: 'spec.tieredstore.levels[0]', message: 'set quota or quotaList: a cache tier needs a size' }]],
  ])('reports %s', (_what, i, errors) => {
    expect(errorsOf(i as Inputs)).toEqual(errors);
  });

  it('names no volume twice in any pod', () => {
    for (const o of render().objects.filter((x) => x.spec?.template)) {
      const names = namesOf(o.spec.template.spec.volumes);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
