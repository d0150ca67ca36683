// JindoRuntime (jindocache engine): the objects Fluid's jindocache chart renders, asserted by name; the values
// Fluid's transform computes (ports, tiers, properties, fuse arguments); credentials mounted and never copied; and
// every check error with its full message.
import type { JindoRuntimeSpec } from '../../../../crds/schema/jindo-runtime';
import { EngineRegistry } from '../../../../constructs/runtimes/engine-registry';
import { jindoEngine } from '../../../../constructs/runtimes/jindo/engine';
import { renderDocuments } from '../../../../constructs/render-documents';
import { envOf, inputOf, Inputs, LIBRARY, NAME, namesOf, NS, Obj, pathsContaining, rendered } from './engine-fixtures';

const BASE = {
  kind: 'JindoRuntime',
  runtime: { replicas: 2, tieredstore: { levels: [{ mediumtype: 'SSD', path: '/mnt/cache', quota: '10Gi', high: '0.9', low: '0.7' }] } },
  dataset: { mounts: [{ mountPoint: 'oss://bucket-a/data/', name: 'data', options: { 'fs.oss.endpoint': 'oss-cn-hangzhou-internal.aliyuncs.com' } }] },
};

const input = (i: Inputs = {}) => inputOf<JindoRuntimeSpec>(BASE, i);
const errorsOf = (i: Inputs) => jindoEngine.check(input(i));

function render(i: Inputs = {}) {
  const r = rendered(jindoEngine, input(i));
  const master = () => r.find('StatefulSet', 'demo-jindofs-master');
  const worker = () => r.find('StatefulSet', 'demo-jindofs-worker');
  const fuse = () => r.find('DaemonSet', 'demo-jindofs-fuse');
  const config = () => r.find('ConfigMap', 'demo-jindofs-config').data as Record<string, string>;
  const cfgLines = (file = 'jindocache.cfg') => config()[file].split('\n');
  return { ...r, master, worker, fuse, config, cfgLines };
}

const volume = (w: Obj, name: string) => w.spec.template.spec.volumes.find((v: { name: string }) => v.name === name);
const mountsOf = (c: { [key: string]: any }) => ((c.volumeMounts ?? []) as { name: string; mountPath: string }[]).map((m) => `${m.name}:${m.mountPath}`);

const RELEASE = { app: 'jindofs', chart: 'jindofs-1.0.5', release: NAME, heritage: 'fluid-cdk8s' };

describe('JindoRuntime objects', () => {
  it('renders both ConfigMaps, the master Service, master, workers, fuse, PV and PVC in apply order', () => {
    const { objects } = render();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/demo-jindofs-client-config',
      'ConfigMap/demo-jindofs-config',
      'Service/demo-jindofs-master-0',
      'StatefulSet/demo-jindofs-master',
      'StatefulSet/demo-jindofs-worker',
      'DaemonSet/demo-jindofs-fuse',
      'PersistentVolume/team-a-demo',
      'PersistentVolumeClaim/demo',
    ]);
    expect(JSON.stringify(objects)).not.toMatch(/cdk8s\.io|runAsNonRoot|automountServiceAccountToken|startupProbe/);
  });

  it('reports the workloads, the volume and a status selector matching the worker pods', () => {
    expect(render().built).toEqual({
      master: { kind: 'StatefulSet', name: 'demo-jindofs-master', replicas: 1 },
      workers: { kind: 'StatefulSet', name: 'demo-jindofs-worker', replicas: 2 },
      fuse: { kind: 'DaemonSet', name: 'demo-jindofs-fuse' },
      volume: { fluidPath: '/runtime-mnt/jindo/team-a/demo/jindofs-fuse', mountType: 'jindo', fuseNodeSelector: undefined },
      statusSelector: 'app=jindofs,release=demo,role=jindofs-worker',
    });
  });

  it('gives the PV the CSI attributes and node affinity the Fluid CSI plugin reads', () => {
    const { find } = render({ runtime: { fuse: { nodeSelector: { pool: 'gpu' } } }, mountRoot: '/mnt/fluid' });
    const pv = find('PersistentVolume', 'team-a-demo');
    expect(pv.spec.csi.volumeAttributes).toEqual({
      fluid_path: '/mnt/fluid/jindo/team-a/demo/jindofs-fuse',
      mount_type: 'jindo',
      runtime_namespace: NS,
      runtime_name: NAME,
      mount_pod_node_selector_key: 'fluid.io/f-team-a-demo',
    });
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms).toEqual([{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['gpu'] }] }]);
  });

  it('reads the metadataList annotation with Go JSON rules, so "Labels" counts as in Fluid\'s e2e sample', () => {
    const annotations = { 'data.fluid.io/metadataList': '[{"Labels":{"fluid.io/node-publish-method":"symlink"},"selector":{"kind":"PersistentVolume"}}]' };
    const pv = render({ annotations }).find('PersistentVolume', 'team-a-demo');
    expect(pv.metadata.labels['fluid.io/node-publish-method']).toBe('symlink');
    expect(pv.spec.csi.volumeAttributes.node_publish_method).toBe('symlink');
  });

  it('labels and selects the master, and publishes each master pod through its own headless Service', () => {
    const { master, find } = render();
    const sts = master();
    expect(sts.metadata.labels).toEqual({ ...RELEASE, role: 'jindofs-master', ...LIBRARY('jindofs'), name: 'demo-jindofs-master' });
    expect(sts.spec.selector.matchLabels).toEqual({ app: 'jindofs', role: 'jindofs-master', name: 'demo-jindofs-master' });
    expect(sts.spec.serviceName).toBe('jindofs-master');
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.podManagementPolicy).toBe('OrderedReady');
    expect(sts.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(sts.spec.template.metadata.labels).toEqual({ ...RELEASE, role: 'jindofs-master', ...LIBRARY('jindofs'), name: 'demo-jindofs-master' });
    expect(sts.spec.template.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false' });
    const svc = find('Service', 'demo-jindofs-master-0');
    expect(svc.metadata.labels).toEqual({ ...RELEASE, role: 'jindofs-master', ...LIBRARY('jindofs') });
    expect(svc.spec.selector).toEqual({ role: 'jindofs-master', app: 'jindofs', release: NAME, 'statefulset.kubernetes.io/pod-name': 'demo-jindofs-master-0' });
    expect(svc.spec.ports).toEqual([{ name: 'rpc', port: 8101, targetPort: 8101, protocol: 'TCP' }]);
  });

  it('runs the master as root on the host network with its config files and cache folder', () => {
    const { master, container } = render();
    const pod = master().spec.template.spec;
    const c = container(master(), 'jindofs-master');
    expect(pod.hostNetwork).toBe(true);
    expect(pod.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(pod.securityContext).toEqual({ runAsUser: 0, runAsGroup: 0 });
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight).toBe(100);
    expect(c.image).toBe('registry.cn-shanghai.aliyuncs.com/jindofs/smartdata:6.9.1-202509151826');
    expect(c.imagePullPolicy).toBe('Always');
    expect([c.command, c.args]).toEqual([['/entrypoint.sh'], ['master']]);
    expect(c.ports).toEqual([{ containerPort: 8101, name: 'rpc' }]);
    expect(envOf(c)).toEqual({ CLIENT_NAMESPACE_RPC_ADDRESS: 'demo-jindofs-master-0.team-a:8101', NAMESPACE_BACKEND_RAFT_HOSTNAME: 'demo-jindofs-master-0.team-a' });
    expect(mountsOf(c)).toEqual([
      'bigboot-config:/jindocache.cfg',
      'bigboot-config:/cacheset.xml',
      'bigboot-config:/jindosdk.cfg',
      'datavolume-1:/mnt/cache/team-a/demo/jindocache',
    ]);
    expect(volume(master(), 'datavolume-1')).toEqual({ name: 'datavolume-1', hostPath: { path: '/mnt/cache/team-a/demo/jindocache', type: 'DirectoryOrCreate' } });
    expect(volume(master(), 'bigboot-config')).toEqual({ name: 'bigboot-config', configMap: { name: 'demo-jindofs-config' } });
  });

  it('runs three raft masters, each with a Service publishing rpc and raft', () => {
    const { master, container, objects, cfgLines, find } = render({ runtime: { master: { replicas: 3 } } });
    expect(objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name)).toEqual(['demo-jindofs-master-0', 'demo-jindofs-master-1', 'demo-jindofs-master-2']);
    expect(find('Service', 'demo-jindofs-master-2').spec.ports.map((p: { name: string; port: number }) => `${p.name}:${p.port}`)).toEqual(['rpc:8101', 'raft:8103']);
    expect(master().spec.replicas).toBe(3);
    const c = container(master(), 'jindofs-master');
    expect(c.ports).toEqual([
      { containerPort: 8101, name: 'rpc' },
      { containerPort: 8103, name: 'raft' },
    ]);
    const hosts = [0, 1, 2].map((i) => `demo-jindofs-master-${i}.team-a`);
    expect(envOf(c)).toEqual({
      CLIENT_NAMESPACE_RPC_ADDRESS: hosts.map((h) => `${h}:8101`).join(','),
      NAMESPACE_BACKEND_RAFT_INITIAL_CONF: hosts.map((h) => `${h}:8103:0`).join(','),
      NAMESPACE_BACKEND_RAFT_HOSTNAME: hosts.join(','),
    });
    expect(cfgLines()).toContain('namespace.backend.type = raft');
    expect(cfgLines()).toContain('namespace.backend.raft.initial-conf = demo-jindofs-master-0:8103:0,demo-jindofs-master-1:8103:0,demo-jindofs-master-2:8103:0');
    expect(cfgLines()).toContain(`fs.jindocache.namespace.rpc.address = ${hosts.map((h) => `${h}:8101`).join(',')}`);
  });

  it('labels and selects the workers, with dataset labels, Fluid affinity and spec.replicas', () => {
    const { worker, container } = render({ dataset: { ...BASE.dataset, tolerations: [{ key: 'gpu', operator: 'Exists' }] }, runtime: { worker: { tolerations: [{ key: 'cache', operator: 'Exists' }], nodeSelector: { disk: 'ssd' } } } });
    const sts = worker();
    const dataset = { 'fluid.io/dataset': `${NS}-${NAME}`, 'fluid.io/dataset-placement': 'Exclusive' };
    expect(sts.metadata.labels).toEqual({ ...RELEASE, role: 'jindofs-worker', ...LIBRARY('jindofs'), ...dataset });
    expect(sts.spec.selector.matchLabels).toEqual({ app: 'jindofs', release: NAME, role: 'jindofs-worker' });
    expect(sts.spec.serviceName).toBe('demo-jindofs-worker');
    expect(sts.spec.replicas).toBe(2);
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
    expect(sts.spec.template.metadata.labels).toEqual({ ...RELEASE, role: 'jindofs-worker', ...LIBRARY('jindofs'), ...dataset });
    const pod = sts.spec.template.spec;
    expect(pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].key).toBe('fluid.io/f-team-a-demo');
    expect(pod.tolerations).toEqual([
      { key: 'gpu', operator: 'Exists' },
      { key: 'cache', operator: 'Exists' },
    ]);
    expect(pod.nodeSelector).toEqual({ disk: 'ssd' });
    const c = container(sts, 'jindofs-worker');
    expect([c.command, c.args, c.ports]).toEqual([['/entrypoint.sh'], ['worker'], [{ containerPort: 6101, name: 'rpc' }]]);
    expect(envOf(c)).toEqual({
      STORAGE_NAMESPACE_RPC_ADDRESS: 'demo-jindofs-master-0.team-a:8101',
      CLIENT_NAMESPACE_RPC_ADDRESS: 'demo-jindofs-master-0.team-a:8101',
      STORAGE_ADDRESS: { fieldRef: { fieldPath: 'status.hostIP' } },
    });
    expect(mountsOf(c)).toEqual(['bigboot-config:/jindocache.cfg', 'bigboot-config:/hdfs-3.2.1/etc/hadoop/core-site.xml', 'bigboot-config:/jindosdk.cfg', 'datavolume-1:/mnt/cache']);
    expect(volume(sts, 'datavolume-1')).toEqual({ name: 'datavolume-1', hostPath: { path: '/mnt/cache', type: 'DirectoryOrCreate' } });
  });

  it('labels and selects the fuse, which runs on labelled nodes with /dev/fuse and a Bidirectional mount at /jfs', () => {
    const { fuse, container } = render();
    const ds = fuse();
    expect(ds.metadata.labels).toEqual({ ...RELEASE, role: 'jindofs-fuse', ...LIBRARY('jindofs') });
    expect(ds.spec.selector.matchLabels).toEqual({ ...RELEASE, role: 'jindofs-fuse' });
    expect(ds.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    const pod = ds.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'fluid.io/f-team-a-demo': 'true' });
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(pod.priorityClassName).toBe('system-node-critical');
    expect(pod.terminationGracePeriodSeconds).toBe(60);
    expect(pod.hostNetwork).toBe(true);
    const c = container(ds, 'jindofs-fuse');
    expect(c.image).toBe('registry.cn-shanghai.aliyuncs.com/jindofs/jindo-fuse:6.9.1-202509151826');
    expect(c.securityContext).toEqual({ privileged: true });
    expect(c.command).toEqual(['/entrypoint.sh']);
    expect(c.args).toEqual(['-okernel_cache', '-oro', '-oattr_timeout=7200', '-oentry_timeout=7200', '-onegative_timeout=7200', '-ono_symlink', '-ometrics_port=0']);
    expect(c.lifecycle).toEqual({ preStop: { exec: { command: ['/prestop.sh'] } } });
    expect(envOf(c)).toEqual({
      CLIENT_NAMESPACE_RPC_ADDRESS: 'demo-jindofs-master-0.team-a:8101',
      FLUID_FUSE_MOUNTPOINT: '/jfs/jindofs-fuse',
      FLUID_FUSE_MODE: '',
      FLUID_RUNTIME_TYPE: 'jindofs',
      FLUID_RUNTIME_NS: NS,
      FLUID_RUNTIME_NAME: NAME,
    });
    expect(c.volumeMounts).toContainEqual({ name: 'jindofs-fuse-mount', mountPath: '/jfs', mountPropagation: 'Bidirectional' });
    expect(c.volumeMounts).toContainEqual({ name: 'jindofs-fuse-device', mountPath: '/dev/fuse' });
    expect(volume(ds, 'jindofs-fuse-mount')).toEqual({ name: 'jindofs-fuse-mount', hostPath: { path: '/runtime-mnt/jindo/team-a/demo', type: 'DirectoryOrCreate' } });
    expect(volume(ds, 'jindofs-fuse-device')).toEqual({ name: 'jindofs-fuse-device', hostPath: { path: '/dev/fuse', type: 'CharDevice' } });
    expect(volume(ds, 'datavolume-1')).toEqual({ name: 'datavolume-1', hostPath: { path: '/mnt/cache', type: 'DirectoryOrCreate' } });
  });

  it('renders the client ConfigMap with the master addresses and its own app and chart labels', () => {
    const { find } = render();
    const cm = find('ConfigMap', 'demo-jindofs-client-config');
    expect(cm.metadata.labels).toEqual({ ...RELEASE, app: 'jindofs-client', chart: 'jindofs-1.0.5-client', name: 'demo-jindofs-client-config', ...LIBRARY('jindofs') });
    expect(cm.data).toEqual({ STORAGE_NAMESPACE_RPC_ADDRESS: 'demo-jindofs-master-0.team-a:8101', CLIENT_NAMESPACE_RPC_ADDRESS: 'demo-jindofs-master-0.team-a:8101' });
  });
});

describe('JindoRuntime configuration files', () => {
  it('writes the sections of jindocache.cfg and jindosdk.cfg with Fluid defaults and runtime overrides', () => {
    const { config } = render({ runtime: { master: { properties: { 'namespace.filelet.threads': '64' } }, worker: { properties: { 'storage.compaction.enable': 'true' } }, fuse: { properties: { 'fs.jindocache.request.user': 'alice' } }, logConfig: { 'logger.verbose': '9' } } });
    const cfg = config()['jindocache.cfg'];
    expect(cfg.split('\n').filter((l) => l.startsWith('['))).toEqual(['[jindocache-common]', '[jindocache-server]', '[jindocache-worker]', '[common]', '[jindocache-client]']);
    for (const line of [
      'logger.verbose = 9',
      'default.credential.provider = none',
      'jindocache.oss.bucket.bucket-a.endpoint = oss-cn-hangzhou-internal.aliyuncs.com',
      'namespace.filelet.threads = 64',
      'namespace.meta-dir = /mnt/cache/team-a/demo/jindocache/server',
      'namespace.rpc.port = 8101',
      'storage.compaction.enable = true',
      'storage.data-dirs = /mnt/cache/team-a/demo/jindocache',
      'storage.data-dirs.capacities = 10g',
      'storage.watermark.high.ratio = 0.9',
      'storage.watermark.low.ratio = 0.7',
      'storage.rpc.port = 6101',
      'fs.jindocache.request.user = alice',
      'fs.jindocache.read.only.enable = true',
      'fs.jindocache.ram.cache.enable = false',
      'fs.oss.bucket.bucket-a.endpoint = oss-cn-hangzhou-internal.aliyuncs.com',
      'fs.oss.endpoint = oss-cn-hangzhou-internal.aliyuncs.com',
    ]) {
      expect(cfg.split('\n')).toContain(line);
    }
    expect(config()['jindosdk.cfg'].split('\n').filter((l) => l.startsWith('['))).toEqual(['[common]', '[jindosdk]']);
    expect(config()['jindosdk.cfg']).toContain('fs.jindocache.namespace.rpc.address = demo-jindofs-master-0.team-a:8101');
  });

  it('describes each mount as a cacheset, with its cache policies', () => {
    const { config } = render({
      dataset: {
        mounts: [
          { mountPoint: 'oss://bucket-a/data/', name: 'data', options: { 'fs.oss.endpoint': 'e', metaPolicy: 'ALWAYS', writePolicy: 'WRITE_THROUGH', readCacheReplica: '2' } },
          { mountPoint: 'pvc://claim-b/sub', name: 'nas' },
        ],
      },
    });
    expect(config()['cacheset.xml']).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<cachesets>',
        '  <cacheset>',
        '    <name>data</name>',
        '    <path>oss://bucket-a/data/</path>',
        '    <cacheStrategy>DISTRIBUTED</cacheStrategy>',
        '    <metaPolicy>',
        '      <type>ALWAYS</type>',
        '    </metaPolicy>',
        '    <readPolicy>CACHE_ASIDE</readPolicy>',
        '    <readCacheReplica>2</readCacheReplica>',
        '    <writePolicy>WRITE_THROUGH</writePolicy>',
        '    <writeCacheReplica>1</writeCacheReplica>',
        '  </cacheset>',
        '  <cacheset>',
        '    <name>nas</name>',
        '    <path>local:///underFSStorage/nas</path>',
        '    <cacheStrategy>DISTRIBUTED</cacheStrategy>',
        '    <metaPolicy>',
        '      <type>ONCE</type>',
        '    </metaPolicy>',
        '    <readPolicy>CACHE_ASIDE</readPolicy>',
        '    <readCacheReplica>1</readCacheReplica>',
        '    <writePolicy>WRITE_AROUND</writePolicy>',
        '    <writeCacheReplica>1</writeCacheReplica>',
        '  </cacheset>',
        '</cachesets>',
        '',
      ].join('\n'),
    );
  });

  it('copies storage settings per type: s3 endpoint and region, hdfs options renamed', () => {
    const s3 = render({ dataset: { mounts: [{ mountPoint: 's3://b/p', name: 'm', options: { 'fs.s3.endpoint': 'minio:9000', 'fs.s3.region': 'us-east-1' } }] } });
    expect(s3.cfgLines()).toEqual(expect.arrayContaining(['jindocache.s3.endpoint = minio:9000', 'jindocache.s3.region = us-east-1', 'fs.s3.endpoint = minio:9000']));
    const hdfs = render({ dataset: { mounts: [{ mountPoint: 'hdfs://ns1/p', name: 'm', options: { 'fs.hdfs.nameservices': 'ns1' } }] } });
    expect(hdfs.cfgLines()).toContain('jindocache.hdfs.nameservices = ns1');
  });
});

describe('JindoRuntime tiered store', () => {
  it('without a tiered store caches 1Gi in /dev/shm and raises no memory request', () => {
    const { worker, container, cfgLines } = render({ runtime: { tieredstore: undefined } });
    expect(volume(worker(), 'datavolume-1')).toEqual({ name: 'datavolume-1', hostPath: { path: '/dev/shm', type: 'DirectoryOrCreate' } });
    expect(cfgLines()).toEqual(expect.arrayContaining(['storage.data-dirs.capacities = 1g', 'storage.ram.cache.size = 1g', 'storage.watermark.high.ratio = 0.8', 'storage.watermark.low.ratio = 0.6', 'fs.jindocache.ram.cache.enable = true']));
    expect(container(worker(), 'jindofs-worker').resources).toBeUndefined();
  });

  it('keeps a memory tier in an emptyDir of medium Memory with its size, and requests that memory', () => {
    const { worker, master, fuse, container } = render({ runtime: { tieredstore: { levels: [{ mediumtype: 'MEM', volumeType: 'emptyDir', path: '/cache', quota: '2Gi' }] } } });
    expect(volume(worker(), 'datavolume-1')).toEqual({ name: 'datavolume-1', emptyDir: { medium: 'Memory', sizeLimit: '2Gi' } });
    expect(volume(master(), 'datavolume-1')).toEqual({ name: 'datavolume-1', emptyDir: { medium: 'Memory' } });
    expect(volume(fuse(), 'datavolume-1')).toBeUndefined();
    expect(container(worker(), 'jindofs-worker').resources).toEqual({ requests: { memory: '2Gi' } });
  });

  it('keeps a larger memory request, and mounts one volume per path with quotaList', () => {
    const { worker, container, cfgLines } = render({
      runtime: { tieredstore: { levels: [{ mediumtype: 'MEM', path: '/a,/b', quotaList: '1Gi,512Mi' }] }, worker: { resources: { requests: { memory: '8Gi' } } } },
    });
    expect(namesOf(worker().spec.template.spec.volumes).filter((n) => n.startsWith('datavolume'))).toEqual(['datavolume-1', 'datavolume-2']);
    expect(cfgLines()).toContain('storage.data-dirs = /a/team-a/demo/jindocache,/b/team-a/demo/jindocache');
    expect(cfgLines()).toContain('storage.data-dirs.capacities = 1g,512m');
    expect(container(worker(), 'jindofs-worker').resources).toEqual({ requests: { memory: '8Gi' } });
  });
});

describe('JindoRuntime mounts, network and modes', () => {
  it('mounts a pvc:// source read-only at /underFSStorage/<name> in every pod', () => {
    const { master, worker, fuse, container } = render({ dataset: { mounts: [{ mountPoint: 'pvc://claim-b/sub/dir', name: 'nas' }] } });
    for (const [w, c] of [
      [master(), 'jindofs-master'],
      [worker(), 'jindofs-worker'],
      [fuse(), 'jindofs-fuse'],
    ] as const) {
      expect(volume(w, 'claim-b')).toEqual({ name: 'claim-b', persistentVolumeClaim: { claimName: 'claim-b' } });
      expect(container(w, c).volumeMounts).toContainEqual({ name: 'claim-b', mountPath: '/underFSStorage/nas', readOnly: true, subPath: 'sub/dir' });
    }
  });

  it('mounts a local:/// source from the host under its mount name', () => {
    const { worker, fuse } = render({ dataset: { mounts: [{ mountPoint: 'local:///mnt/data', name: 'host' }] } });
    expect(volume(worker(), 'datavolume-host')).toEqual({ name: 'datavolume-host', hostPath: { path: '/mnt/data/', type: 'DirectoryOrCreate' } });
    expect(volume(fuse(), 'datavolume-host')).toEqual({ name: 'datavolume-host', hostPath: { path: '/mnt/data/', type: 'DirectoryOrCreate' } });
  });

  it('uses pod networking with networkmode ContainerNetwork', () => {
    const { master, worker, fuse, container } = render({ runtime: { networkmode: 'ContainerNetwork' } });
    expect([master().spec.template.spec.hostNetwork, master().spec.template.spec.dnsPolicy]).toEqual([false, 'ClusterFirst']);
    expect([worker().spec.template.spec.hostNetwork, worker().spec.template.spec.dnsPolicy]).toEqual([false, 'ClusterFirst']);
    expect([fuse().spec.template.spec.hostNetwork, fuse().spec.template.spec.dnsPolicy]).toEqual([false, 'ClusterFirstWithHostNet']);
    expect(envOf(container(worker(), 'jindofs-worker'))).toMatchObject({
      STORAGE_ADDRESS: { fieldRef: { fieldPath: 'status.podIP' } },
      POD_NAME: { fieldRef: { fieldPath: 'metadata.name' } },
      STORAGE_DATA_PATH: '/mnt/cache/team-a/demo/jindocache',
    });
  });

  it('renders only the fuse in fuse-only mode, reading the first mount directly', () => {
    const { objects, built, fuse, container, find } = render({ runtime: { master: { disabled: true }, worker: { disabled: true } } });
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/demo-jindofs-client-config',
      'ConfigMap/demo-jindofs-config',
      'DaemonSet/demo-jindofs-fuse',
      'PersistentVolume/team-a-demo',
      'PersistentVolumeClaim/demo',
    ]);
    expect(built.master).toBeUndefined();
    expect(built.workers).toBeUndefined();
    const c = container(fuse(), 'jindofs-fuse');
    expect(c.args).toContain('-ouri=oss://bucket-a/data/');
    expect(envOf(c).FLUID_FUSE_MODE).toBe('fuseOnly');
    expect(find('ConfigMap', 'demo-jindofs-client-config').data).toEqual({});
  });

  it('opens the fuse metrics port when metrics are enabled', () => {
    const { fuse, container } = render({ runtime: { fuse: { metrics: { enabled: true } } } });
    const c = container(fuse(), 'jindofs-fuse');
    expect(c.ports).toEqual([{ name: 'jindo-metrics', containerPort: 10001 }]);
    expect(c.args.at(-1)).toBe('-ometrics_port=10001');
  });

  it('takes read-write fuse options for a writable dataset and the user args as given', () => {
    const rw = render({ dataset: { ...BASE.dataset, accessModes: ['ReadWriteMany'] } });
    expect(rw.container(rw.fuse(), 'jindofs-fuse').args).toEqual(['-oauto_cache', '-oattr_timeout=0', '-oentry_timeout=0', '-onegative_timeout=0', '-ono_symlink', '-ometrics_port=0']);
    const own = render({ runtime: { fuse: { args: ['-oro', '-ometrics_port=9000'], metrics: { enabled: true } } } });
    const c = own.container(own.fuse(), 'jindofs-fuse');
    expect([c.args, c.ports]).toEqual([['-oro', '-ometrics_port=9000'], [{ name: 'jindo-metrics', containerPort: 9000 }]]);
  });
});

describe('JindoRuntime pod settings', () => {
  it('applies podMetadata, pull secrets, env, user, volumes, hadoop config and images', () => {
    const { master, worker, fuse, container } = render({
      runtime: {
        podMetadata: { labels: { team: 'a' }, annotations: { note: 'x' } },
        master: { podMetadata: { labels: { tier: 'meta' } }, env: { B: '2', A: '1' }, volumeMounts: [{ name: 'extra', mountPath: '/extra' }] },
        worker: { imagePullSecrets: [{ name: 'worker-pull' }] },
        imagePullSecrets: [{ name: 'runtime-pull' }],
        volumes: [{ name: 'extra', emptyDir: {} }],
        user: 'alice',
        hadoopConfig: 'hdfs-conf',
        jindoVersion: { image: 'example/smartdata', imageTag: '6.1.0', imagePullPolicy: 'IfNotPresent' },
        fuse: { image: 'example/fuse', imageTag: '6.1.0' },
      },
    });
    const m = master().spec.template;
    expect(m.metadata.labels).toMatchObject({ team: 'a', tier: 'meta' });
    expect(m.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false', note: 'x' });
    expect(m.spec.imagePullSecrets).toEqual([{ name: 'runtime-pull' }]);
    expect(worker().spec.template.spec.imagePullSecrets).toEqual([{ name: 'worker-pull' }]);
    const c = container(master(), 'jindofs-master');
    expect(c.image).toBe('example/smartdata:6.1.0');
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.env!.slice(-3)).toEqual([
      { name: 'RUN_AS_USER', value: 'alice' },
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    expect(c.volumeMounts).toContainEqual({ name: 'extra', mountPath: '/extra' });
    expect(c.volumeMounts).toContainEqual({ name: 'hdfs-confs', mountPath: '/hdfs-site.xml', subPath: 'hdfs-site.xml' });
    expect(volume(master(), 'extra')).toEqual({ name: 'extra', emptyDir: {} });
    expect(volume(fuse(), 'hdfs-confs')).toEqual({ name: 'hdfs-confs', configMap: { name: 'hdfs-conf' } });
    expect(container(fuse(), 'jindofs-fuse').image).toBe('example/fuse:6.1.0');
  });

  it('reads the controller switches: image overrides, critical fuse, DNS server, port check, host PID', () => {
    const { master, fuse, container } = render({
      env: {
        JINDO_SMARTDATA_IMAGE_ENV: 'mirror.example/smartdata:7.0.0',
        JINDO_FUSE_IMAGE_ENV: 'mirror.example/fuse:7.0.0',
        CRITICAL_FUSE_POD: 'false',
        JINDO_DNS_SERVER_ENV: '10.0.0.10',
        INIT_PORT_CHECK_ENABLED: 'true',
      },
      annotations: { 'runtime.fluid.io/fuse.hostpid': 'true' },
    });
    expect(container(master(), 'jindofs-master').image).toBe('mirror.example/smartdata:7.0.0');
    expect(container(fuse(), 'jindofs-fuse').image).toBe('mirror.example/fuse:7.0.0');
    const fusePod = fuse().spec.template.spec;
    expect(fusePod.priorityClassName).toBeUndefined();
    expect(fusePod.hostPID).toBe(true);
    expect(fusePod.dnsPolicy).toBe('None');
    expect(fusePod.dnsConfig.nameservers).toEqual(['10.0.0.10']);
    expect(master().spec.template.spec.initContainers).toEqual([
      expect.objectContaining({ name: 'init-port-check', args: ['check_port'], env: [{ name: 'PORTS_TO_CHECK', value: '8101' }] }),
    ]);
  });

  it('turns on RDMA from the runtime annotation', () => {
    const { master, container, cfgLines } = render({ annotations: { 'fluid.io/runtime-rpc-protocol': 'rdma' } });
    expect(container(master(), 'jindofs-master').securityContext).toEqual({ capabilities: { add: ['SYS_RESOURCE', 'IPC_LOCK'] } });
    expect(cfgLines()).toContain('namespace.rpc.rdma.enable = true');
    expect(cfgLines('jindosdk.cfg')).toContain('fs.jindocache.storage.rpc.rdma.enable = true');
  });
});

describe('JindoRuntime credentials are mounted, never copied', () => {
  const SECRET_DATASET = {
    mounts: [
      {
        mountPoint: 'oss://bucket-a/data',
        name: 'data',
        options: { 'fs.oss.endpoint': 'oss-cn-hangzhou.aliyuncs.com' },
        encryptOptions: [
          { name: 'fs.oss.accessKeyId', valueFrom: { secretKeyRef: { name: 'zq-oss-secret', key: 'zq-id-key' } } },
          { name: 'fs.oss.accessKeySecret', valueFrom: { secretKeyRef: { name: 'zq-oss-secret', key: 'zq-secret-key' } } },
        ],
      },
    ],
  };

  it('projects OSS keys to /token/<bucket>/ and points Jindo at those files', () => {
    const { master, worker, fuse, container, config, objects } = render({ dataset: SECRET_DATASET });
    const expected = {
      name: 'jindofs-secret-token',
      projected: {
        sources: [
          {
            secret: {
              name: 'zq-oss-secret',
              items: [
                { key: 'zq-id-key', path: 'bucket-a/AccessKeyId' },
                { key: 'zq-secret-key', path: 'bucket-a/AccessKeySecret' },
              ],
            },
          },
        ],
      },
    };
    for (const [w, c] of [
      [master(), 'jindofs-master'],
      [worker(), 'jindofs-worker'],
      [fuse(), 'jindofs-fuse'],
    ] as const) {
      expect(volume(w, 'jindofs-secret-token')).toEqual(expected);
      expect(container(w, c).volumeMounts).toContainEqual({ name: 'jindofs-secret-token', mountPath: '/token', readOnly: true });
    }
    const cfg = config()['jindocache.cfg'].split('\n');
    expect(cfg).toEqual(
      expect.arrayContaining([
        'default.credential.provider = secrets:///token/',
        'jindocache.oss.bucket.bucket-a.credentials.provider = com.aliyun.jindodata.oss.auth.CustomCredentialsProvider',
        'jindocache.oss.bucket.bucket-a.provider.endpoint = secrets:///token/bucket-a/',
        'jindocache.oss.bucket.bucket-a.provider.format = JSON',
        'fs.oss.bucket.bucket-a.provider.endpoint = secrets:///token/bucket-a/',
      ]),
    );
    // The Secret's name and keys appear only inside the credentials volume; ConfigMaps carry paths only.
    const leaks = pathsContaining(objects, 'zq-').filter((p) => !/\.volumes\[\d+\]\.projected\.sources\[0\]\.secret\.(name|items\[\d\]\.key)$/.test(p));
    expect(leaks).toEqual([]);
    expect(objects.filter((o) => o.kind === 'ConfigMap').flatMap((o) => pathsContaining(o, 'zq-'))).toEqual([]);
  });

  it('mounts the AccessKeyId/AccessKeySecret items of a non-OSS Secret, and spec.secret whole', () => {
    const s3 = render({
      dataset: {
        mounts: [
          {
            mountPoint: 's3://b/p',
            name: 'm',
            encryptOptions: [
              { name: 'fs.s3.accessKeyId', valueFrom: { secretKeyRef: { name: 'zq-s3', key: 'zq-ak' } } },
              { name: 'fs.s3.accessKeySecret', valueFrom: { secretKeyRef: { name: 'zq-s3', key: 'zq-sk' } } },
            ],
          },
        ],
      },
    });
    expect(volume(s3.worker(), 'jindofs-secret-token')).toEqual({
      name: 'jindofs-secret-token',
      secret: {
        secretName: 'zq-s3',
        items: [
          { key: 'zq-ak', path: 'AccessKeyId' },
          { key: 'zq-sk', path: 'AccessKeySecret' },
        ],
      },
    });
    expect(s3.cfgLines()).toEqual(expect.arrayContaining(['jindocache.s3.provider.endpoint = secrets:///token/', 'fs.s3.provider.format = JSON']));
    expect(s3.objects.filter((o) => o.kind === 'ConfigMap').flatMap((o) => pathsContaining(o, 'zq-'))).toEqual([]);
    const sts = render({ runtime: { secret: 'zq-sts-token' } });
    expect(volume(sts.fuse(), 'jindofs-secret-token')).toEqual({ name: 'jindofs-secret-token', secret: { secretName: 'zq-sts-token' } });
  });
});

describe('JindoRuntime checks', () => {
  it('accepts the default input', () => {
    expect(errorsOf({})).toEqual([]);
  });

  it('refuses schemes Jindo does not read', () => {
    expect(errorsOf({ dataset: { mounts: [{ mountPoint: 'https://example.org/data', name: 'web' }] } })).toEqual([
      {
        object: 'dataset',
        path: 'spec.mounts[0].mountPoint',
        message: 'JindoRuntime reads oss://<bucket>/<path>, s3://, cos://, obs://, hdfs://, dls://, local:///<host path> or pvc://<claim>[/<path>]; got "https://example.org/data"',
      },
    ]);
  });

  it('needs an OSS bucket and endpoint', () => {
    expect(errorsOf({ dataset: { mounts: [{ mountPoint: 'oss:///data', name: 'd' }] } })).toEqual([
      { object: 'dataset', path: 'spec.mounts[0].mountPoint', message: 'names no bucket; expected oss://<bucket>/<path>, got "oss:///data"' },
    ]);
    expect(errorsOf({ dataset: { mounts: [{ mountPoint: 'oss://b/data', name: 'd' }] } })).toEqual([
      {
        object: 'dataset',
        path: 'spec.mounts[0].options["fs.oss.endpoint"]',
        message: 'required for an oss:// mount (here or in spec.sharedOptions): the OSS endpoint, e.g. oss-cn-hangzhou-internal.aliyuncs.com',
      },
    ]);
    expect(errorsOf({ dataset: { sharedOptions: { 'fs.oss.endpoint': 'e' }, mounts: [{ mountPoint: 'oss://b/data', name: 'd' }] } })).toEqual([]);
  });

  it('needs both OSS keys as encryptOptions, or neither, each with a Secret key', () => {
    const ref = (key?: string) => ({ secretKeyRef: { name: 's', ...(key ? { key } : {}) } });
    expect(
      errorsOf({
        dataset: {
          sharedEncryptOptions: [{ name: 'fs.oss.accessKeyId', valueFrom: ref() }],
          mounts: [{ mountPoint: 'oss://b/data', name: 'd', options: { 'fs.oss.endpoint': 'e' } }],
        },
      }),
    ).toEqual([
      {
        object: 'dataset',
        path: 'spec.mounts[0].encryptOptions',
        message: 'bucket "b" has only fs.oss.accessKeyId as an encryptOption; give both fs.oss.accessKeyId and fs.oss.accessKeySecret as encryptOptions, or neither',
      },
      {
        object: 'dataset',
        path: 'spec.sharedEncryptOptions[0].valueFrom.secretKeyRef.key',
        message: 'required: Jindo mounts the Secret key of encryptOption "fs.oss.accessKeyId" as a file, so it needs both the Secret name and the key',
      },
    ]);
  });

  it('refuses two Secrets for one bucket', () => {
    const keys = (secret: string) => [
      { name: 'fs.oss.accessKeyId', valueFrom: { secretKeyRef: { name: secret, key: 'id' } } },
      { name: 'fs.oss.accessKeySecret', valueFrom: { secretKeyRef: { name: secret, key: 'secret' } } },
    ];
    const mount = (name: string, secret: string) => ({ mountPoint: `oss://b/${name}`, name, options: { 'fs.oss.endpoint': 'e' }, encryptOptions: keys(secret) });
    expect(errorsOf({ dataset: { mounts: [mount('x', 's1'), mount('y', 's2')] } })).toEqual([
      { object: 'dataset', path: 'spec.mounts[1].encryptOptions[0]', message: 'bucket "b" already takes fs.oss.accessKeyId from Secret key s1/id; one bucket has one set of keys, got s2/id' },
      { object: 'dataset', path: 'spec.mounts[1].encryptOptions[1]', message: 'bucket "b" already takes fs.oss.accessKeySecret from Secret key s1/secret; one bucket has one set of keys, got s2/secret' },
    ]);
  });

  it('refuses cache policies Jindo refuses', () => {
    const options = { 'fs.oss.endpoint': 'e', metaPolicy: 'SOMETIMES', readCacheReplica: 'two' };
    expect(errorsOf({ dataset: { mounts: [{ mountPoint: 'oss://b/d', name: 'd', options }] } })).toEqual([
      { object: 'dataset', path: 'spec.mounts[0].options.metaPolicy', message: 'must be ONCE or ALWAYS, got "SOMETIMES"' },
      { object: 'dataset', path: 'spec.mounts[0].options.readCacheReplica', message: 'must be an integer, got "two"' },
    ]);
    const always = { 'fs.oss.endpoint': 'e', metaPolicy: 'ALWAYS', cacheStrategy: 'DHT', writePolicy: 'CACHE_ONLY' };
    expect(errorsOf({ dataset: { mounts: [{ mountPoint: 'oss://b/d', name: 'd', options: always }] } })).toEqual([
      { object: 'dataset', path: 'spec.mounts[0].options.cacheStrategy', message: 'DHT needs metaPolicy ONCE, got metaPolicy "ALWAYS"' },
      { object: 'dataset', path: 'spec.mounts[0].options.writePolicy', message: 'CACHE_ONLY needs metaPolicy ONCE, got metaPolicy "ALWAYS"' },
    ]);
  });

  it('needs a mount in fuse-only mode', () => {
    expect(errorsOf({ dataset: {}, runtime: { master: { disabled: true }, worker: { disabled: true } } })).toEqual([
      { object: 'dataset', path: 'spec.mounts', message: 'needs a mount: with master and worker disabled, the Jindo fuse reads the first mount directly' },
    ]);
  });

  it('checks the tiered store, labels, volume mounts, metrics port and memory limit', () => {
    expect(
      errorsOf({
        runtime: {
          tieredstore: { levels: [{ mediumtype: 'MEM', path: '/a,/b', quotaList: '1Gi,2Gi,3Gi' }] },
          labels: { old: 'x' },
          podMetadata: { labels: { new: 'y' } },
          master: { volumeMounts: [{ name: 'missing', mountPath: '/m' }] },
          worker: { resources: { limits: { memory: '1Gi' } } },
          fuse: { args: ['-ometrics_port=abc'] },
        },
      }),
    ).toEqual([
      { object: 'runtime', path: 'spec.tieredstore.levels[0].quotaList', message: 'has 3 quotas for 2 path(s) in path "/a,/b"; give one quota per path' },
      { object: 'runtime', path: 'spec.labels', message: 'cannot be combined with podMetadata.labels; the deprecated labels fields and podMetadata.labels are exclusive, use podMetadata.labels only' },
      { object: 'runtime', path: 'spec.master.volumeMounts[0].name', message: 'names no volume in spec.volumes, got "missing"' },
      { object: 'runtime', path: 'spec.fuse.args[0]', message: 'expected -ometrics_port=<port number>, got "-ometrics_port=abc"' },
      { object: 'runtime', path: 'spec.worker.resources.limits.memory', message: 'is 1Gi, below the 6Gi memory tier of spec.tieredstore.levels[0] that the worker holds in memory' },
    ]);
    expect(errorsOf({ runtime: { tieredstore: { levels: [{ mediumtype: 'SSD', path: '/a' }] } } })).toEqual([
      { object: 'runtime', path: 'spec.tieredstore.levels[0]', message: 'set quota or quotaList: a cache tier needs a size' },
    ]);
  });

  it('stops synth with the error, naming the object', () => {
    const docs = [
      { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: NAME, namespace: NS }, spec: { mounts: [{ mountPoint: 'gs://b/p', name: 'g' }] } },
      { apiVersion: 'data.fluid.io/v1alpha1', kind: 'JindoRuntime', metadata: { name: NAME, namespace: NS }, spec: {} },
    ];
    const result = renderDocuments(docs, new EngineRegistry([jindoEngine]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join('\n')).toContain('Dataset team-a/demo');
  });
});
