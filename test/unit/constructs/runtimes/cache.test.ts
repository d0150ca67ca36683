// CacheRuntime: the objects Fluid's cache engine builds (pkg/ddc/cache), asserted by name where Fluid compatibility
// depends on them, plus the rules engine.check enforces and the guarantee that Secrets are mounted, never copied.
import { createHash } from 'node:crypto';
import { renderRuntime } from '../../../../constructs/render-runtime';
import { cacheEngine } from '../../../../constructs/runtimes/cache/engine';
import { secretVolumeName } from '../../../../constructs/runtimes/cache/names';
import { mountPath, runtimeConfig, runtimeConfigJson } from '../../../../constructs/runtimes/cache/runtime-config';
import { EngineRegistry } from '../../../../constructs/runtimes/engine-registry';
import { renderDocuments } from '../../../../constructs/render-documents';
import { datasetDoc, find, fluidClass, inputOf, mainContainer, Obj, render, runtimeDoc, runtimeJson } from './cache-fixtures';

const MOUNT_PATH = '/runtime-mnt/cache/team-a/demo/cache-fuse';
/** The client gets the mount point's parent, so a restarted client can clear a dead mount (names.ts cacheClientHostDir). */
const CLIENT_HOST_DIR = '/runtime-mnt/cache/team-a/demo';
const selectorOf = (c: string) => ({ 'cacheruntime.fluid.io/name': 'demo', 'cacheruntime.fluid.io/component-name': `demo-${c}` });
const envNames = (container: any) => (container.env ?? []).map((e: any) => e.name);

describe('CacheRuntime objects (Fluid class spelling)', () => {
  const objects = render();

  it('renders the config ConfigMap, headless Services, master/worker StatefulSets, client DaemonSet and the volume', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/fluid-runtime-config-demo',
      'Service/svc-demo-master',
      'Service/svc-demo-worker',
      'StatefulSet/demo-master',
      'StatefulSet/demo-worker',
      'DaemonSet/demo-client',
      'PersistentVolume/team-a-demo',
      'PersistentVolumeClaim/demo',
    ]);
  });

  it('labels and selects every workload by runtime and component name, as Fluid does', () => {
    for (const [kind, c] of [['StatefulSet', 'master'], ['StatefulSet', 'worker'], ['DaemonSet', 'client']]) {
      const workload = find(objects, kind, `demo-${c}`);
      expect(workload.metadata.labels).toMatchObject(selectorOf(c));
      expect(workload.spec.selector).toEqual({ matchLabels: selectorOf(c) });
      expect(workload.spec.template.metadata.labels).toMatchObject(selectorOf(c));
    }
    expect(find(objects, 'StatefulSet', 'demo-master').metadata.labels).toEqual(selectorOf('master'));
  });

  it('master: replicas, Parallel, rolling, governed by its headless Service that publishes not-ready pods', () => {
    const master = find(objects, 'StatefulSet', 'demo-master');
    expect(master.spec.replicas).toBe(1);
    expect(master.spec.podManagementPolicy).toBe('Parallel');
    expect(master.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect(master.spec.serviceName).toBe('svc-demo-master');
    const svc = find(objects, 'Service', 'svc-demo-master');
    expect(svc.metadata.labels).toEqual(selectorOf('master'));
    expect(svc.spec).toEqual({ clusterIP: 'None', selector: selectorOf('master'), publishNotReadyAddresses: true });
  });

  it('worker: dataset labels and Fluid worker affinity (Exclusive by default)', () => {
    const worker = find(objects, 'StatefulSet', 'demo-worker');
    expect(worker.spec.serviceName).toBe('svc-demo-worker');
    expect(worker.spec.template.metadata.labels).toEqual({ ...selectorOf('worker'), 'fluid.io/dataset': 'team-a-demo', 'fluid.io/dataset-placement': 'Exclusive' });
    const affinity = worker.spec.template.spec.affinity;
    expect(affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      { labelSelector: { matchExpressions: [{ key: 'fluid.io/dataset', operator: 'Exists' }] }, topologyKey: 'kubernetes.io/hostname' },
    ]);
    expect(affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 100, preference: { matchExpressions: [{ key: 'fluid.io/f-team-a-demo', operator: 'In', values: ['true'] }] } },
    ]);
  });

  it('client: plain DaemonSet on the fuse-labelled nodes, mounting the host folder Bidirectional', () => {
    const client = find(objects, 'DaemonSet', 'demo-client');
    const pod = client.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'fluid.io/f-team-a-demo': 'true' });
    expect(pod.volumes).toContainEqual({ name: 'fluid-cache-runtime-shared-path', hostPath: { path: CLIENT_HOST_DIR, type: 'DirectoryOrCreate' } });
    expect(mainContainer(client).volumeMounts).toContainEqual({ name: 'fluid-cache-runtime-shared-path', mountPath: CLIENT_HOST_DIR, mountPropagation: 'Bidirectional' });
    expect(mainContainer(client).name).toBe('client');
    // Fluid's CacheRuntime client adds no catch-all toleration and no priority class.
    expect(pod.tolerations).toBeUndefined();
    expect(pod.priorityClassName).toBeUndefined();
    // Applied updates must not cut running mounts: a client pod takes a new template only when it is replaced.
    expect(client.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('client: Bidirectional propagation needs a privileged container, so the client gets one', () => {
    const runtimeClass = fluidClass({}, { client: { template: { spec: { containers: [{ name: 'client', image: 'x:1' }] } } } });
    expect(mainContainer(find(render({ runtimeClass }), 'DaemonSet', 'demo-client')).securityContext).toEqual({ privileged: true });
  });

  it('FLUID_* env comes first in container[0] and initContainer[0], and only there', () => {
    const master = find(objects, 'StatefulSet', 'demo-master');
    const fluidEnv = [
      { name: 'FLUID_DATASET_NAME', value: 'demo' },
      { name: 'FLUID_DATASET_NAMESPACE', value: 'team-a' },
      { name: 'FLUID_RUNTIME_CONFIG_PATH', value: '/etc/fluid/config/runtime.json' },
      { name: 'FLUID_RUNTIME_MOUNT_PATH', value: MOUNT_PATH },
      { name: 'FLUID_RUNTIME_COMPONENT_TYPE', value: 'master' },
      { name: 'FLUID_RUNTIME_COMPONENT_SVC_NAME', value: 'svc-demo-master' },
    ];
    expect(mainContainer(master).env).toEqual([...fluidEnv, { name: 'FROM_TEMPLATE', value: '1' }]);
    expect(master.spec.template.spec.initContainers[0].env).toEqual(fluidEnv);
    expect(master.spec.template.spec.containers[1].env).toBeUndefined();
    const client = find(objects, 'DaemonSet', 'demo-client');
    expect(mainContainer(client).env).toContainEqual({ name: 'FLUID_RUNTIME_COMPONENT_SVC_NAME', value: '' });
  });

  it('mounts runtime.json read-only at /etc/fluid/config in container[0] and initContainer[0] of every component', () => {
    const mount = { name: 'fluid-runtime-demo-config', mountPath: '/etc/fluid/config', readOnly: true };
    const volume = { name: 'fluid-runtime-demo-config', configMap: { name: 'fluid-runtime-config-demo' } };
    for (const [kind, c] of [['StatefulSet', 'master'], ['StatefulSet', 'worker'], ['DaemonSet', 'client']]) {
      const w = find(objects, kind, `demo-${c}`);
      expect(w.spec.template.spec.volumes).toContainEqual(volume);
      expect(mainContainer(w).volumeMounts).toContainEqual(mount);
    }
    expect(find(objects, 'StatefulSet', 'demo-master').spec.template.spec.initContainers[0].volumeMounts).toEqual([mount]);
  });

  it('PV: CSI fluid_path is the client mount path and mount_type is cache', () => {
    const pv = find(objects, 'PersistentVolume', 'team-a-demo');
    expect(pv.spec.csi.volumeAttributes).toMatchObject({
      fluid_path: MOUNT_PATH,
      mount_type: 'cache',
      runtime_namespace: 'team-a',
      runtime_name: 'demo',
      mount_pod_node_selector_key: 'fluid.io/f-team-a-demo',
    });
    expect(pv.spec.nodeAffinity).toBeUndefined();
  });

  it('reports its workloads and the worker selector to the reconciler', () => {
    const { built } = renderRuntime(cacheEngine, inputOf());
    expect(built.master).toEqual({ kind: 'StatefulSet', name: 'demo-master', replicas: 1 });
    expect(built.workers).toEqual({ kind: 'StatefulSet', name: 'demo-worker', replicas: 1 });
    expect(built.fuse).toEqual({ kind: 'DaemonSet', name: 'demo-client', replicas: undefined });
    expect(built.statusSelector).toBe('cacheruntime.fluid.io/name=demo,cacheruntime.fluid.io/component-name=demo-worker');
    expect(cacheEngine.references).toEqual({ kind: 'CacheRuntimeClass', field: 'spec.runtimeClassName' });
  });

  it('leaks nothing cdk8s-plus would add', () => {
    expect(JSON.stringify(objects)).not.toMatch(/cdk8s\.io|startupProbe|runAsNonRoot|automountServiceAccountToken/);
  });
});

describe('CacheRuntime component settings', () => {
  it('without service.headless: no Service, no serviceName, empty FLUID_RUNTIME_COMPONENT_SVC_NAME', () => {
    const runtimeClass = fluidClass({}, { master: { template: { spec: { containers: [{ name: 'master', image: 'x:1' }] } } } });
    const objects = render({ runtimeClass });
    expect(objects.some((o) => o.metadata.name === 'svc-demo-master')).toBe(false);
    const master = find(objects, 'StatefulSet', 'demo-master');
    expect(master.spec.serviceName).toBeUndefined();
    expect(mainContainer(master).env).toContainEqual({ name: 'FLUID_RUNTIME_COMPONENT_SVC_NAME', value: '' });
    expect(runtimeJson(objects).master.service).toEqual({ name: '' });
  });

  it('container[0] overrides: image only with image and tag, resources and args replace, env appends', () => {
    const runtime = runtimeDoc({
      master: {
        replicas: 3,
        runtimeVersion: { image: 'mirror/demofs', imageTag: 'v2', imagePullPolicy: 'Always' },
        resources: { requests: { cpu: '1' } },
        args: ['serve'],
        env: [{ name: 'EXTRA', value: 'x' }],
      },
      worker: { runtimeVersion: { image: 'mirror/demofs' } },
    });
    const objects = render({ runtime });
    const master = mainContainer(find(objects, 'StatefulSet', 'demo-master'));
    expect(master.image).toBe('mirror/demofs:v2');
    expect(master.imagePullPolicy).toBe('Always');
    expect(master.resources).toEqual({ requests: { cpu: '1' } });
    expect(master.args).toEqual(['serve']);
    expect(envNames(master).slice(-2)).toEqual(['FROM_TEMPLATE', 'EXTRA']);
    expect(find(objects, 'StatefulSet', 'demo-master').spec.replicas).toBe(3);
    expect(mainContainer(find(objects, 'StatefulSet', 'demo-worker')).image).toBe('example/demofs:v1');
  });

  it('pod metadata, node selectors, tolerations (template, Dataset, component) and pull secrets', () => {
    const runtimeClass = fluidClass({}, {
      worker: {
        template: {
          metadata: { labels: { from: 'class' } },
          spec: {
            containers: [{ name: 'worker', image: 'x:1' }],
            nodeSelector: { disk: 'ssd', zone: 'a' },
            tolerations: [{ key: 'class', operator: 'Exists' }],
            imagePullSecrets: [{ name: 'class-pull' }],
          },
        },
      },
    });
    const runtime = runtimeDoc({
      podMetadata: { labels: { team: 'a', from: 'runtime' }, annotations: { note: 'runtime' } },
      imagePullSecrets: [{ name: 'runtime-pull' }, { name: 'class-pull' }],
      worker: { podMetadata: { labels: { from: 'component' } }, nodeSelector: { zone: 'b' }, tolerations: [{ key: 'component', operator: 'Exists' }] },
    });
    const dataset = datasetDoc({ tolerations: [{ key: 'dataset', operator: 'Exists' }] });
    const worker = find(render({ runtime, runtimeClass, dataset }), 'StatefulSet', 'demo-worker');
    expect(worker.spec.template.metadata.labels).toMatchObject({ from: 'component', team: 'a' });
    expect(worker.spec.template.metadata.annotations).toEqual({ note: 'runtime' });
    const pod = worker.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ disk: 'ssd', zone: 'b' });
    expect(pod.tolerations.map((t: any) => t.key)).toEqual(['class', 'dataset', 'component']);
    expect(pod.imagePullSecrets).toEqual([{ name: 'class-pull' }, { name: 'runtime-pull' }]);
  });

  it('Shared placement and a Dataset node affinity combined with the template one, term by term', () => {
    const zone = (v: string) => ({ key: 'zone', operator: 'In', values: [v] });
    const runtimeClass = fluidClass({}, {
      worker: {
        template: {
          spec: {
            containers: [{ name: 'worker', image: 'x:1' }],
            affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [zone('a')] }, { matchExpressions: [zone('b')] }] } } },
          },
        },
      },
    });
    const dataset = datasetDoc({
      placement: 'Shared',
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }] } },
    });
    const worker = find(render({ runtimeClass, dataset }), 'StatefulSet', 'demo-worker');
    expect(worker.spec.template.metadata.labels['fluid.io/dataset-placement']).toBe('Shared');
    const affinity = worker.spec.template.spec.affinity;
    expect(affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [zone('a'), { key: 'gpu', operator: 'Exists' }] },
      { matchExpressions: [zone('b'), { key: 'gpu', operator: 'Exists' }] },
    ]);
    expect(affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight).toBe(50);
  });

  it('runtime volumes named by component volumeMounts, and class extra ConfigMaps created and mounted', () => {
    const runtimeClass = fluidClass(
      { extraResources: { configMaps: [{ name: 'demofs-templates', data: { 'conf.tpl': 'x={{.y}}' } }] } },
      {
        client: {
          dependencies: { extraResources: { configMaps: [{ name: 'demofs-templates', mountPath: '/templates' }] } },
          template: { spec: { initContainers: [{ name: 'render', image: 'r:1' }], containers: [{ name: 'client', image: 'x:1' }] } },
        },
      },
    );
    const runtime = runtimeDoc({
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'pvc-1' } }, { name: 'unused', emptyDir: {} }],
      client: { volumeMounts: [{ name: 'data', mountPath: '/mnt' }] },
    });
    const objects = render({ runtime, runtimeClass });
    expect(find(objects, 'ConfigMap', 'demofs-templates').data).toEqual({ 'conf.tpl': 'x={{.y}}' });
    const client = find(objects, 'DaemonSet', 'demo-client').spec.template.spec;
    const extraMount = { name: 'fluid-extra-demo-demofs-templates', mountPath: '/templates', readOnly: true };
    expect(client.volumes).toContainEqual({ name: 'fluid-extra-demo-demofs-templates', configMap: { name: 'demofs-templates' } });
    expect(client.containers[0].volumeMounts).toContainEqual(extraMount);
    expect(client.initContainers[0].volumeMounts).toContainEqual(extraMount);
    expect(client.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'pvc-1' } });
    expect(client.volumes.map((v: any) => v.name)).not.toContain('unused');
    expect(client.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/mnt' });
  });

  it('a disabled component is neither built nor described in runtime.json', () => {
    const objects = render({ runtime: runtimeDoc({ master: { disabled: true } }) });
    expect(objects.some((o) => o.metadata.name === 'demo-master' || o.metadata.name === 'svc-demo-master')).toBe(false);
    const json = runtimeJson(objects);
    expect(json.master).toBeUndefined();
    expect(Object.keys(json.topology)).toEqual(['worker', 'client']);
  });

  it('client nodeSelector pins the PV', () => {
    const objects = render({ runtime: runtimeDoc({ client: { nodeSelector: { pool: 'gpu' } } }) });
    expect(find(objects, 'DaemonSet', 'demo-client').spec.template.spec.nodeSelector).toEqual({ pool: 'gpu', 'fluid.io/f-team-a-demo': 'true' });
    expect(find(objects, 'PersistentVolume', 'team-a-demo').spec.nodeAffinity).toEqual({
      required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['gpu'] }] }] },
    });
  });
});

describe('CacheRuntime workload kinds (guide spelling)', () => {
  const guideClass = {
    ...fluidClass(),
    topology: {
      master: { workloadType: { apiVersion: 'apps/v1', kind: 'DaemonSet' }, podTemplateSpec: { spec: { containers: [{ name: 'master', image: 'x:1' }] } } },
      worker: { workloadType: { apiVersion: 'apps/v1', kind: 'Deployment' }, podTemplateSpec: { spec: { containers: [{ name: 'worker', image: 'x:1' }] } } },
      client: { workloadType: { kind: 'Deployment' }, podTemplateSpec: { spec: { containers: [{ name: 'client', image: 'x:1' }] } } },
    },
  };
  const objects = render({ runtimeClass: guideClass, runtime: runtimeDoc({ worker: { replicas: 4 } }) });

  it('builds each component as workloadType.kind names', () => {
    expect(objects.filter((o) => o.apiVersion === 'apps/v1').map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/demo-client',
      'Deployment/demo-worker',
      'DaemonSet/demo-master',
    ]);
    expect(find(objects, 'DaemonSet', 'demo-master').spec).not.toHaveProperty('replicas');
    expect(find(objects, 'Deployment', 'demo-worker').spec.replicas).toBe(4);
  });

  it('a Deployment worker keeps the dataset labels and worker affinity', () => {
    const worker = find(objects, 'Deployment', 'demo-worker');
    expect(worker.spec.selector).toEqual({ matchLabels: selectorOf('worker') });
    expect(worker.spec.template.metadata.labels).toMatchObject({ 'fluid.io/dataset': 'team-a-demo', 'fluid.io/dataset-placement': 'Exclusive' });
    expect(worker.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
  });

  it('a Deployment client still mounts the host folder (privileged, Bidirectional) on fuse-labelled nodes', () => {
    const client = find(objects, 'Deployment', 'demo-client');
    const container = mainContainer(client);
    expect(container.securityContext).toEqual({ privileged: true });
    expect(container.volumeMounts).toContainEqual({ name: 'fluid-cache-runtime-shared-path', mountPath: CLIENT_HOST_DIR, mountPropagation: 'Bidirectional' });
    expect(client.spec.template.spec.nodeSelector).toEqual({ 'fluid.io/f-team-a-demo': 'true' });
    expect(client.spec.replicas).toBe(1);
  });
});

describe('CacheRuntime tiered store', () => {
  const withWorker = (levels: unknown[], resources?: unknown) =>
    render({
      runtime: runtimeDoc({ worker: { tieredStore: { levels } } }),
      runtimeClass: fluidClass({}, { worker: { template: { spec: { containers: [{ name: 'worker', image: 'x:1', ...(resources ? { resources } : {}) }] } } } }),
    });

  it('processMemory: a Memory emptyDir at /dev/shm, its quota added to set memory requests and limits', () => {
    const objects = withWorker([{ processMemory: { quota: '8Gi' }, high: '0.95', low: '0.7' }], { requests: { memory: '512Mi', cpu: '1' }, limits: { cpu: '2' } });
    const worker = find(objects, 'StatefulSet', 'demo-worker');
    expect(worker.spec.template.spec.volumes).toContainEqual({ name: 'tiered-store-level-0-memory', emptyDir: { medium: 'Memory', sizeLimit: '8Gi' } });
    expect(mainContainer(worker).volumeMounts).toContainEqual({ name: 'tiered-store-level-0-memory', mountPath: '/dev/shm' });
    expect(mainContainer(worker).resources).toEqual({ requests: { memory: '8704Mi', cpu: '1' }, limits: { cpu: '2' } });
    expect(runtimeJson(objects).worker.tieredStoreLevels).toEqual([{ mountPaths: ['/dev/shm'], mediumType: 'MEM', quotas: ['8Gi'], high: '0.95', low: '0.7' }]);
  });

  it('hostPath: one volume per path; emptyDir: one volume, HDD unless Memory', () => {
    const objects = withWorker([
      { hostPath: { paths: ['/data/a', '/data/b'], quotas: ['100Gi', '1024Gi'], type: 'DirectoryOrCreate' } },
      { emptyDir: { quota: '10Gi', medium: 'Memory' } },
    ]);
    const worker = find(objects, 'StatefulSet', 'demo-worker');
    expect(worker.spec.template.spec.volumes.slice(0, 3)).toEqual([
      { name: 'tiered-store-level-0-index-0', hostPath: { path: '/data/a', type: 'DirectoryOrCreate' } },
      { name: 'tiered-store-level-0-index-1', hostPath: { path: '/data/b', type: 'DirectoryOrCreate' } },
      { name: 'tiered-store-level-1-index-0', emptyDir: { medium: 'Memory', sizeLimit: '10Gi' } },
    ]);
    expect(mainContainer(worker).volumeMounts.slice(0, 3).map((m: any) => m.mountPath)).toEqual([
      '/etc/fluid/mount/tiered-store/level-0-index-0-hostpath',
      '/etc/fluid/mount/tiered-store/level-0-index-1-hostpath',
      '/etc/fluid/mount/tiered-store/level-1-index-0-emptydir',
    ]);
    expect(runtimeJson(objects).worker.tieredStoreLevels).toEqual([
      { mountPaths: ['/etc/fluid/mount/tiered-store/level-0-index-0-hostpath', '/etc/fluid/mount/tiered-store/level-0-index-1-hostpath'], mediumType: 'HDD', quotas: ['100Gi', '1Ti'] },
      { mountPaths: ['/etc/fluid/mount/tiered-store/level-1-index-0-emptydir'], mediumType: 'MEM', quotas: ['10Gi'] },
    ]);
  });

  it('the guide form (path + quota + medium.emptyDir) is an emptyDir mounted at path', () => {
    const objects = withWorker([{ path: '/cache-data', quota: '40Gi', high: '0.8', medium: { emptyDir: { medium: 'Memory' } } }]);
    const worker = find(objects, 'StatefulSet', 'demo-worker');
    expect(worker.spec.template.spec.volumes).toContainEqual({ name: 'tiered-store-level-0-index-0', emptyDir: { medium: 'Memory', sizeLimit: '40Gi' } });
    expect(mainContainer(worker).volumeMounts).toContainEqual({ name: 'tiered-store-level-0-index-0', mountPath: '/cache-data' });
    expect(runtimeJson(objects).worker.tieredStoreLevels).toEqual([{ mountPaths: ['/cache-data'], mediumType: 'MEM', quotas: ['40Gi'], high: '0.8' }]);
  });

  it('client tiers mount in the client', () => {
    const objects = render({ runtime: runtimeDoc({ client: { tieredStore: { levels: [{ emptyDir: { quota: '1Gi' } }] } } }) });
    expect(find(objects, 'DaemonSet', 'demo-client').spec.template.spec.volumes).toContainEqual({ name: 'tiered-store-level-0-index-0', emptyDir: { sizeLimit: '1Gi' } });
    expect(runtimeJson(objects).client.tieredStoreLevels).toHaveLength(1);
  });
});

describe('CacheRuntime secrets: mounted, never copied', () => {
  const secretDataset = datasetDoc({
    sharedEncryptOptions: [{ name: 'token', valueFrom: { secretKeyRef: { name: 'zz-shared-secret', key: 'zz-token-key' } } }],
    mounts: [
      { mountPoint: 'demofs:///data', name: 'data', encryptOptions: [{ name: 'access-key', valueFrom: { secretKeyRef: { name: 'zz-mount-secret', key: 'zz-ak-key' } } }] },
      { mountPoint: 'pvc://claim/sub', name: 'native', encryptOptions: [{ name: 'unused', valueFrom: { secretKeyRef: { name: 'zz-native-secret', key: 'zz-k' } } }] },
    ],
  });
  const objects = render({ dataset: secretDataset });
  const secretVolume = (s: string) => ({ name: `cache-mnt-secret-${s}`, secret: { secretName: s } });
  const secretMount = (s: string) => ({ name: `cache-mnt-secret-${s}`, mountPath: `/etc/fluid/secrets/${s}`, readOnly: true });

  it('master and worker mount each Secret read-only at /etc/fluid/secrets/<secret>; native mounts need none', () => {
    for (const name of ['demo-master', 'demo-worker']) {
      const w = find(objects, 'StatefulSet', name);
      const names = w.spec.template.spec.volumes.map((v: any) => v.name);
      expect(w.spec.template.spec.volumes).toEqual(expect.arrayContaining([secretVolume('zz-shared-secret'), secretVolume('zz-mount-secret')]));
      expect(names).not.toContain('cache-mnt-secret-zz-native-secret');
      expect(mainContainer(w).volumeMounts).toEqual(expect.arrayContaining([secretMount('zz-shared-secret'), secretMount('zz-mount-secret')]));
    }
  });

  it('the client mounts none by default', () => {
    expect(JSON.stringify(find(objects, 'DaemonSet', 'demo-client'))).not.toContain('zz-');
  });

  it('the client mounts them with secretMount.enabled or the guide encryptOption; master opts out with enabled: false', () => {
    const client = (dependencies: unknown) => ({ dependencies, template: { spec: { containers: [{ name: 'client', image: 'x:1' }] } } });
    for (const deps of [{ secretMount: { enabled: true } }, { encryptOption: {} }]) {
      const out = render({ dataset: secretDataset, runtimeClass: fluidClass({}, { client: client(deps) }) });
      expect(find(out, 'DaemonSet', 'demo-client').spec.template.spec.volumes).toContainEqual(secretVolume('zz-mount-secret'));
    }
    const master = { dependencies: { secretMount: { enabled: false } }, template: { spec: { containers: [{ name: 'master', image: 'x:1' }] } } };
    const out = render({ dataset: secretDataset, runtimeClass: fluidClass({}, { master }) });
    expect(JSON.stringify(find(out, 'StatefulSet', 'demo-master'))).not.toContain('zz-');
  });

  it('runtime.json holds only file paths of the keys; no env or annotation refers to a Secret', () => {
    const json = runtimeJson(objects);
    expect(json.mounts[0].encryptOptions).toEqual({ 'access-key': '/etc/fluid/secrets/zz-mount-secret/zz-ak-key', token: '/etc/fluid/secrets/zz-shared-secret/zz-token-key' });
    expect(json.mounts[1].encryptOptions).toEqual({ token: '/etc/fluid/secrets/zz-shared-secret/zz-token-key', unused: '/etc/fluid/secrets/zz-native-secret/zz-k' });
    const text = JSON.stringify(objects);
    expect(text).not.toMatch(/secretKeyRef/);
    // Every mention of a secret name is a volume, a mount path or a file path under /etc/fluid/secrets.
    const mentions = text.match(/[^"]*zz-[a-z-]*secret[^"]*/g) ?? [];
    for (const m of mentions) expect(m).toMatch(/^(zz-[a-z-]+secret|cache-mnt-secret-zz-[a-z-]+|\/etc\/fluid\/secrets\/zz-[a-z-]+(\/zz-[a-z-]+)?|.*\/etc\/fluid\/secrets\/zz-[a-z-]+\/zz-[a-z-]+.*)$/);
    for (const o of objects) expect(JSON.stringify(o.metadata.annotations ?? {})).not.toContain('zz-');
  });

  it('a Secret name too long for a volume name is truncated and hashed', () => {
    const long = `s${'e'.repeat(60)}`;
    expect(secretVolumeName('jfs-secret')).toBe('cache-mnt-secret-jfs-secret');
    expect(secretVolumeName(long)).toHaveLength(63);
    const hash = createHash('sha256').update(long).digest('hex').slice(0, 8);
    expect(secretVolumeName(long)).toBe(`cache-mnt-secret-${long.slice(0, 38)}${hash}`);
    expect(secretVolumeName(long)).not.toBe(secretVolumeName(`${long}x`));
  });
});

describe('CacheRuntime check', () => {
  const errors = (docs: Parameters<typeof inputOf>[0]) => cacheEngine.check(inputOf(docs)).map((e) => `${e.object} ${e.path}: ${e.message}`);
  const container = { name: 'c', image: 'x:1' };

  it('accepts the default inputs', () => {
    expect(errors({})).toEqual([]);
  });

  it('the class must define a component', () => {
    const runtimeClass = { ...fluidClass(), topology: {} };
    expect(errors({ runtimeClass })).toEqual(['runtimeClass topology: define at least one component: master, worker or client']);
  });

  it('each enabled component needs a container, in one template spelling', () => {
    const runtimeClass = fluidClass({}, {
      master: { template: { spec: { containers: [] } } },
      worker: { podTemplateSpec: { spec: { containers: [] } } },
      client: { template: { spec: { containers: [container] } }, podTemplateSpec: { spec: { containers: [container] } } },
    });
    expect(errors({ runtimeClass })).toEqual([
      'runtimeClass topology.master.template.spec.containers: the master needs at least one container; container[0] runs the component',
      'runtimeClass topology.worker.podTemplateSpec.spec.containers: the worker needs at least one container; container[0] runs the component',
      'runtimeClass topology.client.podTemplateSpec: set either template (Fluid) or podTemplateSpec (CacheRuntime guide), not both',
    ]);
    expect(errors({ runtimeClass, runtime: runtimeDoc({ master: { disabled: true }, worker: { disabled: true }, client: { disabled: true } }) })).toEqual([]);
  });

  it('encrypt options need a Secret name and key', () => {
    const dataset = datasetDoc({
      sharedEncryptOptions: [{ name: 'token' }],
      mounts: [{ mountPoint: 'demofs:///x', name: 'x', encryptOptions: [{ name: 'ak', valueFrom: { secretKeyRef: { name: 's' } } }] }],
    });
    expect(errors({ dataset })).toEqual([
      'dataset spec.sharedEncryptOptions[0].valueFrom.secretKeyRef: required: CacheRuntime mounts the Secret and hands the file of the key to the cache; name both (option "token")',
      'dataset spec.mounts[0].encryptOptions[0].valueFrom.secretKeyRef.key: required: CacheRuntime mounts the Secret and hands the file of the key to the cache; name both (option "ak")',
    ]);
  });

  it('tiered store: one medium per tier, one processMemory tier, a quota per path, no zero quota', () => {
    const runtime = runtimeDoc({
      worker: {
        tieredStore: {
          levels: [
            { processMemory: { quota: '1Gi' }, emptyDir: { quota: '1Gi' } },
            { processMemory: { quota: '1Gi' } },
            { processMemory: { quota: '2Gi' } },
            { hostPath: { paths: ['/a', '/b'], quotas: ['1Gi'] } },
            { emptyDir: { quota: '0' } },
            { high: '0.9' },
            { path: '/cache', medium: { emptyDir: {}, hostPath: {} } },
          ],
        },
      },
    });
    expect(errors({ runtime })).toEqual([
      'runtime spec.worker.tieredStore.levels[0]: a tier takes exactly one medium: processMemory, emptyDir, hostPath, or path + quota (+ medium); found 2',
      'runtime spec.worker.tieredStore.levels[3].hostPath.quotas: needs one quota per path: 2 path(s), 1 quota(s)',
      'runtime spec.worker.tieredStore.levels[4].emptyDir.quota: a cache tier needs a quota greater than zero',
      'runtime spec.worker.tieredStore.levels[5]: a tier takes exactly one medium: processMemory, emptyDir, hostPath, or path + quota (+ medium); found 0',
      'runtime spec.worker.tieredStore.levels[6].medium: set one of medium.emptyDir or medium.hostPath',
      'runtime spec.worker.tieredStore.levels[6].quota: required with path/medium: the size of the tier, such as "40Gi"',
      'runtime spec.worker.tieredStore.levels[1].processMemory: at most one processMemory tier per component; levels[0] is one already',
      'runtime spec.worker.tieredStore.levels[2].processMemory: at most one processMemory tier per component; levels[0] is one already',
    ]);
  });

  it('the guide form of a host-directory tier needs its path', () => {
    const runtime = runtimeDoc({ client: { tieredStore: { levels: [{ quota: '5Gi' }] } } });
    expect(errors({ runtime })).toEqual(['runtime spec.client.tieredStore.levels[0].path: required for a host-directory tier: the host directory to cache in']);
  });

  it('component volumeMounts must name a runtime or template volume', () => {
    const runtime = runtimeDoc({ volumes: [{ name: 'data', emptyDir: {} }], client: { volumeMounts: [{ name: 'data', mountPath: '/a' }, { name: 'missing', mountPath: '/b' }] } });
    expect(errors({ runtime })).toEqual(['runtime spec.client.volumeMounts[1].name: volume "missing" is not in spec.volumes (data) nor in the class template of the client']);
  });

  it('extra ConfigMaps must be declared in the class, with a name and a mount path', () => {
    const runtimeClass = fluidClass(
      { extraResources: { configMaps: [{ name: 'declared' }, { data: { a: 'b' } }] } },
      { master: { dependencies: { extraResources: { configMaps: [{ name: 'declared', mountPath: '/a' }, { name: 'other', mountPath: '/b' }, { name: 'declared' }] } }, template: { spec: { containers: [container] } } } },
    );
    expect(errors({ runtimeClass })).toEqual([
      'runtimeClass extraResources.configMaps[1].name: required: the ConfigMap is created with exactly this name',
      'runtimeClass topology.master.dependencies.extraResources.configMaps[1].name: ConfigMap "other" is not declared in extraResources.configMaps; declared: declared',
      'runtimeClass topology.master.dependencies.extraResources.configMaps[2].mountPath: required: where the ConfigMap is mounted in the component',
    ]);
  });

  it('a headless Service needs a StatefulSet when workloadType names the kind', () => {
    const runtimeClass = fluidClass({}, { client: { workloadType: { kind: 'DaemonSet' }, service: { headless: {} }, template: { spec: { containers: [container] } } } });
    expect(errors({ runtimeClass })).toEqual(['runtimeClass topology.client.service.headless: a headless Service is only created for a StatefulSet component; workloadType.kind is DaemonSet']);
    // Fluid's own spelling has no workloadType, and Fluid then creates the client's Service.
    const fluidForm = fluidClass({}, { client: { service: { headless: {} }, template: { spec: { containers: [container] } } } });
    expect(errors({ runtimeClass: fluidForm })).toEqual([]);
    expect(find(render({ runtimeClass: fluidForm }), 'Service', 'svc-demo-client').spec.selector).toEqual(selectorOf('client'));
  });

  it('synth reports check errors against the object that holds the field', () => {
    const registry = new EngineRegistry([cacheEngine]);
    const result = renderDocuments([runtimeDoc(), datasetDoc(), { ...fluidClass(), topology: {} }], registry);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message)).toEqual(['CacheRuntimeClass demofs: topology: define at least one component: master, worker or client']);
  });

  it('synth renders a valid set of documents', () => {
    const result = renderDocuments([runtimeDoc(), datasetDoc(), fluidClass()], new EngineRegistry([cacheEngine]));
    expect(result.ok && result.groups.map((g) => g.source)).toEqual(['CacheRuntime team-a/demo']);
  });
});

describe('runtimeConfig (pure): runtime.json', () => {
  const dataset = datasetDoc({
    sharedOptions: { region: 'shared', zone: 'z1' },
    mounts: [
      { mountPoint: 'demofs:///a', name: 'a', options: { region: 'mount' }, readOnly: true },
      { mountPoint: 'demofs:///b', name: '/b', path: '/custom', shared: true },
      { mountPoint: 'demofs:///c', name: 'c', path: 'relative' },
    ],
  });
  const runtime = runtimeDoc({ options: { level: 'runtime', 'runtime-only': 'r' }, master: { replicas: 0, options: { level: 'master' } }, worker: { replicas: 2 } });

  it('Fluid keys: mounts with merged options and paths, default access mode, target path, component sections', () => {
    const config = runtimeConfig(inputOf({ dataset, runtime }));
    expect(config.mounts).toEqual([
      { mountPoint: 'demofs:///a', options: { region: 'mount', zone: 'z1' }, name: 'a', path: '/a', readOnly: true },
      { mountPoint: 'demofs:///b', options: { region: 'shared', zone: 'z1' }, name: '/b', path: '/custom', shared: true },
      { mountPoint: 'demofs:///c', options: { region: 'shared', zone: 'z1' }, name: 'c', path: '/c' },
    ]);
    expect(config.accessModes).toEqual(['ReadOnlyMany']);
    expect(config.targetPath).toBe(MOUNT_PATH);
    // class < runtime < component; replicas 0 is left out as Go's omitempty does.
    expect(config.master).toEqual({ enabled: true, name: 'demo-master', options: { 'class-only': 'm', level: 'master', 'runtime-only': 'r' }, service: { name: 'svc-demo-master' } });
    expect(config.worker).toEqual({ enabled: true, name: 'demo-worker', options: { level: 'runtime', 'runtime-only': 'r' }, replicas: 2, service: { name: 'svc-demo-worker' } });
    expect(config.client).toEqual({ enabled: true, name: 'demo-client', options: { level: 'runtime', 'runtime-only': 'r' }, service: { name: '' } });
    expect(Object.keys(config.master!.options!)).toEqual(['class-only', 'level', 'runtime-only']);
  });

  it('topology lists the observed pods of each component and its Service; empty lists when nothing is observed', () => {
    const observed = {
      componentPods: {
        master: [{ podName: 'demo-master-0', podIP: '10.0.0.1' }],
        worker: [{ podName: 'demo-worker-0', podIP: '10.0.0.2' }, { podName: 'demo-worker-1', podIP: '10.0.0.3' }],
      },
    };
    expect(runtimeConfig(inputOf({ observed })).topology).toEqual({
      master: { podConfigs: [{ podName: 'demo-master-0', podIP: '10.0.0.1' }], service: { name: 'svc-demo-master' } },
      worker: { podConfigs: observed.componentPods.worker, service: { name: 'svc-demo-worker' } },
      client: { podConfigs: [], service: { name: '' } },
    });
    expect(runtimeConfig(inputOf()).topology.worker).toEqual({ podConfigs: [], service: { name: 'svc-demo-worker' } });
  });

  it('the ConfigMap holds exactly that JSON under runtime.json', () => {
    const input = inputOf({ dataset, runtime });
    const objects = renderRuntime(cacheEngine, input).objects as Obj[];
    expect(find(objects, 'ConfigMap', 'fluid-runtime-config-demo').data).toEqual({ 'runtime.json': runtimeConfigJson(runtimeConfig(input)) });
    expect(mountPath({ mountPoint: 'x://y', name: '//n' })).toBe('/n');
  });
});

describe('objects are plain data', () => {
  it('the same input renders byte-identical output', () => {
    expect(JSON.stringify(render())).toBe(JSON.stringify(render()));
  });

  it('no object carries a value that is not a string, number, boolean, list or map', () => {
    const walk = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v) || (typeof v === 'object' && Object.values(v as object).every(walk));
    expect(render().every((o: Obj) => walk(o))).toBe(true);
  });
});
