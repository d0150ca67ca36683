// FuseSidecar against Fluid's injector (pkg/application/inject/fuse): the PVC volume rewritten to the fuse's host
// folder, the fuse container and its volumes added with Fluid's names, both injection modes, and the labels.
import type { FuseTemplate } from '../../../../webhook/dataset-use';
import { fuseSidecar } from '../../../../webhook/plugins/fuse-sidecar';
import { PluginError } from '../../../../webhook/plugins/pod-plugin';
import { appPod, use } from '../fixtures';

const fuse: FuseTemplate = {
  container: {
    name: 'fuse',
    image: 'rclone',
    securityContext: { privileged: true },
    ports: [{ name: 'thin-fuse-metrics', containerPort: 9000 }],
    volumeMounts: [
      { name: 'config', mountPath: '/etc/fluid/config' },
      { name: 'cache-dir', mountPath: '/cache' },
      { name: 'thin-fuse-mount', mountPath: '/runtime-mnt/thin/default/demo', mountPropagation: 'Bidirectional' },
      { name: 'fuse-device', mountPath: '/dev/fuse' },
    ],
    lifecycle: { preStop: { exec: { command: ['umount'] } } },
  },
  volumes: [
    { name: 'config', configMap: { name: 'demo-fuse-conf' } },
    { name: 'cache-dir', hostPath: { path: '/var/cache' } },
    { name: 'thin-fuse-mount', hostPath: { path: '/runtime-mnt/thin/default/demo', type: 'DirectoryOrCreate' } },
    { name: 'fuse-device', hostPath: { path: '/dev/fuse', type: 'CharDevice' } },
  ],
  hostMountPath: '/runtime-mnt/thin/default/demo/thin-fuse',
};
const serverless = { 'serverless.fluid.io/inject': 'true' };

describe('FuseSidecar, legacy mode (Fluid\'s default)', () => {
  const out = fuseSidecar.mutate(appPod({ labels: serverless }), [use('demo', { fuse })], {}).pod;

  it('rewrites the PVC volume to the fuse host folder, seen HostToContainer', () => {
    expect(out.spec.volumes![0]).toEqual({ name: 'data', hostPath: { path: '/runtime-mnt/thin/default/demo/thin-fuse' } });
    expect(out.spec.containers[1].volumeMounts![0]).toEqual({ name: 'data', mountPath: '/data', mountPropagation: 'HostToContainer' });
  });

  it('puts fluid-fuse-0 first, with its volumes suffixed -0, cache folders and metrics ports dropped', () => {
    const [sidecar, app] = out.spec.containers;
    expect(app.name).toBe('app');
    expect(sidecar.name).toBe('fluid-fuse-0');
    expect(sidecar.ports).toBeUndefined();
    expect(sidecar.securityContext).toEqual({ privileged: true });
    expect(sidecar.volumeMounts!.map((m) => m.name)).toEqual(['config-0', 'thin-fuse-mount-0', 'fuse-device-0']);
    expect(out.spec.volumes!.map((v) => v.name)).toEqual(['data', 'scratch', 'config-0', 'thin-fuse-mount-0', 'fuse-device-0']);
    expect(out.spec.volumes![3]).toEqual({ name: 'thin-fuse-mount-0', hostPath: { path: '/runtime-mnt/thin/default/demo', type: 'DirectoryOrCreate' } });
  });

  it('labels the pod done, managed by fluid, and names each fuse container\'s Dataset', () => {
    expect(out.metadata.labels).toEqual({
      ...serverless,
      'done.sidecar.fluid.io/inject': 'true',
      'fluid.io/managed-by': 'fluid',
      'dataset-namespace.sidecar.fluid.io/fluid-fuse-0': 'default',
      'dataset-name.sidecar.fluid.io/fluid-fuse-0': 'demo',
    });
  });

  it('makes the kubelet wait for the mount before the app: a postStart check of the mount point the fuse sees, its preStop kept', () => {
    const sidecar = out.spec.containers[0];
    expect(sidecar.lifecycle?.preStop).toEqual({ exec: { command: ['umount'] } });
    expect(sidecar.lifecycle?.postStart?.exec?.command).toEqual(['sh', '-c', expect.stringContaining('/proc/self/mountinfo'), 'fluid-check-mount', '/runtime-mnt/thin/default/demo/thin-fuse', '']);
    const off = fuseSidecar.mutate(appPod({ labels: { ...serverless, 'fuse.sidecar.poststart.fluid.io/inject': 'false' } }), [use('demo', { fuse })], {}).pod;
    expect(off.spec.containers[0].lifecycle).toEqual({ preStop: { exec: { command: ['umount'] } } });
  });

  it('keeps the cache folders when the pod asks for them', () => {
    const pod = appPod({ labels: { ...serverless, 'cachedir.sidecar.fluid.io/inject': 'true' } });
    const sidecar = fuseSidecar.mutate(pod, [use('demo', { fuse })], {}).pod.spec.containers[0];
    expect(sidecar.volumeMounts!.map((m) => m.name)).toContain('cache-dir-0');
  });

  it('gives init containers that read the Dataset a short-lived init-fluid-fuse copy', () => {
    const pod = appPod({ labels: serverless });
    pod.spec.initContainers = [{ name: 'warm', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }];
    const init = fuseSidecar.mutate(pod, [use('demo', { fuse })], {}).pod.spec.initContainers!;
    expect(init.map((c) => c.name)).toEqual(['init-fluid-fuse-0', 'warm']);
    expect(init[0]).toMatchObject({ command: ['sleep'], args: ['2s'] });
    expect(init[0].lifecycle).toBeUndefined();
  });

  it('numbers the sidecars by PVC name and renames a volume name already taken', () => {
    const pod = appPod({ labels: serverless, claim: 'b' });
    pod.spec.volumes!.push({ name: 'more', persistentVolumeClaim: { claimName: 'a' } }, { name: 'config-1', emptyDir: {} });
    pod.spec.containers[0].volumeMounts!.push({ name: 'more', mountPath: '/more' });
    const out2 = fuseSidecar.mutate(pod, [use('b', { fuse }), use('a', { fuse })], {}).pod;
    expect(out2.spec.containers.map((c) => c.name)).toEqual(['fluid-fuse-1', 'fluid-fuse-0', 'app']);
    expect(out2.metadata.labels?.['dataset-name.sidecar.fluid.io/fluid-fuse-0']).toBe('a');
    // Fluid's ReplacePrefix: the first len("fluid")+1 characters of config-1 become "fluid-".
    expect(out2.spec.containers[0].volumeMounts![0].name).toBe('fluid--1');
  });
});

describe('FuseSidecar, native-sidecar mode', () => {
  it('adds the fuse as the first init container with restartPolicy Always', () => {
    const out = fuseSidecar.mutate(appPod({ labels: serverless }), [use('demo', { fuse })], { sidecarInjectionMode: 'native-sidecar' }).pod;
    expect(out.spec.containers.map((c) => c.name)).toEqual(['app']);
    expect(out.spec.initContainers).toHaveLength(1);
    expect(out.spec.initContainers![0]).toMatchObject({ name: 'fluid-fuse-0', restartPolicy: 'Always', image: 'rclone' });
    // The kubelet starts the next container once a sidecar's postStart hook is done, as for a regular container.
    expect(out.spec.initContainers![0].lifecycle?.postStart?.exec?.command?.slice(-2)).toEqual(['/runtime-mnt/thin/default/demo/thin-fuse', '']);
    expect(out.metadata.labels?.['dataset-name.sidecar.fluid.io/fluid-fuse-0']).toBe('demo');
  });
});

describe('FuseSidecar refusals', () => {
  it('refuses the unprivileged platform, naming the label', () => {
    const pod = appPod({ labels: { ...serverless, 'unprivileged.sidecar.fluid.io/inject': 'true' } });
    expect(() => fuseSidecar.mutate(pod, [use('demo', { fuse })], {})).toThrow(PluginError);
    expect(() => fuseSidecar.mutate(pod, [use('demo', { fuse })], {})).toThrow(/unprivileged\.sidecar\.fluid\.io\/inject/);
  });

  it('refuses a Dataset whose runtime runs no fuse, naming the PVC', () => {
    expect(() => fuseSidecar.mutate(appPod({ labels: serverless }), [use('demo')], {})).toThrow(/PVC demo/);
  });

  it('leaves a pod already injected alone', () => {
    const pod = appPod({ labels: { ...serverless, 'done.sidecar.fluid.io/inject': 'true' } });
    expect(fuseSidecar.mutate(pod, [use('demo', { fuse })], {}).pod).toBe(pod);
  });
});
