// EFC's session manager as `install` prints it: Fluid's names, labels, selector, containers and images
// (pkg/ddc/efc/sessmgr.go), its socket folder under the mount root where the EFC PV and fuse expect it, and the
// controller variables Fluid reads for images, update strategy and pull secrets.
import { App, Chart } from 'cdk8s';
import { efcEngine } from '../../../../constructs/runtimes/efc/engine';
import { EfcSessionManager, sessionManagerProps } from '../../../../constructs/runtimes/efc/session-manager';
import type { EngineSettings } from '../../../../constructs/runtimes/render-input';
import { inputOf, rendered } from './engine-fixtures';

function installed(settings: EngineSettings): any[] {
  const chart = new Chart(new App(), 'engines', { disableResourceNameHashes: true });
  efcEngine.installObjects!(chart, settings);
  return chart.toJson();
}
const daemonSet = (settings: EngineSettings) => installed(settings).find((o) => o.kind === 'DaemonSet');

test('the Namespace efc-system, then DaemonSet efc-sessmgr in it, and nothing else', () => {
  const objects = installed({ mountRoot: '/runtime-mnt', env: {} });
  expect(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? '-'}/${o.metadata.name}`)).toEqual(['Namespace/-/efc-system', 'DaemonSet/efc-system/efc-sessmgr']);
  // Its privileged init container would be refused under a baseline or restricted default.
  expect(objects[0].metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
});

test("Fluid's selector, pod labels, placement and containers", () => {
  const ds = daemonSet({ mountRoot: '/runtime-mnt', env: {} });
  expect(ds.spec.selector).toEqual({ matchLabels: { app: 'efc-sessmgr' } });
  expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
  const { metadata, spec } = ds.spec.template;
  expect(metadata).toEqual({ labels: { app: 'efc-sessmgr' }, annotations: { 'sidecar.istio.io/inject': 'false' } });
  expect(spec).toMatchObject({ hostNetwork: true, priorityClassName: 'system-node-critical', nodeSelector: { 'fluid.io/efc-sessmgr': 'true' }, tolerations: [{ operator: 'Exists' }] });
  expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{ matchExpressions: [{ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }] }]);
  expect(spec.initContainers).toEqual([{
    name: 'init-fuse', image: 'registry.cn-zhangjiakou.aliyuncs.com/nascache/init-alifuse:latest', command: ['/entrypoint.sh'], args: ['init_fuse', 'false', 'none'], securityContext: { privileged: true },
  }]);
  expect(spec.containers).toEqual([{
    name: 'sessmgr', image: 'registry.cn-zhangjiakou.aliyuncs.com/nascache/efc-fuse:latest', command: ['/entrypoint.sh'], args: ['sessmgr'],
    securityContext: { privileged: false },
    lifecycle: { preStop: { exec: { command: ['sh', '-c', '/entrypoint.sh stop_sessmgr'] } } },
    volumeMounts: [{ name: 'efc-sock', mountPath: '/var/run/efc' }],
  }]);
  expect(spec.imagePullSecrets).toBeUndefined();
});

test('the socket folder is <mount root>/efc-sock: the PV attribute efc_sessmgr_workdir and the fuse hostPath of an EFC runtime', () => {
  const mountRoot = '/mnt/fluid';
  const volume = daemonSet({ mountRoot, env: {} }).spec.template.spec.volumes;
  expect(volume).toEqual([{ name: 'efc-sock', hostPath: { path: '/mnt/fluid/efc-sock', type: 'DirectoryOrCreate' } }]);
  const runtime = rendered(efcEngine, inputOf({ kind: 'EFCRuntime', runtime: {}, dataset: { mounts: [{ name: 'nas', mountPoint: 'nfs://0a1b2c-xy12.cn-hangzhou.nas.aliyuncs.com:/data' }] } }, { mountRoot }));
  expect(runtime.find('PersistentVolume', 'team-a-demo').spec.csi.volumeAttributes.efc_sessmgr_workdir).toBe(volume[0].hostPath.path);
  expect(runtime.find('DaemonSet', 'demo-fuse').spec.template.spec.volumes).toContainEqual({ name: 'efc-sock', hostPath: { path: volume[0].hostPath.path, type: 'Directory' } });
  expect(new EfcSessionManager(new Chart(new App(), 'c'), 'm', { mountRoot }).workDir).toBe('/mnt/fluid/efc-sock');
});

test("Fluid's variables set the images (whole, as Fluid takes them), the update strategy and the pull secrets", () => {
  const env = {
    EFC_SESSMGR_IMAGE_ENV: 'registry.example.org/efc/sessmgr:1.2', EFC_INIT_FUSE_IMAGE_ENV: 'registry.example.org/efc/init',
    EFC_SESSMGR_UPDATE_STRATEGY_ENV: 'OnDelete', IMAGE_PULL_SECRETS: 'regcred,other',
  };
  const ds = daemonSet({ mountRoot: '/runtime-mnt', env });
  expect(ds.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  expect(ds.spec.template.spec.containers[0].image).toBe('registry.example.org/efc/sessmgr:1.2');
  expect(ds.spec.template.spec.initContainers[0].image).toBe('registry.example.org/efc/init');
  expect(ds.spec.template.spec.imagePullSecrets).toEqual([{ name: 'regcred' }, { name: 'other' }]);
  // An empty variable counts as unset.
  expect(sessionManagerProps({ mountRoot: '/r', env: { EFC_SESSMGR_IMAGE_ENV: '', EFC_SESSMGR_UPDATE_STRATEGY_ENV: '' } })).toEqual({ mountRoot: '/r' });
});

test('an update strategy Kubernetes does not have is refused, naming the variable and the DaemonSet', () => {
  expect(() => installed({ mountRoot: '/runtime-mnt', env: { EFC_SESSMGR_UPDATE_STRATEGY_ENV: 'Recreate' } }))
    .toThrow('EFC_SESSMGR_UPDATE_STRATEGY_ENV: the update strategy of DaemonSet efc-system/efc-sessmgr must be RollingUpdate or OnDelete, got "Recreate"');
});
