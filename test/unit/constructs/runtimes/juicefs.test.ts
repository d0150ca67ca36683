// JuiceFSRuntime: the objects Fluid's juicefs chart renders, asserted by name; the scripts Fluid's transform writes
// (format or auth, quota, mount with its options) for both editions; credentials passed only by secretKeyRef; and
// every check error with its full message.
import type { JuiceFSRuntimeSpec } from '../../../../crds/schema/juicefs-runtime';
import { EngineRegistry } from '../../../../constructs/runtimes/engine-registry';
import { juicefsEngine } from '../../../../constructs/runtimes/juicefs/engine';
import { renderDocuments } from '../../../../constructs/render-documents';
import { envOf, inputOf, Inputs, LIBRARY, NAME, namesOf, NS, Obj, pathsContaining, rendered } from './engine-fixtures';

const secret = (name: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: 'jfs-secret', key } } });

const COMMUNITY = {
  mounts: [
    {
      mountPoint: 'juicefs:///demo',
      name: 'minio',
      options: { bucket: 'http://minio:9000/test', storage: 'minio' },
      encryptOptions: [secret('metaurl', 'metaurl'), secret('access-key', 'access-key'), secret('secret-key', 'secret-key')],
    },
  ],
};
const ENTERPRISE = {
  mounts: [{ mountPoint: 'juicefs:///', name: 'jfs', options: { bucket: 'https://b.example' }, encryptOptions: [secret('token', 'token'), secret('access-key', 'ak')] }],
};

const BASE = {
  kind: 'JuiceFSRuntime',
  runtime: { replicas: 2, tieredstore: { levels: [{ mediumtype: 'SSD', path: '/mnt/jfs-cache', quota: '10Gi', low: '0.1' }] } },
  dataset: COMMUNITY,
};

const input = (i: Inputs = {}) => inputOf<JuiceFSRuntimeSpec>(BASE, i);
const errorsOf = (i: Inputs) => juicefsEngine.check(input(i));

function render(i: Inputs = {}) {
  const r = rendered(juicefsEngine, input(i));
  const worker = () => r.find('StatefulSet', 'demo-worker');
  const fuse = () => r.find('DaemonSet', 'demo-fuse');
  const script = (component: 'worker' | 'fuse') => r.find('ConfigMap', `demo-${component}-script`).data['script.sh'] as string;
  const lines = (component: 'worker' | 'fuse') => script(component).split('\n');
  /** The mount options of a component's `exec mount.juicefs ... -o <options>` line. */
  const mountOptions = (component: 'worker' | 'fuse') => lines(component).find((l) => l.startsWith('exec '))!.split(' -o ')[1].split(',');
  return { ...r, worker, fuse, script, lines, mountOptions };
}

const volume = (w: Obj, name: string) => w.spec.template.spec.volumes.find((v: { name: string }) => v.name === name);
const RELEASE = { app: 'juicefs', chart: 'juicefs-0.2.16', release: NAME, heritage: 'fluid-cdk8s' };
const SECRET_ENV = {
  METAURL: { secretKeyRef: { name: 'jfs-secret', key: 'metaurl' } },
  ACCESS_KEY: { secretKeyRef: { name: 'jfs-secret', key: 'access-key' } },
  SECRET_KEY: { secretKeyRef: { name: 'jfs-secret', key: 'secret-key' } },
};

describe('JuiceFSRuntime objects', () => {
  it('renders the loader account, both scripts, workers, fuse, PV and PVC in apply order, and no master', () => {
    const { objects } = render();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/demo-loader',
      'Role/demo-loader',
      'RoleBinding/demo-loader',
      'ConfigMap/demo-fuse-script',
      'ConfigMap/demo-worker-script',
      'StatefulSet/demo-worker',
      'DaemonSet/demo-fuse',
      'PersistentVolume/team-a-demo',
      'PersistentVolumeClaim/demo',
    ]);
    expect(JSON.stringify(objects)).not.toMatch(/cdk8s\.io|runAsNonRoot|automountServiceAccountToken|startupProbe/);
  });

  it('reports the workloads, the volume and the status selector', () => {
    expect(render().built).toEqual({
      workers: { kind: 'StatefulSet', name: 'demo-worker', replicas: 2 },
      fuse: { kind: 'DaemonSet', name: 'demo-fuse' },
      volume: { fluidPath: '/runtime-mnt/juicefs/team-a/demo/juicefs-fuse', mountType: 'JuiceFS', fuseNodeSelector: undefined },
      statusSelector: 'app=juicefs,release=demo,role=juicefs-worker',
    });
  });

  it('gives the PV the CSI attributes the Fluid CSI plugin reads', () => {
    const { find } = render({ runtime: { fuse: { nodeSelector: { pool: 'gpu' } } } });
    expect(find('PersistentVolume', 'team-a-demo').spec.csi.volumeAttributes).toEqual({
      fluid_path: '/runtime-mnt/juicefs/team-a/demo/juicefs-fuse',
      mount_type: 'JuiceFS',
      runtime_namespace: NS,
      runtime_name: NAME,
      mount_pod_node_selector_key: 'fluid.io/f-team-a-demo',
    });
  });

  it('binds the loader Role to the loader ServiceAccount', () => {
    const { find } = render();
    expect(find('ServiceAccount', 'demo-loader').metadata.labels).toEqual(LIBRARY('juicefs'));
    expect(find('Role', 'demo-loader').rules).toEqual([
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['get', 'create', 'list'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
    ]);
    const binding = find('RoleBinding', 'demo-loader');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'demo-loader' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'demo-loader', namespace: NS }]);
  });

  it('labels and selects the workers, which run the worker script as privileged root on the host network', () => {
    const { worker, container, find } = render({ dataset: { ...COMMUNITY, tolerations: [{ key: 'gpu', operator: 'Exists' }] } });
    const sts = worker();
    const dataset = { 'fluid.io/dataset': `${NS}-${NAME}`, 'fluid.io/dataset-placement': 'Exclusive' };
    expect(sts.metadata.labels).toEqual({ ...RELEASE, role: 'juicefs-worker', ...LIBRARY('juicefs'), ...dataset });
    expect(sts.spec.selector.matchLabels).toEqual({ ...RELEASE, role: 'juicefs-worker' });
    expect([sts.spec.serviceName, sts.spec.replicas, sts.spec.podManagementPolicy, sts.spec.updateStrategy]).toEqual(['demo-worker', 2, 'Parallel', { type: 'OnDelete' }]);
    expect(sts.spec.template.metadata.labels).toEqual({ 'sidecar.istio.io/inject': 'false', ...RELEASE, role: 'juicefs-worker', ...LIBRARY('juicefs'), ...dataset });
    expect(sts.spec.template.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false' });
    const pod = sts.spec.template.spec;
    expect([pod.hostNetwork, pod.dnsPolicy, pod.enableServiceLinks]).toEqual([true, 'ClusterFirstWithHostNet', false]);
    expect(pod.tolerations).toEqual([{ key: 'gpu', operator: 'Exists' }]);
    expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].key).toBe('fluid.io/dataset');
    const c = container(sts, 'juicefs-worker');
    expect(c.image).toBe('juicedata/mount:ce-v1.3.0');
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.command).toEqual(['sh', '/root/script/script.sh']);
    expect(c.securityContext).toEqual({ runAsUser: 0, privileged: true });
    expect(c.ports).toEqual([{ containerPort: 9568, name: 'metrics', protocol: 'TCP' }]);
    expect(envOf(c)).toEqual({ JFS_FOREGROUND: '1', ...SECRET_ENV });
    expect(c.lifecycle).toEqual({ preStop: { exec: { command: ['sh', '-c', 'umount /runtime-mnt/juicefs/team-a/demo/juicefs-fuse'] } } });
    expect(c.volumeMounts).toEqual([
      { name: 'script', mountPath: '/root/script' },
      { name: 'cache-dir-0', mountPath: '/mnt/jfs-cache' },
    ]);
    expect(volume(sts, 'script')).toEqual({ name: 'script', configMap: { name: 'demo-worker-script', defaultMode: 0o755 } });
    expect(volume(sts, 'cache-dir-0')).toEqual({ name: 'cache-dir-0', hostPath: { path: '/mnt/jfs-cache', type: 'DirectoryOrCreate' } });
    expect(find('ConfigMap', 'demo-worker-script').metadata.labels).toEqual({ ...RELEASE, role: 'juicefs-worker', ...LIBRARY('juicefs') });
  });

  it('labels and selects the fuse, which mounts the shared host folder Bidirectionally on labelled nodes', () => {
    const { fuse, container, find } = render();
    const ds = fuse();
    expect(ds.metadata.labels).toEqual({ ...RELEASE, role: 'juicefs-fuse', ...LIBRARY('juicefs') });
    expect(ds.spec.selector.matchLabels).toEqual({ ...RELEASE, role: 'juicefs-fuse' });
    expect(ds.spec.template.metadata.labels).toEqual({ 'fuse.runtime.fluid.io/generation': '1', 'sidecar.istio.io/inject': 'false', ...RELEASE, role: 'juicefs-fuse', ...LIBRARY('juicefs') });
    const pod = ds.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'fluid.io/f-team-a-demo': 'true' });
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(pod.priorityClassName).toBe('system-node-critical');
    expect([pod.hostNetwork, pod.dnsPolicy]).toEqual([true, 'ClusterFirstWithHostNet']);
    const c = container(ds, 'juicefs-fuse');
    expect(c.ports).toEqual([{ containerPort: 9567, name: 'metrics', protocol: 'TCP' }]);
    expect(envOf(c)).toEqual({ JFS_FOREGROUND: '1', ...SECRET_ENV, FLUID_RUNTIME_TYPE: 'juicefs', FLUID_RUNTIME_NS: NS, FLUID_RUNTIME_NAME: NAME });
    expect(c.volumeMounts).toEqual([
      { name: 'script', mountPath: '/root/script' },
      { name: 'cache-dir-0', mountPath: '/mnt/jfs-cache' },
      { name: 'juicefs-fuse-mount', mountPath: '/runtime-mnt/juicefs/team-a/demo', mountPropagation: 'Bidirectional' },
    ]);
    expect(volume(ds, 'juicefs-fuse-mount')).toEqual({ name: 'juicefs-fuse-mount', hostPath: { path: '/runtime-mnt/juicefs/team-a/demo', type: 'DirectoryOrCreate' } });
    expect(find('ConfigMap', 'demo-fuse-script').metadata.labels).toEqual({ ...RELEASE, role: 'juicefs-fuse', ...LIBRARY('juicefs') });
  });
});

describe('JuiceFSRuntime scripts', () => {
  it('formats a community volume, then mounts it with the sorted options', () => {
    const { script, mountOptions } = render();
    expect(script('worker')).toBe(
      [
        '#!/bin/bash',
        '',
        `echo "$(date '+%Y/%m/%d %H:%M:%S') juicefs format start."`,
        '/usr/local/bin/juicefs format --access-key=${ACCESS_KEY} --secret-key=${SECRET_KEY} --storage=minio --bucket=http://minio:9000/test ${METAURL} minio',
        '',
        `echo "$(date '+%Y/%m/%d %H:%M:%S') juicefs mount start."`,
        'exec /bin/mount.juicefs ${METAURL} /runtime-mnt/juicefs/team-a/demo/juicefs-fuse -o cache-dir=/mnt/jfs-cache,cache-size=10240,free-space-ratio=0.1,metrics=0.0.0.0:9568,subdir=/demo',
        '',
      ].join('\n'),
    );
    expect(script('fuse').split('\n').slice(0, 2)).toEqual(['#!/bin/bash', 'set -e']);
    expect(mountOptions('fuse')).toEqual(['attr-cache=7200', 'cache-dir=/mnt/jfs-cache', 'cache-size=10240', 'entry-cache=7200', 'free-space-ratio=0.1', 'metrics=0.0.0.0:9567', 'ro', 'subdir=/demo']);
  });

  it('passes dataset options to format and fuse, runtime options to their component, configs to format', () => {
    const dataset = { mounts: [{ ...COMMUNITY.mounts[0], options: { 'trash-days': '1', bucket2: 'x' } }] };
    const { lines, mountOptions } = render({ dataset, runtime: { configs: ['block-size=4096'], worker: { options: { 'buffer-size': '300' } }, fuse: { options: { verbose: '' } } } });
    expect(lines('fuse')).toContain('/usr/local/bin/juicefs format --block-size=4096 --access-key=${ACCESS_KEY} --secret-key=${SECRET_KEY} --no-update --bucket2=x --trash-days=1 ${METAURL} minio');
    expect(mountOptions('worker')).toContain('buffer-size=300');
    expect(mountOptions('worker')).not.toContain('trash-days=1');
    expect(mountOptions('fuse')).toEqual(expect.arrayContaining(['trash-days=1', 'verbose']));
    expect(mountOptions('fuse')).not.toContain('bucket2=x');
  });

  it('authenticates an enterprise volume once with its token, and joins workers and fuse in one cache group', () => {
    const { lines, mountOptions, worker, fuse, container } = render({ dataset: ENTERPRISE });
    expect(lines('worker').slice(2, 6)).toEqual([
      'if [ ! -f /root/.juicefs/jfs.conf ]; then',
      `  echo "$(date '+%Y/%m/%d %H:%M:%S') juicefs auth start."`,
      '  /usr/bin/juicefs auth --token=${TOKEN} --accesskey=${ACCESS_KEY} --bucket=https://b.example jfs',
      'fi',
    ]);
    expect(lines('worker').find((l) => l.startsWith('exec '))).toMatch(/^exec \/sbin\/mount.juicefs jfs \/runtime-mnt\/juicefs\/team-a\/demo\/juicefs-fuse -o /);
    expect(mountOptions('worker')).toEqual(['cache-dir=/mnt/jfs-cache', 'cache-group=team-a-demo', 'cache-size=10240', 'foreground', 'free-space-ratio=0.1', 'no-update']);
    expect(mountOptions('fuse')).toEqual(['attrcacheto=7200', 'cache-dir=/mnt/jfs-cache', 'cache-group=team-a-demo', 'cache-size=10240', 'entrycacheto=7200', 'foreground', 'free-space-ratio=0.1', 'no-sharing', 'no-update', 'ro']);
    expect(container(worker(), 'juicefs-worker').image).toBe('juicedata/mount:ee-5.2.10-eb0a8b3');
    expect(container(fuse(), 'juicefs-fuse').ports).toBeUndefined();
  });

  it('sets a sub-directory quota in whole GiB before mounting', () => {
    const dataset = { mounts: [{ ...COMMUNITY.mounts[0], options: { quota: '5Gi' } }] };
    const { lines } = render({ dataset });
    expect(lines('fuse')).toContain('/usr/local/bin/juicefs quota set ${METAURL} --path /demo --capacity 5');
    expect(lines('worker').join('\n')).not.toContain('quota');
  });

  it('quotes values the shell would otherwise interpret', () => {
    const dataset = { mounts: [{ ...COMMUNITY.mounts[0], options: { bucket: 'http://h/b?x=1&y=2', storage: 's3' } }] };
    expect(render({ dataset }).lines('worker')).toContain(
      "/usr/local/bin/juicefs format --access-key=${ACCESS_KEY} --secret-key=${SECRET_KEY} --storage=s3 --bucket='http://h/b?x=1&y=2' ${METAURL} minio",
    );
  });
});

describe('JuiceFSRuntime secrets are passed by reference', () => {
  it('fills worker and fuse variables by secretKeyRef and names them only as ${VAR} in the scripts', () => {
    const dataset = {
      sharedEncryptOptions: [{ name: 'zq-extra-opt', valueFrom: { secretKeyRef: { name: 'zq-shared', key: 'zq-extra' } } }],
      mounts: [
        {
          mountPoint: 'juicefs:///',
          name: 'vol',
          encryptOptions: [
            { name: 'metaurl', valueFrom: { secretKeyRef: { name: 'zq-meta', key: 'zq-url' } } },
            { name: 'secret-key', valueFrom: { secretKeyRef: { name: 'zq-meta', key: 'zq-sk' } } },
          ],
        },
      ],
    };
    const { objects, worker, fuse, container, lines } = render({ dataset });
    for (const c of [container(worker(), 'juicefs-worker'), container(fuse(), 'juicefs-fuse')]) {
      expect(envOf(c)).toMatchObject({
        METAURL: { secretKeyRef: { name: 'zq-meta', key: 'zq-url' } },
        SECRET_KEY: { secretKeyRef: { name: 'zq-meta', key: 'zq-sk' } },
        zq_extra_opt: { secretKeyRef: { name: 'zq-shared', key: 'zq-extra' } },
      });
    }
    expect(lines('fuse')).toContain('/usr/local/bin/juicefs format --secret-key=${SECRET_KEY} --no-update --zq-extra-opt=${zq_extra_opt} ${METAURL} vol');
    // Secret names and keys appear only in secretKeyRefs; the scripts hold variable references (the option name is not a secret).
    const outsideRefs = pathsContaining(objects, 'zq-').filter((p) => !/\.env\[\d+\]\.valueFrom\.secretKeyRef\.(name|key)$/.test(p));
    expect(outsideRefs).toEqual(['[3].data.script.sh', '[4].data.script.sh']);
    for (const cm of objects.filter((o) => o.kind === 'ConfigMap')) {
      const text = cm.data['script.sh'] as string;
      expect(text).not.toMatch(/zq-meta|zq-url|zq-sk|zq-shared|zq-extra[^-]/);
    }
  });
});

describe('JuiceFSRuntime volumes and settings', () => {
  it('backs cache folders by the tier: several ":"-separated paths, emptyDir, or a user volume at the path', () => {
    const multi = render({ runtime: { tieredstore: { levels: [{ mediumtype: 'SSD', path: '/a:/b', quota: '1Gi' }] } } });
    expect(namesOf(multi.worker().spec.template.spec.volumes)).toEqual(['script', 'cache-dir-0', 'cache-dir-1']);
    const mem = render({ runtime: { tieredstore: { levels: [{ mediumtype: 'MEM', volumeType: 'emptyDir', volumeSource: { emptyDir: { medium: 'Memory' } }, path: '/dev/shm', quota: '1Gi' }] } } });
    expect(volume(mem.fuse(), 'cache-dir-0')).toEqual({ name: 'cache-dir-0', emptyDir: { medium: 'Memory' } });
    expect(mem.container(mem.fuse(), 'juicefs-fuse').resources).toEqual({ requests: { memory: '1Gi' } });
    expect(mem.container(mem.worker(), 'juicefs-worker').resources).toBeUndefined();
    const own = render({ runtime: { volumes: [{ name: 'cache', hostPath: { path: '/data' } }], worker: { volumeMounts: [{ name: 'cache', mountPath: '/mnt/jfs-cache' }] } } });
    expect(namesOf(own.worker().spec.template.spec.volumes)).toEqual(['script', 'cache']);
  });

  it('defaults the cache to /var/jfsCache without a tiered store', () => {
    const { worker, mountOptions } = render({ runtime: { tieredstore: undefined } });
    expect(volume(worker(), 'cache-dir-0')).toEqual({ name: 'cache-dir-0', hostPath: { path: '/var/jfsCache', type: 'DirectoryOrCreate' } });
    expect(mountOptions('worker')).toContain('cache-dir=/var/jfsCache');
  });

  it('adds volumeClaimTemplates to the worker StatefulSet, mounted by name', () => {
    const pvc = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } };
    const { worker, container } = render({ runtime: { volumeClaimTemplates: [pvc], worker: { volumeMounts: [{ name: 'data', mountPath: '/data' }] } } });
    expect(worker().spec.volumeClaimTemplates).toEqual([pvc]);
    expect(container(worker(), 'juicefs-worker').volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(namesOf(worker().spec.template.spec.volumes)).toEqual(['script', 'cache-dir-0']);
  });

  it('uses pod networking and the default metrics port with ContainerNetwork', () => {
    const { worker, fuse, container } = render({ runtime: { worker: { networkMode: 'ContainerNetwork' }, fuse: { networkMode: 'ContainerNetwork', options: { metrics: '0.0.0.0:9999' } } } });
    expect(worker().spec.template.spec.hostNetwork).toBeUndefined();
    expect(container(worker(), 'juicefs-worker').ports).toEqual([{ containerPort: 9567, name: 'metrics', protocol: 'TCP' }]);
    expect(container(fuse(), 'juicefs-fuse').ports).toEqual([{ containerPort: 9999, name: 'metrics', protocol: 'TCP' }]);
  });

  it('applies podMetadata, env, images, pull secrets, clean policy and controller switches', () => {
    const { worker, fuse, container } = render({
      runtime: {
        podMetadata: { labels: { team: 'a' }, annotations: { note: 'x' } },
        fuse: { podMetadata: { labels: { part: 'fuse' } }, env: [{ name: 'X', value: '1' }], image: 'example/jfs', imageTag: 'v1', cleanPolicy: 'OnFuseChanged' },
        juicefsVersion: { image: 'example/worker', imageTag: 'v2', imagePullPolicy: 'Always' },
      },
      env: { IMAGE_PULL_SECRETS: 'a,b', CRITICAL_FUSE_POD: 'false' },
      annotations: { 'runtime.fluid.io/fuse.hostpid': 'true' },
    });
    expect(fuse().spec.template.metadata.labels).toMatchObject({ team: 'a', part: 'fuse' });
    expect(worker().spec.template.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false', note: 'x' });
    const c = container(fuse(), 'juicefs-fuse');
    expect(c.image).toBe('example/jfs:v1');
    expect(c.env![1]).toEqual({ name: 'X', value: '1' });
    expect(container(worker(), 'juicefs-worker').image).toBe('example/worker:v2');
    const pod = fuse().spec.template.spec;
    expect([pod.imagePullSecrets, pod.priorityClassName, pod.hostPID]).toEqual([[{ name: 'a' }, { name: 'b' }], undefined, true]);
    expect(volume(fuse(), 'fuse-labels-downward-api-volume')).toEqual({
      name: 'fuse-labels-downward-api-volume',
      downwardAPI: { items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }], defaultMode: 0o755 },
    });
    expect(c.volumeMounts).toContainEqual({ name: 'fuse-labels-downward-api-volume', readOnly: true, mountPath: '/runtime-mnt/juicefs/team-a/demo/.meta/fuse' });
  });

  it('reads image overrides per edition from the controller environment', () => {
    const env = { JUICEFS_CE_IMAGE_ENV: 'mirror/ce:1', JUICEFS_EE_IMAGE_ENV: 'mirror/ee:2' };
    const ce = render({ env });
    expect(ce.container(ce.fuse(), 'juicefs-fuse').image).toBe('mirror/ce:1');
    const ee = render({ env, dataset: ENTERPRISE });
    expect(ee.container(ee.worker(), 'juicefs-worker').image).toBe('mirror/ee:2');
  });
});

describe('JuiceFSRuntime checks', () => {
  it('accepts the default input', () => {
    expect(errorsOf({})).toEqual([]);
  });

  it('mounts juicefs:/// URIs only, and needs one', () => {
    expect(errorsOf({ dataset: { mounts: [{ mountPoint: 's3://bucket/data', name: 'd' }] } })).toEqual([
      { object: 'dataset', path: 'spec.mounts[0].mountPoint', message: 'JuiceFSRuntime mounts juicefs:///<subdir> only; got "s3://bucket/data"' },
    ]);
    expect(errorsOf({ dataset: {} })).toEqual([{ object: 'dataset', path: 'spec.mounts', message: 'JuiceFSRuntime needs a mount juicefs:///<subdir> (juicefs:/// for the whole file system)' }]);
  });

  it('needs encryptOption names that make environment variables, and Secret keys', () => {
    const dataset = {
      sharedEncryptOptions: [{ name: '9lives', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
      mounts: [{ mountPoint: 'juicefs:///', name: 'v', encryptOptions: [{ name: 'metaurl', valueFrom: { secretKeyRef: { name: 's' } } }, { name: 'bad.name', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }],
    };
    expect(errorsOf({ dataset })).toEqual([
      { object: 'dataset', path: 'spec.sharedEncryptOptions[0].name', message: '"9lives" becomes environment variable "9lives", which is not a valid name; use letters, digits, "-" and "_", not starting with a digit' },
      {
        object: 'dataset',
        path: 'spec.mounts[0].encryptOptions[0].valueFrom.secretKeyRef.key',
        message: 'required: JuiceFS passes encryptOption "metaurl" to its containers by secretKeyRef, which needs the Secret name and key',
      },
      { object: 'dataset', path: 'spec.mounts[0].encryptOptions[1].name', message: '"bad.name" becomes environment variable "bad.name", which is not a valid name; use letters, digits, "-" and "_", not starting with a digit' },
    ]);
  });

  it('needs a quota of at least 1Gi on a sub-directory', () => {
    const quota = (mountPoint: string, value: string) => errorsOf({ dataset: { mounts: [{ ...COMMUNITY.mounts[0], mountPoint, options: { quota: value } }] } });
    expect(quota('juicefs:///demo', '512Mi')).toEqual([{ object: 'dataset', path: 'spec.mounts[0].options.quota', message: 'is 512Mi; a JuiceFS quota is at least 1Gi' }]);
    expect(quota('juicefs:///demo', 'lots')).toEqual([{ object: 'dataset', path: 'spec.mounts[0].options.quota', message: 'expected a quantity such as "10Gi", got "lots"' }]);
    expect(quota('juicefs:///', '1Gi')).toEqual([{ object: 'dataset', path: 'spec.mounts[0].options.quota', message: 'needs a sub-directory to apply to: set the mount point to juicefs:///<subdir>' }]);
  });

  it('checks metrics options, tiered store, volumes, claim templates and memory limits', () => {
    const pvc = (name: string) => ({ metadata: { name }, spec: { accessModes: ['ReadWriteOnce'] } });
    expect(
      errorsOf({
        runtime: {
          tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '4Gi' }] },
          worker: { options: { metrics: 'nine' }, volumeMounts: [{ name: 'nowhere', mountPath: '/x' }] },
          fuse: { volumeMounts: [{ name: 'missing', mountPath: '/y' }], resources: { limits: { memory: '1Gi' } } },
          volumes: [{ name: 'both', emptyDir: {} }],
          volumeClaimTemplates: [pvc('both'), pvc('unused')],
        },
      }),
    ).toEqual([
      { object: 'runtime', path: 'spec.worker.options.metrics', message: 'expected <address>:<port> such as 0.0.0.0:9567, got "nine"' },
      { object: 'runtime', path: 'spec.volumeClaimTemplates[0].metadata.name', message: '"both" is also a volume in spec.volumes; a worker volume name must be one or the other' },
      { object: 'runtime', path: 'spec.volumeClaimTemplates[1].metadata.name', message: '"unused" is mounted by no spec.worker.volumeMounts entry; mount it or remove it' },
      { object: 'runtime', path: 'spec.worker.volumeMounts[0].name', message: 'names no volume in spec.volumes and no spec.volumeClaimTemplates entry, got "nowhere"' },
      { object: 'runtime', path: 'spec.fuse.volumeMounts[0].name', message: 'names no volume in spec.volumes, got "missing"' },
      { object: 'runtime', path: 'spec.fuse.resources.limits.memory', message: 'is 1Gi, below the 4Gi memory tier of spec.tieredstore.levels[0] that the fuse holds in memory' },
    ]);
  });

  it('renders through synth with a registry holding the engine', () => {
    const docs = [
      { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: NAME }, spec: COMMUNITY },
      { apiVersion: 'data.fluid.io/v1alpha1', kind: 'JuiceFSRuntime', metadata: { name: NAME }, spec: { replicas: 1 } },
    ];
    const result = renderDocuments(docs, new EngineRegistry([juicefsEngine]));
    expect(result.ok && result.groups.map((g) => g.source)).toEqual(['JuiceFSRuntime default/demo']);
  });
});
