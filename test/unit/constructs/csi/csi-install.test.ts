// The CSI node plugin's objects, each construct on its own and as `install` prints them.
import { App, Chart } from 'cdk8s';
import { FluidCsiDriver } from '../../../../constructs/csi/csi-driver';
import { CsiInstall, CSI_PLUGIN_NAME } from '../../../../constructs/csi/csi-install';
import { CsiNodePlugin } from '../../../../constructs/csi/csi-node-plugin';
import { CsiPluginAccount } from '../../../../constructs/csi/csi-plugin-account';
import { CSI_PERMISSIONS } from '../../../../constructs/csi/csi-permissions';
import { defaultOperatorImage } from '../../../../constructs/operator/operator-image';

type Obj = { apiVersion: string; kind: string; metadata: any; spec?: any; rules?: any; roleRef?: any; subjects?: any };

function synth(build: (chart: Chart) => void): Obj[] {
  const chart = new Chart(new App(), 'test', { namespace: 'fluid-system', disableResourceNameHashes: true });
  build(chart);
  return chart.toJson() as Obj[];
}

test('FluidCsiDriver: fuse.csi.fluid.io, cluster-scoped, no attach, pod info on mount, persistent volumes only', () => {
  const [driver] = synth((c) => new FluidCsiDriver(c, 'd'));
  expect(driver).toEqual({
    apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'fuse.csi.fluid.io' },
    spec: { attachRequired: false, podInfoOnMount: true, volumeLifecycleModes: ['Persistent'] },
  });
  expect(synth((c) => new FluidCsiDriver(c, 'd', { podInfoOnMount: false }))[0].spec.podInfoOnMount).toBe(false);
});

test('CsiPluginAccount: a ServiceAccount bound to a ClusterRole granting exactly the plugin\'s calls', () => {
  const [sa, role, binding] = synth((c) => new CsiPluginAccount(c, 'a', { name: 'csi', namespace: 'fluid-system' }));
  expect(sa).toMatchObject({ kind: 'ServiceAccount', metadata: { name: 'csi', namespace: 'fluid-system' } });
  expect(role.metadata.namespace).toBeUndefined();
  expect(role.rules).toEqual([
    { apiGroups: [''], resources: ['nodes'], verbs: ['patch'] },
    { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get'] },
    { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get'] },
    { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
    { apiGroups: ['data.fluid.io'], resources: ['datasets'], verbs: ['get'] },
    { apiGroups: ['data.fluid.io'], resources: ['alluxioruntimes', 'jindoruntimes', 'juicefsruntimes', 'thinruntimes', 'efcruntimes', 'vineyardruntimes', 'cacheruntimes'], verbs: ['get'] },
  ]);
  expect(binding).toMatchObject({ kind: 'ClusterRoleBinding', roleRef: { kind: 'ClusterRole', name: 'csi' }, subjects: [{ kind: 'ServiceAccount', name: 'csi', namespace: 'fluid-system' }] });
  expect(binding.metadata.namespace).toBeUndefined();
  for (const p of CSI_PERMISSIONS) expect(p.why.length).toBeGreaterThan(10);
});

test('CsiNodePlugin defaults: `csi` of the given image, privileged, /var/lib/kubelet Bidirectional, /runtime-mnt HostToContainer, every taint tolerated', () => {
  const [ds] = synth((c) => new CsiNodePlugin(c, 'p', { name: 'csi', image: 'example/op:1', serviceAccountName: 'csi' }));
  expect(ds.kind).toBe('DaemonSet');
  expect(ds.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'csi' } });
  expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
  const pod = ds.spec.template.spec;
  expect(pod).toMatchObject({ serviceAccountName: 'csi', hostNetwork: false, tolerations: [{ operator: 'Exists' }] });
  expect(pod.nodeSelector).toBeUndefined();
  expect(pod.dnsPolicy).toBeUndefined();
  const [container] = pod.containers;
  expect(container).toMatchObject({
    image: 'example/op:1', imagePullPolicy: 'IfNotPresent',
    args: ['csi', '--node-id=$(NODE_NAME)', '--kubelet-dir=/var/lib/kubelet', '--mount-root=/runtime-mnt'],
    env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
    securityContext: { privileged: true, runAsUser: 0, runAsNonRoot: false },
    volumeMounts: [
      { name: 'kubelet-dir', mountPath: '/var/lib/kubelet', mountPropagation: 'Bidirectional' },
      { name: 'mount-root', mountPath: '/runtime-mnt', mountPropagation: 'HostToContainer' },
    ],
  });
  expect(pod.volumes).toEqual([
    { name: 'kubelet-dir', hostPath: { path: '/var/lib/kubelet', type: 'Directory' } },
    { name: 'mount-root', hostPath: { path: '/runtime-mnt', type: 'DirectoryOrCreate' } },
  ]);
});

test('CsiNodePlugin with every prop set', () => {
  const [ds] = synth((c) => new CsiNodePlugin(c, 'p', {
    name: 'csi', labels: { team: 'a' }, image: 'example/op:1', imagePullPolicy: 'Never', serviceAccountName: 'sa', kubeletDir: '/data/kubelet', mountRoot: '/mnt/fluid',
    nodeSelector: { pool: 'gpu' }, tolerations: [{ key: 'gpu', operator: 'Exists' }], hostNetwork: true, mountTimeoutSeconds: 30, recoveryPeriodSeconds: 0,
  }));
  const pod = ds.spec.template.spec;
  expect(ds.metadata.labels).toEqual({ team: 'a', 'app.kubernetes.io/name': 'csi' });
  expect(pod).toMatchObject({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet', nodeSelector: { pool: 'gpu' }, tolerations: [{ key: 'gpu', operator: 'Exists' }], serviceAccountName: 'sa' });
  expect(pod.containers[0].args).toEqual(['csi', '--node-id=$(NODE_NAME)', '--kubelet-dir=/data/kubelet', '--mount-root=/mnt/fluid', '--mount-timeout=30', '--recovery-period=0']);
  expect(pod.containers[0].imagePullPolicy).toBe('Never');
  expect(pod.volumes.map((v: any) => v.hostPath.path)).toEqual(['/data/kubelet', '/mnt/fluid']);
});

test('CsiInstall: the driver, the account and the DaemonSet, named fluid-cdk8s-csi, on the operator image by default', () => {
  const objs = new CsiInstall(new App(), 'csi').toJson() as Obj[];
  expect(objs.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
    'CSIDriver/fuse.csi.fluid.io', `ClusterRole/${CSI_PLUGIN_NAME}`, `ClusterRoleBinding/${CSI_PLUGIN_NAME}`, `DaemonSet/${CSI_PLUGIN_NAME}`, `ServiceAccount/${CSI_PLUGIN_NAME}`,
  ]);
  const ds = objs.find((o) => o.kind === 'DaemonSet')!;
  expect(ds.metadata.namespace).toBe('fluid-system');
  expect(ds.spec.template.spec.serviceAccountName).toBe(CSI_PLUGIN_NAME);
  expect(ds.spec.template.spec.containers[0].image).toBe(defaultOperatorImage());
});
