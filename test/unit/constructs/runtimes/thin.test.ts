// ThinRuntime: the §8.1 merge, the objects Fluid's thin chart renders (asserted by name), config.json, the Secrets
// encryptOptions name (mounted, never copied), and every check error with its full message.
import type { DatasetSpec } from '../../../../crds/schema/dataset';
import type { ThinRuntimeSpec } from '../../../../crds/schema/thin-runtime';
import type { ThinRuntimeProfileSpec } from '../../../../crds/schema/thin-runtime-profile';
import { KubeObject, renderRuntime } from '../../../../constructs/render-runtime';
import { EngineRegistry } from '../../../../constructs/runtimes/engine-registry';
import type { FluidObject, RenderInput } from '../../../../constructs/runtimes/runtime-engine';
import { thinEngine } from '../../../../constructs/runtimes/thin/engine';
import { mergeFuse, mergePullSecrets, mergeWorker } from '../../../../constructs/runtimes/thin/merge';
import { fuseMountOptions } from '../../../../constructs/runtimes/thin/mount-options';
import { renderDocuments } from '../../../../constructs/render-documents';
import { fluid as validated, NAME, NS } from './engine-fixtures';

/** Profiles are cluster-scoped and named nfs here; everything else is team-a/demo. */
function fluid<T>(kind: string, spec: unknown, metadata: Record<string, unknown> = {}): FluidObject<T> {
  return validated<T>(kind, spec, kind === 'ThinRuntimeProfile' ? { name: 'nfs', namespace: undefined, ...metadata } : metadata);
}

interface Inputs {
  readonly runtime?: Record<string, unknown>;
  readonly dataset?: Record<string, unknown>;
  readonly profile?: Record<string, unknown>;
  readonly annotations?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly mountRoot?: string;
}

const PROFILE = { fileSystemType: 'nfs', fuse: { image: 'registry.example.org/nfs-fuse', imageTag: 'v1' } };
const DATASET = { mounts: [{ mountPoint: 'nfs://server/export', name: 'data' }] };

function input(i: Inputs = {}): RenderInput<ThinRuntimeSpec> {
  return {
    runtime: fluid<ThinRuntimeSpec>('ThinRuntime', { profileName: 'nfs', ...i.runtime }, i.annotations ? { annotations: i.annotations } : {}),
    dataset: fluid<DatasetSpec>('Dataset', i.dataset ?? DATASET),
    profile: fluid<ThinRuntimeProfileSpec>('ThinRuntimeProfile', i.profile ?? PROFILE),
    settings: { mountRoot: i.mountRoot ?? '/runtime-mnt', env: i.env ?? {} },
    observed: {},
  };
}

function render(i: Inputs = {}) {
  const { objects, built } = renderRuntime(thinEngine, input(i));
  const find = (kind: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
    return found as KubeObject & { spec: any; data: any };
  };
  const fuse = () => find('DaemonSet', `${NAME}-fuse`);
  const container = () => fuse().spec.template.spec.containers[0];
  const config = () => JSON.parse(find('ConfigMap', `${NAME}-fuse-conf`).data['config.json']);
  return { objects, built, find, fuse, container, config };
}

const env = (c: { env: { name: string; value?: string }[] }) => Object.fromEntries(c.env.map((e) => [e.name, e.value]));
const volume = (pod: { volumes: { name: string }[] }, name: string) => pod.volumes.find((v) => v.name === name);
const mount = (c: { volumeMounts: { name: string }[] }, name: string) => c.volumeMounts.find((m) => m.name === name);

describe('ThinRuntime merge (fluid-spec.md §8.1)', () => {
  const ctx = { accessModes: ['ReadOnlyMany'], targetPath: '/t' };
  const probe = (path: string) => ({ httpGet: { path, port: 8080 } });

  it('images: the runtime value wins when non-empty, else the profile value', () => {
    const profile = { fuse: { image: 'p/fuse', imageTag: 'p1', imagePullPolicy: 'Always', imagePullSecrets: [{ name: 'p-pull' }] } };
    expect(mergeFuse(profile, { fuse: { imageTag: 'r1', image: '' } }, ctx)).toMatchObject({
      image: 'p/fuse',
      imageTag: 'r1',
      imagePullPolicy: 'Always',
      imagePullSecrets: [{ name: 'p-pull' }],
    });
    expect(mergeFuse(undefined, {}, ctx).image).toBeUndefined();
  });

  it('env and ports: the profile list, then the runtime entries appended', () => {
    const merged = mergeFuse(
      { fuse: { env: [{ name: 'A', value: 'p' }], ports: [{ containerPort: 1 }] } },
      { fuse: { env: [{ name: 'A', value: 'r' }], ports: [{ containerPort: 2 }] } },
      ctx,
    );
    expect(merged.env).toEqual([{ name: 'A', value: 'p' }, { name: 'A', value: 'r' }]);
    expect(merged.ports).toEqual([{ containerPort: 1 }, { containerPort: 2 }]);
  });

  it('nodeSelector, command, args and probes: the runtime value replaces the profile value when set', () => {
    const profile = { fuse: { nodeSelector: { p: '1' }, command: ['p'], args: ['pa'], livenessProbe: probe('/p'), readinessProbe: probe('/pr') } };
    expect(mergeFuse(profile, { fuse: { nodeSelector: { r: '1' }, command: ['r'], args: ['ra'], livenessProbe: probe('/r') } }, ctx)).toMatchObject({
      nodeSelector: { r: '1' },
      command: ['r'],
      args: ['ra'],
      livenessProbe: probe('/r'),
      readinessProbe: probe('/pr'),
    });
    expect(mergeFuse(profile, { fuse: { nodeSelector: {}, command: [] } }, ctx)).toMatchObject({ nodeSelector: { p: '1' }, command: ['p'] });
  });

  it('resources, volumes and podMetadata: profile applied, runtime merged on top', () => {
    const merged = mergeFuse(
      {
        volumes: [{ name: 'shared', emptyDir: {} }, { name: 'unused', emptyDir: {} }],
        fuse: { resources: { limits: { cpu: '1', memory: '1Gi' } }, volumeMounts: [{ name: 'shared', mountPath: '/p' }], podMetadata: { labels: { a: 'p', b: 'p' } } },
      },
      {
        volumes: [{ name: 'shared', hostPath: { path: '/h' } }],
        fuse: { resources: { limits: { cpu: '2' }, requests: { memory: '1Gi' } }, volumeMounts: [{ name: 'shared', mountPath: '/r' }], podMetadata: { labels: { b: 'r' }, annotations: { x: 'r' } } },
      },
      ctx,
    );
    expect(merged.resources).toEqual({ limits: { cpu: '2', memory: '1Gi' }, requests: { memory: '1Gi' } });
    expect(merged.volumes.volumes).toEqual([{ name: 'shared', hostPath: { path: '/h' } }]);
    expect(merged.volumes.mounts).toEqual([{ name: 'shared', mountPath: '/p' }, { name: 'shared', mountPath: '/r' }]);
    expect(merged.labels).toEqual({ a: 'p', b: 'r' });
    expect(merged.annotations).toEqual({ x: 'r' });
  });

  it('networkMode: the profile decides (host network by default), a runtime fuse value overrides', () => {
    expect(mergeFuse({}, {}, ctx).hostNetwork).toBe(true);
    expect(mergeFuse({ fuse: { networkMode: 'ContainerNetwork' } }, {}, ctx).hostNetwork).toBe(false);
    expect(mergeFuse({ fuse: { networkMode: 'ContainerNetwork' } }, { fuse: { networkMode: 'HostNetwork' } }, ctx).hostNetwork).toBe(true);
    expect(mergeFuse({}, { fuse: { networkMode: 'ContainerNetwork' } }, ctx).hostNetwork).toBe(false);
  });

  it('lifecycle: preStop unmounts the target path unless the profile, then the runtime, replaces it', () => {
    const hook = (c: string) => ({ exec: { command: [c] } });
    expect(mergeFuse({}, {}, ctx).preStop).toEqual({ exec: { command: ['umount', '/t'] } });
    expect(mergeFuse({ fuse: { lifecycle: { preStop: hook('p') } } }, {}, ctx).preStop).toEqual(hook('p'));
    expect(mergeFuse({ fuse: { lifecycle: { preStop: hook('p') } } }, { fuse: { lifecycle: { preStop: hook('r') } } }, ctx).preStop).toEqual(hook('r'));
  });

  it('mount options: ro for ReadOnlyMany, replaced by profile options, runtime keys override; sorted k=v or bare k', () => {
    expect(fuseMountOptions(['ReadOnlyMany'], undefined, undefined)).toBe('ro');
    expect(fuseMountOptions(['ReadWriteMany'], undefined, undefined)).toBeUndefined();
    expect(fuseMountOptions(['ReadOnlyMany'], { vers: '4', nolock: '' }, undefined)).toBe('nolock,vers=4');
    expect(fuseMountOptions(['ReadOnlyMany'], {}, undefined)).toBeUndefined();
    expect(fuseMountOptions(['ReadOnlyMany'], undefined, { rw: '', ro: 'x' })).toBe('ro=x,rw');
    expect(mergeFuse({ fuse: { options: { a: '1' } } }, { fuse: { options: { b: '' } } }, ctx).mountOptions).toBe('a=1,b');
  });

  it('worker: same rules, keeping only cpu and memory resources', () => {
    const merged = mergeWorker(
      { worker: { image: 'p/worker', resources: { limits: { cpu: '1', 'nvidia.com/gpu': '1' } } } },
      { worker: { imageTag: 'v2', resources: { requests: { memory: '2Gi', 'ephemeral-storage': '1Gi' } } } },
    );
    expect(merged).toMatchObject({ image: 'p/worker', imageTag: 'v2', resources: { limits: { cpu: '1' }, requests: { memory: '2Gi' } } });
  });

  it('pull secrets of every pod: the runtime ones when set, else the profile ones', () => {
    expect(mergePullSecrets({ imagePullSecrets: [{ name: 'p' }] }, {})).toEqual([{ name: 'p' }]);
    expect(mergePullSecrets({ imagePullSecrets: [{ name: 'p' }] }, { imagePullSecrets: [{ name: 'r' }] })).toEqual([{ name: 'r' }]);
  });
});

describe('ThinRuntime objects (charts/thin)', () => {
  const selector = { app: 'thin', chart: 'thin-0.1.5', release: NAME, heritage: 'fluid-cdk8s', role: 'thin-fuse' };
  const library = {
    'app.kubernetes.io/name': 'thin',
    'app.kubernetes.io/instance': NAME,
    'app.kubernetes.io/managed-by': 'fluid-cdk8s',
    'fluid.io/managed-by': 'fluid',
    'fluid.io/dataset-id': `${NS}-${NAME}`,
  };

  it('renders the fuse ConfigMap, the fuse DaemonSet and the volume, in apply order, and nothing else by default', () => {
    const { objects, built } = render();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      `ConfigMap/${NAME}-fuse-conf`,
      `DaemonSet/${NAME}-fuse`,
      `PersistentVolume/${NS}-${NAME}`,
      `PersistentVolumeClaim/${NAME}`,
    ]);
    expect(built).toEqual({
      fuse: { kind: 'DaemonSet', name: `${NAME}-fuse` },
      volume: { fluidPath: `/runtime-mnt/thin/${NS}/${NAME}/thin-fuse`, mountType: 'nfs', fuseNodeSelector: undefined },
    });
    expect(JSON.stringify(objects)).not.toMatch(/cdk8s\.io|startupProbe|runAsNonRoot|automountServiceAccountToken/);
  });

  it('labels: Fluid keys on the ConfigMap, the DaemonSet, its selector and its pods', () => {
    const { find, fuse } = render({ runtime: { fuse: { podMetadata: { labels: { team: 'a' }, annotations: { note: 'x' } } } } });
    expect(find('ConfigMap', `${NAME}-fuse-conf`).metadata.labels).toEqual({ ...selector, ...library });
    expect(fuse().metadata.labels).toEqual({ ...selector, ...library });
    expect(fuse().spec.selector).toEqual({ matchLabels: selector });
    expect(fuse().spec.template.metadata).toEqual({
      labels: { 'sidecar.istio.io/inject': 'false', ...selector, ...library, team: 'a' },
      annotations: { 'sidecar.istio.io/inject': 'false', note: 'x' },
    });
    expect(fuse().spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('fuse pod: fuse-label node selector, every taint tolerated, host network with ClusterFirstWithHostNet, critical', () => {
    const pod = render().fuse().spec.template.spec;
    expect(pod.nodeSelector).toEqual({ [`fluid.io/f-${NS}-${NAME}`]: 'true' });
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(pod).toMatchObject({ hostNetwork: true, hostPID: false, dnsPolicy: 'ClusterFirstWithHostNet', enableServiceLinks: false, restartPolicy: 'Always' });
    expect(pod.priorityClassName).toBe('system-node-critical');
  });

  it('fuse container: thin-fuse, privileged as root, Fluid env, umount preStop, IfNotPresent', () => {
    const c = render({ runtime: { fuse: { env: [{ name: 'EXTRA', value: '1' }] } }, profile: { ...PROFILE, fuse: { ...PROFILE.fuse, env: [{ name: 'FROM_PROFILE', value: 'p' }] } } }).container();
    expect(c.name).toBe('thin-fuse');
    expect(c.image).toBe('registry.example.org/nfs-fuse:v1');
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.securityContext).toEqual({ privileged: true, runAsGroup: 0, runAsUser: 0 });
    expect(c.env.map((e: { name: string }) => e.name)).toEqual([
      'FLUID_RUNTIME_TYPE', 'FLUID_RUNTIME_NS', 'FLUID_RUNTIME_NAME', 'FROM_PROFILE', 'EXTRA', 'MOUNT_POINT', 'MOUNT_OPTIONS',
    ]);
    expect(env(c)).toMatchObject({
      FLUID_RUNTIME_TYPE: 'thin',
      FLUID_RUNTIME_NS: NS,
      FLUID_RUNTIME_NAME: NAME,
      MOUNT_POINT: `/runtime-mnt/thin/${NS}/${NAME}/thin-fuse`,
      MOUNT_OPTIONS: 'ro',
    });
    expect(c.lifecycle).toEqual({ preStop: { exec: { command: ['umount', `/runtime-mnt/thin/${NS}/${NAME}/thin-fuse`] } } });
  });

  it('fuse volumes: the host folder Bidirectional and config.json read-only at /etc/fluid/config', () => {
    const { fuse, container } = render({ mountRoot: '/mnt/fluid' });
    const pod = fuse().spec.template.spec;
    expect(volume(pod, 'thin-fuse-mount')).toEqual({ name: 'thin-fuse-mount', hostPath: { path: `/mnt/fluid/thin/${NS}/${NAME}`, type: 'DirectoryOrCreate' } });
    expect(mount(container(), 'thin-fuse-mount')).toEqual({ name: 'thin-fuse-mount', mountPath: `/mnt/fluid/thin/${NS}/${NAME}`, mountPropagation: 'Bidirectional' });
    expect(volume(pod, 'thin-conf')).toEqual({
      name: 'thin-conf',
      configMap: { name: `${NAME}-fuse-conf`, items: [{ key: 'config.json', path: 'config.json' }], defaultMode: 0o444 },
    });
    expect(mount(container(), 'thin-conf')).toEqual({ name: 'thin-conf', mountPath: '/etc/fluid/config', readOnly: true });
    expect(volume(pod, 'cache-dir')).toBeUndefined();
  });

  it('PV and PVC: Fluid CSI attributes with the profile fileSystemType as mount_type', () => {
    const { find } = render({ mountRoot: '/mnt/fluid' });
    const pv = find('PersistentVolume', `${NS}-${NAME}`);
    expect(pv.spec.csi.volumeAttributes).toMatchObject({
      fluid_path: `/mnt/fluid/thin/${NS}/${NAME}/thin-fuse`,
      mount_type: 'nfs',
      mount_pod_node_selector_key: `fluid.io/f-${NS}-${NAME}`,
    });
    expect(find('PersistentVolumeClaim', NAME).spec.volumeName).toBe(`${NS}-${NAME}`);
  });

  it('a user fuse nodeSelector joins the fuse label and becomes the PV node affinity', () => {
    const { fuse, find, built } = render({ runtime: { fuse: { nodeSelector: { zone: 'a' } } } });
    expect(fuse().spec.template.spec.nodeSelector).toEqual({ zone: 'a', [`fluid.io/f-${NS}-${NAME}`]: 'true' });
    expect(built.volume?.fuseNodeSelector).toEqual({ zone: 'a' });
    expect(find('PersistentVolume', `${NS}-${NAME}`).spec.nodeAffinity).toEqual({
      required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] },
    });
  });

  it('tiered store level 0 becomes the cache-dir hostPath of the fuse', () => {
    const { fuse, container } = render({ runtime: { tieredstore: { levels: [{ mediumtype: 'SSD', path: '/mnt/cache', quota: '10Gi' }] } } });
    expect(volume(fuse().spec.template.spec, 'cache-dir')).toEqual({ name: 'cache-dir', hostPath: { path: '/mnt/cache', type: 'DirectoryOrCreate' } });
    expect(mount(container(), 'cache-dir')).toEqual({ name: 'cache-dir', mountPath: '/mnt/cache' });
  });

  it('user volumes: only those a volumeMount names, from the profile and from the runtime', () => {
    const { fuse, container } = render({
      profile: { ...PROFILE, volumes: [{ name: 'tools', configMap: { name: 'tools' } }, { name: 'idle', emptyDir: {} }], fuse: { ...PROFILE.fuse, volumeMounts: [{ name: 'tools', mountPath: '/tools' }] } },
      runtime: { volumes: [{ name: 'logs', hostPath: { path: '/var/log/thin' } }], fuse: { volumeMounts: [{ name: 'logs', mountPath: '/logs' }] } },
    });
    const names = fuse().spec.template.spec.volumes.map((v: { name: string }) => v.name);
    expect(names).toEqual(expect.arrayContaining(['tools', 'logs']));
    expect(names).not.toContain('idle');
    expect(mount(container(), 'tools')).toEqual({ name: 'tools', mountPath: '/tools' });
    expect(mount(container(), 'logs')).toEqual({ name: 'logs', mountPath: '/logs' });
  });

  it('fluid.fuse.hostvolume options add fluid-fuse-hostvolume-<i>, read-only for a listed ReadOnlyMany', () => {
    const { fuse, container } = render({
      dataset: {
        accessModes: ['ReadOnlyMany'],
        mounts: [
          { mountPoint: 'nfs://a/x', name: 'a', options: { 'fluid.fuse.hostvolume': '/etc/krb5' } },
          { mountPoint: 'nfs://b/y', name: 'b', options: { 'fluid.fuse.hostvolume': '/opt/certs:/certs' } },
        ],
      },
    });
    expect(volume(fuse().spec.template.spec, 'fluid-fuse-hostvolume-1')).toEqual({ name: 'fluid-fuse-hostvolume-1', hostPath: { path: '/opt/certs' } });
    expect(mount(container(), 'fluid-fuse-hostvolume-0')).toEqual({ name: 'fluid-fuse-hostvolume-0', mountPath: '/etc/krb5', readOnly: true });
    expect(mount(container(), 'fluid-fuse-hostvolume-1')).toEqual({ name: 'fluid-fuse-hostvolume-1', mountPath: '/certs', readOnly: true });
  });

  it('pull secrets: the fuse ones, else the runtime ones, else the profile ones', () => {
    const pod = (i: Inputs) => render(i).fuse().spec.template.spec;
    expect(pod({ profile: { ...PROFILE, imagePullSecrets: [{ name: 'p' }] } }).imagePullSecrets).toEqual([{ name: 'p' }]);
    expect(pod({ profile: { ...PROFILE, imagePullSecrets: [{ name: 'p' }] }, runtime: { imagePullSecrets: [{ name: 'r' }] } }).imagePullSecrets).toEqual([{ name: 'r' }]);
    expect(pod({ runtime: { imagePullSecrets: [{ name: 'r' }], fuse: { imagePullSecrets: [{ name: 'f' }] } } }).imagePullSecrets).toEqual([{ name: 'f' }]);
    expect(pod({}).imagePullSecrets).toBeUndefined();
  });

  it('hostPID from runtime.fluid.io/fuse.hostpid, container network, and CRITICAL_FUSE_POD=false', () => {
    const pod = render({ annotations: { 'runtime.fluid.io/fuse.hostpid': 'true' }, runtime: { fuse: { networkMode: 'ContainerNetwork' } }, env: { CRITICAL_FUSE_POD: 'false' } })
      .fuse().spec.template.spec;
    expect(pod.hostPID).toBe(true);
    expect(pod.hostNetwork).toBe(false);
    expect(pod.priorityClassName).toBeUndefined();
  });

  it('config.json: mounts with shared and own options, targetPath, runtimeOptions and accessModes', () => {
    const config = render({
      runtime: { fuse: { options: { attr_timeout: '30' } } },
      dataset: {
        accessModes: ['ReadWriteMany'],
        sharedOptions: { region: 'x', vers: '3' },
        mounts: [{ mountPoint: 'nfs://server/export', name: 'data', path: '/d', readOnly: true, options: { vers: '4' } }, { mountPoint: 'pvc://claim', name: 'claim' }],
      },
    }).config();
    expect(config).toEqual({
      mounts: [
        { mountPoint: 'nfs://server/export', options: { region: 'x', vers: '4' }, name: 'data', path: '/d', readOnly: true },
        { mountPoint: 'pvc://claim', options: { region: 'x', vers: '3' }, name: 'claim' },
      ],
      targetPath: `/runtime-mnt/thin/${NS}/${NAME}/thin-fuse`,
      runtimeOptions: { attr_timeout: '30' },
      accessModes: ['ReadWriteMany'],
    });
  });

  it('worker: StatefulSet <name>-worker with spec.replicas, Fluid labels and affinity, only when enabled', () => {
    const { find, built } = render({
      runtime: { replicas: 2, worker: { enabled: true, image: 'w/img', imageTag: 'v3', env: [{ name: 'W', value: '1' }] }, tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '1Gi' }] } },
      dataset: { ...DATASET, tolerations: [{ key: 'gpu', operator: 'Exists' }], placement: 'Shared' },
    });
    const sts = find('StatefulSet', `${NAME}-worker`);
    const workerSelector = { ...selector, role: 'thin-worker' };
    expect(sts.spec.replicas).toBe(2);
    expect(sts.spec.serviceName).toBe(`${NAME}-worker`);
    expect(sts.spec.selector).toEqual({ matchLabels: workerSelector });
    expect(sts.metadata.labels).toEqual({ ...workerSelector, ...library, 'fluid.io/dataset': `${NS}-${NAME}`, 'fluid.io/dataset-placement': 'Shared' });
    const pod = sts.spec.template.spec;
    const c = pod.containers[0];
    expect(c).toMatchObject({ name: 'thin-worker', image: 'w/img:v3', securityContext: { privileged: true }, env: [{ name: 'W', value: '1' }] });
    expect(mount(c, 'cache-dir')).toEqual({ name: 'cache-dir', mountPath: '/dev/shm' });
    expect(volume(pod, 'cache-dir')).toEqual({ name: 'cache-dir', hostPath: { path: '/dev/shm', type: 'DirectoryOrCreate' } });
    expect(pod).toMatchObject({ hostNetwork: true, enableServiceLinks: false, tolerations: [{ key: 'gpu', operator: 'Exists' }] });
    expect(pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].key).toBe(`fluid.io/f-${NS}-${NAME}`);
    expect(built.workers).toEqual({ kind: 'StatefulSet', name: `${NAME}-worker`, replicas: 2 });
    expect(built.statusSelector).toBe(`app=thin,release=${NAME},role=thin-worker`);
  });
});

describe('ThinRuntime secrets (fluid-spec.md §2.3)', () => {
  const SECRET = 'zz-secret-name-7f3a';
  const SHARED = 'zz-shared-secret-91c2';
  const KEY = 'zz-key-5d0e';

  /** Every string in the output that names a Secret, config.json parsed so its values are seen one by one. */
  function secretMentions(objects: readonly KubeObject[]): string[] {
    const found: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') {
        if (v.includes('zz-')) found.push(v);
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const o of objects) {
      if (o.kind === 'ConfigMap') walk(JSON.parse((o as unknown as { data: Record<string, string> }).data['config.json']));
      else walk(o);
    }
    return found;
  }

  const dataset = {
    sharedEncryptOptions: [{ name: 'shared-token', valueFrom: { secretKeyRef: { name: SHARED, key: KEY } } }],
    mounts: [
      {
        mountPoint: 'minio://bucket',
        name: 'minio',
        options: { 'minio-url': 'http://minio:9000' },
        encryptOptions: [
          { name: 'access-key', valueFrom: { secretKeyRef: { name: SECRET, key: KEY } } },
          { name: 'secret-key', valueFrom: { secretKeyRef: { name: SECRET, key: `${KEY}-2` } } },
        ],
      },
      { mountPoint: 'minio://other', name: 'other' },
    ],
  };

  it('mounts each Secret once, read-only, as thin-fuseconfig-<secret> at /etc/fluid/secrets/<secret>', () => {
    const { fuse, container } = render({ dataset });
    const pod = fuse().spec.template.spec;
    for (const secret of [SECRET, SHARED]) {
      expect(pod.volumes.filter((v: { name: string }) => v.name === `thin-fuseconfig-${secret}`)).toEqual([{ name: `thin-fuseconfig-${secret}`, secret: { secretName: secret } }]);
      expect(mount(container(), `thin-fuseconfig-${secret}`)).toEqual({ name: `thin-fuseconfig-${secret}`, readOnly: true, mountPath: `/etc/fluid/secrets/${secret}` });
    }
  });

  it('config.json holds only the file paths of the keys, and no encryptOptions', () => {
    const config = render({ dataset }).config();
    expect(config.mounts[0].options).toEqual({
      'access-key': `/etc/fluid/secrets/${SECRET}/${KEY}`,
      'minio-url': 'http://minio:9000',
      'secret-key': `/etc/fluid/secrets/${SECRET}/${KEY}-2`,
      'shared-token': `/etc/fluid/secrets/${SHARED}/${KEY}`,
    });
    expect(config.mounts[1].options).toEqual({ 'shared-token': `/etc/fluid/secrets/${SHARED}/${KEY}` });
    expect(JSON.stringify(config)).not.toMatch(/encryptOptions|secretKeyRef|valueFrom/);
  });

  it('names a Secret nowhere but in secret volumes, their mounts and config.json paths', () => {
    const { objects } = render({ dataset });
    const allowed = [
      /^zz-(secret-name-7f3a|shared-secret-91c2)$/,
      /^thin-fuseconfig-zz-(secret-name-7f3a|shared-secret-91c2)$/,
      /^\/etc\/fluid\/secrets\/zz-(secret-name-7f3a|shared-secret-91c2)(\/zz-key-5d0e(-2)?)?$/,
    ];
    const mentions = secretMentions(objects);
    expect(mentions.length).toBeGreaterThan(0);
    expect(mentions.filter((m) => !allowed.some((re) => re.test(m)))).toEqual([]);
    // secretName only inside secret volumes: no env, annotation or label carries it
    const fuse = objects.find((o) => o.kind === 'DaemonSet') as unknown as { spec: any };
    expect(JSON.stringify(fuse.spec.template.metadata)).not.toContain('zz-');
    expect(JSON.stringify(fuse.spec.template.spec.containers[0].env)).not.toContain('zz-');
  });
});

describe('ThinRuntime check', () => {
  const check = (i: Inputs) => thinEngine.check(input(i));

  it('accepts a plain runtime, profile and dataset', () => {
    expect(check({})).toEqual([]);
  });

  it('an empty profileName with a dataset:// mount: a reference dataset, not supported yet', () => {
    expect(check({ runtime: { profileName: '' }, dataset: { mounts: [{ mountPoint: 'dataset://other-ns/other' }] } })).toEqual([
      {
        object: 'runtime',
        path: 'spec.profileName',
        message:
          'is empty, so this ThinRuntime would serve a reference dataset (dataset:// mount), which is not supported yet: its volume mirrors the PV of the referenced Dataset; name a ThinRuntimeProfile to run a fuse instead',
      },
    ]);
  });

  it('an empty profileName without a dataset:// mount', () => {
    expect(check({ runtime: { profileName: '' } })).toEqual([
      {
        object: 'runtime',
        path: 'spec.profileName',
        message: 'required: name the ThinRuntimeProfile that describes the fuse; an empty profileName is only for a Dataset with a single dataset:// mount',
      },
    ]);
  });

  it('a reference dataset renders nothing, and synth names the runtime and the field', () => {
    const i = input({ runtime: { profileName: '' }, dataset: { mounts: [{ mountPoint: 'dataset://other-ns/other' }] } });
    expect(renderRuntime(thinEngine, { ...i, profile: undefined }).objects).toEqual([]);
    const result = renderDocuments([i.runtime, i.dataset], new EngineRegistry([thinEngine]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message)).toEqual([`ThinRuntime ${NS}/${NAME}: spec.profileName: ${check({ runtime: { profileName: '' }, dataset: { mounts: [{ mountPoint: 'dataset://other-ns/other' }] } })[0].message}`]);
  });

  it('postStart in the runtime or the profile', () => {
    const hook = { postStart: { exec: { command: ['true'] } } };
    const message = 'is not supported: the fuse lifecycle accepts only preStop';
    expect(check({ runtime: { fuse: { lifecycle: hook } } })).toEqual([{ object: 'runtime', path: 'spec.fuse.lifecycle.postStart', message }]);
    expect(check({ profile: { ...PROFILE, fuse: { ...PROFILE.fuse, lifecycle: hook } } })).toEqual([{ object: 'profile', path: 'spec.fuse.lifecycle.postStart', message }]);
  });

  it('no fuse image after the merge; no worker image for an enabled worker', () => {
    expect(check({ profile: { fileSystemType: 'nfs' }, runtime: { worker: { enabled: true } } })).toEqual([
      { object: 'runtime', path: 'spec.fuse.image', message: 'required: neither this runtime nor ThinRuntimeProfile "nfs" sets a fuse image' },
      {
        object: 'runtime',
        path: 'spec.worker.image',
        message: 'required when spec.worker.enabled is true: neither this runtime nor ThinRuntimeProfile "nfs" sets a worker image',
      },
    ]);
    expect(check({ profile: { fileSystemType: 'nfs' }, runtime: { fuse: { image: 'r/fuse' } } })).toEqual([]);
  });

  it('mount names unique, then the paths they give unique', () => {
    const mounts = [
      { mountPoint: 'nfs://a/1', name: 'a' },
      { mountPoint: 'nfs://a/2', name: 'a' },
      { mountPoint: 'nfs://a/3', name: 'b', path: '/a' },
    ];
    expect(check({ dataset: { mounts } })).toEqual([
      { object: 'dataset', path: 'spec.mounts[1].name', message: 'mount name "a" is already used by spec.mounts[0]; ThinRuntime needs unique mount names' },
      {
        object: 'dataset',
        path: 'spec.mounts[2].path',
        message: 'mount path "/a" is already used by spec.mounts[0] (a mount\'s path is its path, else /<name>); ThinRuntime needs unique mount paths',
      },
    ]);
  });

  it('one pvc:// mount at most', () => {
    const mounts = [{ mountPoint: 'pvc://one', name: 'one' }, { mountPoint: 'pvc://two', name: 'two' }];
    expect(check({ dataset: { mounts } })).toEqual([
      { object: 'dataset', path: 'spec.mounts[1].mountPoint', message: 'a Dataset served by a ThinRuntime may hold one pvc:// mount, and spec.mounts[0] is one already' },
    ]);
  });

  it('an encryptOption may not repeat an option key, a shared option or an earlier encryptOption', () => {
    const ref = { valueFrom: { secretKeyRef: { name: 's', key: 'k' } } };
    const dataset = {
      sharedOptions: { region: 'x' },
      sharedEncryptOptions: [{ name: 'token', ...ref }],
      mounts: [
        { mountPoint: 'nfs://a/1', name: 'a', options: { user: 'u' }, encryptOptions: [{ name: 'user', ...ref }, { name: 'token', ...ref }] },
        { mountPoint: 'nfs://a/2', name: 'b', options: { token: 't' }, encryptOptions: [{ name: 'region', ...ref }] },
      ],
    };
    const how = 'set it once, as an option or as an encryptOption';
    expect(check({ dataset })).toEqual([
      { object: 'dataset', path: 'spec.mounts[0].encryptOptions[0].name', message: `option "user" is already set by spec.mounts[0].options; ${how}` },
      { object: 'dataset', path: 'spec.mounts[0].encryptOptions[1].name', message: `option "token" is already set by spec.sharedEncryptOptions[0]; ${how}` },
      { object: 'dataset', path: 'spec.sharedEncryptOptions[0].name', message: `option "token" is already set by spec.mounts[1].options; ${how}` },
      { object: 'dataset', path: 'spec.mounts[1].encryptOptions[0].name', message: `option "region" is already set by spec.sharedOptions; ${how}` },
    ]);
  });

  it('an encryptOption must name its Secret', () => {
    const dataset = { mounts: [{ mountPoint: 'nfs://a/1', name: 'a', encryptOptions: [{ name: 'token' }] }] };
    expect(check({ dataset })).toEqual([
      { object: 'dataset', path: 'spec.mounts[0].encryptOptions[0].valueFrom.secretKeyRef', message: 'required: the Secret name and key that hold the value' },
    ]);
  });

  it('a volumeMount must name a volume of the same object', () => {
    expect(
      check({
        runtime: { volumes: [{ name: 'logs', emptyDir: {} }], fuse: { volumeMounts: [{ name: 'log', mountPath: '/l' }] } },
        profile: { ...PROFILE, worker: { volumeMounts: [{ name: 'x', mountPath: '/x' }] } },
      }),
    ).toEqual([{ object: 'runtime', path: 'spec.fuse.volumeMounts[0].name', message: 'no volume "log" in spec.volumes (one of: logs)' }]);
    expect(check({ runtime: { worker: { enabled: true, image: 'w' } }, profile: { ...PROFILE, worker: { volumeMounts: [{ name: 'x', mountPath: '/x' }] } } })).toEqual([
      { object: 'profile', path: 'spec.worker.volumeMounts[0].name', message: 'no volume "x" in spec.volumes (none is declared)' },
    ]);
  });

  it('a malformed fluid.fuse.hostvolume option', () => {
    const option = (v: string, name: string) => ({ mountPoint: `nfs://a/${name}`, name, options: { 'fluid.fuse.hostvolume': v } });
    const path = (i: number) => `spec.mounts[${i}].options["fluid.fuse.hostvolume"]`;
    const profile = { ...PROFILE, volumes: [{ name: 'tools', emptyDir: {} }], fuse: { ...PROFILE.fuse, volumeMounts: [{ name: 'tools', mountPath: '/tools' }] } };
    const dataset = { mounts: [option('/a:/b:/c', 'a'), option('rel', 'b'), option('/h:rel', 'c'), option('/h:/tools', 'd')] };
    expect(check({ dataset, profile })).toEqual([
      { object: 'dataset', path: path(0), message: 'expected <hostPath>[:<mountPath>], got "/a:/b:/c"' },
      { object: 'dataset', path: path(1), message: 'the host path must be absolute (e.g. /mnt/data), got "rel"' },
      { object: 'dataset', path: path(2), message: 'the mount path must be absolute (e.g. /data), got "rel"' },
      { object: 'dataset', path: path(3), message: 'mount path "/tools" is already used by the fuse volumeMount "tools"' },
    ]);
  });
});
