// Each component on its own: defaults, every prop, and what Fluid compatibility depends on, asserted by name.
import { App, Chart } from 'cdk8s';
import { CacheMaster } from '../../../../constructs/components/cache-master';
import { CacheWorker } from '../../../../constructs/components/cache-worker';
import { DatasetVolume } from '../../../../constructs/components/dataset-volume';
import { OperationJob } from '../../../../constructs/components/operation-job';
import { FuseDaemonSet } from '../../../../constructs/components/fuse-daemon-set';
import { RuntimeConfigMap } from '../../../../constructs/components/runtime-config-map';

type Obj = { kind: string; metadata: any; spec?: any; data?: any };

function synth(build: (chart: Chart) => void): Obj[] {
  const chart = new Chart(new App(), 'test', { namespace: 'team-a', disableResourceNameHashes: true });
  build(chart);
  return chart.toJson() as Obj[];
}

const container = { name: 'main', image: 'example/image:v1' };
const ds = { namespace: 'team-a', name: 'data' };

describe('CacheMaster', () => {
  it('defaults: one replica, Parallel, OnDelete, governing service = name, no Service', () => {
    const [sts, ...rest] = synth((c) => new CacheMaster(c, 'm', { name: 'data-master', labels: { a: '1' }, selector: { role: 'm' }, template: { spec: { containers: [container] } } }));
    expect(rest).toEqual([]);
    expect(sts.kind).toBe('StatefulSet');
    expect(sts.metadata).toEqual({ name: 'data-master', namespace: 'team-a', labels: { a: '1' } });
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
    expect(sts.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(sts.spec.serviceName).toBe('data-master');
    expect(sts.spec.selector).toEqual({ matchLabels: { role: 'm' } });
    expect(sts.spec.template.metadata.labels).toEqual({ role: 'm' });
    // nothing cdk8s-plus would add
    expect(JSON.stringify(sts)).not.toMatch(/cdk8s\.io|startupProbe|runAsNonRoot|automountServiceAccountToken/);
  });

  it('one headless Service per replica, selecting its pod by name', () => {
    const objs = synth((c) => new CacheMaster(c, 'm', {
      name: 'data-master', labels: {}, selector: { role: 'm' }, replicas: 3, template: { spec: { containers: [container] } },
      services: { kind: 'per-replica', labels: { monitor: 'x' }, selector: { role: 'm' }, ports: [{ name: 'rpc', port: 19998 }] },
    }));
    const services = objs.filter((o) => o.kind === 'Service');
    expect(services.map((s) => s.metadata.name)).toEqual(['data-master-0', 'data-master-1', 'data-master-2']);
    expect(services[2].spec).toEqual({
      clusterIP: 'None',
      selector: { role: 'm', 'statefulset.kubernetes.io/pod-name': 'data-master-2' },
      ports: [{ name: 'rpc', port: 19998, targetPort: 19998, protocol: 'TCP' }],
    });
  });

  it('one headless Service for all replicas, publishing not-ready pods when asked', () => {
    const objs = synth((c) => new CacheMaster(c, 'm', {
      name: 'data-master', serviceName: 'svc-data-master', labels: {}, selector: { role: 'm' }, template: { spec: { containers: [container] } },
      services: { kind: 'single', labels: { l: 'v' }, publishNotReadyAddresses: true },
    }));
    const svc = objs.find((o) => o.kind === 'Service')!;
    expect(svc.metadata.name).toBe('svc-data-master');
    expect(svc.spec).toEqual({ clusterIP: 'None', selector: { role: 'm' }, publishNotReadyAddresses: true });
    expect(objs.find((o) => o.kind === 'StatefulSet')!.spec.serviceName).toBe('svc-data-master');
  });
});

describe('CacheWorker', () => {
  const base = { name: 'data-worker', labels: { role: 'w' }, selector: { role: 'w' }, replicas: 2, template: { spec: { containers: [container] } }, datasetId: 'team-a-data', fuseLabelKey: 'fluid.io/f-team-a-data' };

  it('Exclusive: required anti-affinity to any dataset worker, prefers fuse nodes, dataset labels', () => {
    const [sts] = synth((c) => new CacheWorker(c, 'w', base));
    expect(sts.metadata.labels).toEqual({ role: 'w', 'fluid.io/dataset': 'team-a-data', 'fluid.io/dataset-placement': 'Exclusive' });
    expect(sts.spec.template.metadata.labels).toMatchObject({ 'fluid.io/dataset': 'team-a-data', 'fluid.io/dataset-placement': 'Exclusive' });
    const affinity = sts.spec.template.spec.affinity;
    expect(affinity.podAntiAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'fluid.io/dataset', operator: 'Exists' }] }, topologyKey: 'kubernetes.io/hostname' }],
    });
    expect(affinity.nodeAffinity).toEqual({
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'fluid.io/f-team-a-data', operator: 'In', values: ['true'] }] } }],
    });
    expect(sts.spec.replicas).toBe(2);
  });

  it('Shared: avoids Exclusive workers, prefers spreading; dataset node affinity becomes required', () => {
    const required = { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] };
    const [sts] = synth((c) => new CacheWorker(c, 'w', { ...base, placement: 'Shared', datasetNodeAffinity: required }));
    const affinity = sts.spec.template.spec.affinity;
    expect(affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      { labelSelector: { matchExpressions: [{ key: 'fluid.io/dataset-placement', operator: 'In', values: ['Exclusive'] }] }, topologyKey: 'kubernetes.io/hostname' },
    ]);
    expect(affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight).toBe(50);
    expect(affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual(required);
  });

  it('keeps affinity terms already in the template', () => {
    const own = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchLabels: { x: 'y' } } }] } };
    const [sts] = synth((c) => new CacheWorker(c, 'w', { ...base, template: { spec: { containers: [container], affinity: own } } }));
    expect(sts.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toHaveLength(2);
  });
});

describe('FuseDaemonSet', () => {
  const props = {
    name: 'data-fuse', labels: { role: 'f' }, selector: { role: 'f' }, fuseLabelKey: 'fluid.io/f-team-a-data',
    template: { spec: { containers: [container, { name: 'sidecar', image: 's' }] } },
    mountPoint: { volumeName: 'fuse-mount', hostPath: '/runtime-mnt/x/team-a/data', containerPath: '/jfs' },
  };

  it('runs where the dataset is used, mounts Bidirectional, privileged, critical, tolerates all, OnDelete', () => {
    const [ds] = synth((c) => new FuseDaemonSet(c, 'f', { ...props, nodeSelector: { pool: 'gpu' }, fuseDeviceVolume: 'fuse-device' }));
    const spec = ds.spec.template.spec;
    expect(spec.nodeSelector).toEqual({ pool: 'gpu', 'fluid.io/f-team-a-data': 'true' });
    expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(spec.priorityClassName).toBe('system-node-critical');
    expect(ds.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(spec.volumes).toEqual([
      { name: 'fuse-mount', hostPath: { path: '/runtime-mnt/x/team-a/data', type: 'DirectoryOrCreate' } },
      { name: 'fuse-device', hostPath: { path: '/dev/fuse', type: 'CharDevice' } },
    ]);
    expect(spec.containers[0].securityContext).toEqual({ privileged: true });
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'fuse-mount', mountPath: '/jfs', mountPropagation: 'Bidirectional' },
      { name: 'fuse-device', mountPath: '/dev/fuse' },
    ]);
    expect(spec.containers[1]).toEqual({ name: 'sidecar', image: 's' });
  });

  it('lets the critical priority and the blanket toleration be switched off', () => {
    const [ds] = synth((c) => new FuseDaemonSet(c, 'f', { ...props, priorityClassName: null, tolerateAllTaints: false }));
    expect(ds.spec.template.spec.priorityClassName).toBeUndefined();
    expect(ds.spec.template.spec.tolerations).toBeUndefined();
  });

  it('refuses a template without containers, naming the DaemonSet', () => {
    expect(() => synth((c) => new FuseDaemonSet(c, 'f', { ...props, template: { spec: { containers: [] } } }))).toThrow(
      'FuseDaemonSet data-fuse: the pod template has no container',
    );
  });
});

describe('RuntimeConfigMap', () => {
  it('holds exactly the data given', () => {
    const [cm] = synth((c) => new RuntimeConfigMap(c, 'c', { name: 'data-config', data: { 'a.properties': 'x=1' } }));
    expect(cm).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'data-config', namespace: 'team-a' }, data: { 'a.properties': 'x=1' } });
  });
});

describe('DatasetVolume', () => {
  it("has Fluid's names, labels, annotations and CSI attributes; the PV is cluster-scoped", () => {
    const [pv, pvc] = synth((c) => new DatasetVolume(c, 'v', { dataset: ds, fluidPath: '/runtime-mnt/alluxio/team-a/data/alluxio-fuse', mountType: 'fuse.alluxio-fuse' }));
    expect(pv.kind).toBe('PersistentVolume');
    expect(pv.metadata).toEqual({
      name: 'team-a-data',
      labels: { 'fluid.io/s-team-a-data': 'true', 'fluid.io/dataset-id': 'team-a-data' },
      annotations: { CreatedBy: 'fluid' },
    });
    expect(pv.spec).toEqual({
      accessModes: ['ReadOnlyMany'],
      capacity: { storage: '100Pi' },
      storageClassName: 'fluid',
      claimRef: { namespace: 'team-a', name: 'data' },
      csi: {
        driver: 'fuse.csi.fluid.io',
        volumeHandle: 'team-a-data',
        volumeAttributes: {
          fluid_path: '/runtime-mnt/alluxio/team-a/data/alluxio-fuse',
          mount_type: 'fuse.alluxio-fuse',
          runtime_namespace: 'team-a',
          runtime_name: 'data',
          mount_pod_node_selector_key: 'fluid.io/f-team-a-data',
        },
      },
    });
    expect(pvc.metadata).toEqual({ name: 'data', namespace: 'team-a', labels: pv.metadata.labels, annotations: { CreatedBy: 'fluid' } });
    expect(pvc.spec).toEqual({ accessModes: ['ReadOnlyMany'], resources: { requests: { storage: '100Pi' } }, storageClassName: 'fluid', volumeName: 'team-a-data' });
  });

  it('carries access modes, capacity, fuse node affinity, skip-check, extra metadata and the fuse generation', () => {
    const [pv, pvc] = synth((c) => new DatasetVolume(c, 'v', {
      dataset: ds, fluidPath: '/p', mountType: 't', accessModes: ['ReadWriteMany'], capacity: '1Ti', fuseNodeSelector: { pool: 'gpu' },
      skipCheckMountReadyTarget: 'All', pvMetadata: { labels: { 'fluid.io/node-publish-method': 'symlink' } }, pvcMetadata: { annotations: { team: 'a' } }, fuseGeneration: 3,
    }));
    expect(pv.spec.accessModes).toEqual(['ReadWriteMany']);
    expect(pv.spec.capacity).toEqual({ storage: '1Ti' });
    expect(pv.spec.nodeAffinity).toEqual({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['gpu'] }] }] } });
    expect(pv.spec.csi.volumeAttributes['fluid.io/skip-check-mount-ready-target']).toBe('All');
    expect(pv.spec.csi.volumeAttributes.node_publish_method).toBe('symlink');
    expect(pvc.metadata.annotations).toEqual({ team: 'a', CreatedBy: 'fluid' });
    expect(pvc.metadata.labels['fuse.runtime.fluid.io/generation']).toBe('3');
  });
});

describe('OperationJob', () => {
  const loader = { labels: { role: 'dataload-pod' }, spec: { containers: [{ name: 'dataloader', image: 'loader:v1' }] } };

  it('Once: a Job with Fluid chart defaults and the script mounted at /scripts', () => {
    const [cm, job] = synth((c) => new OperationJob(c, 'l', {
      name: 'warm-loader-job', labels: { release: 'warm-loader', role: 'dataload-job' }, schedule: { policy: 'Once' }, template: loader,
      script: { configMapName: 'warm-loader-data-load-script', labels: { role: 'dataload-job' }, data: { 'load.sh': 'echo load' }, volumeName: 'data-load-script', mountPath: '/scripts' },
    }));
    expect(cm).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'warm-loader-data-load-script' }, data: { 'load.sh': 'echo load' } });
    expect(job.kind).toBe('Job');
    expect(job.spec).toMatchObject({ backoffLimit: 3, completions: 1, parallelism: 1 });
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.volumes).toEqual([{ name: 'data-load-script', configMap: { name: 'warm-loader-data-load-script', defaultMode: 0o555 } }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'data-load-script', mountPath: '/scripts' }]);
    expect(job.spec.template.metadata.labels).toEqual({ role: 'dataload-pod' });
  });

  it('Cron: a CronJob on the schedule', () => {
    const [cron] = synth((c) => new OperationJob(c, 'l', { name: 'warm-loader-job', labels: { a: 'b' }, schedule: { policy: 'Cron', schedule: '*/5 * * * *' }, template: loader, backoffLimit: 1 }));
    expect(cron.kind).toBe('CronJob');
    expect(cron.spec.schedule).toBe('*/5 * * * *');
    expect(cron.spec.jobTemplate.spec.backoffLimit).toBe(1);
  });
});
