import { parseAllDocuments } from 'yaml';
import { installManifests, parseToleration } from '../../../cli/install';
import { defaultOperatorImage, packageVersion } from '../../../constructs/operator/operator-image';

function deployment(props: Parameters<typeof installManifests>[0]): any {
  return parseAllDocuments(installManifests(props)).map((d) => d.toJS()).find((d) => d.kind === 'Deployment');
}

test('the operator image is pinned to the package version, never latest, and pulled only when missing', () => {
  expect(defaultOperatorImage()).toBe(`ghcr.io/fluid-cdk8s/operator:${packageVersion()}`);
  expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  const container = deployment({}).spec.template.spec.containers[0];
  expect(container).toMatchObject({ image: defaultOperatorImage(), imagePullPolicy: 'IfNotPresent', args: expect.arrayContaining(['operator']) });
});

test('--image, --image-pull-policy, --node-selector and --toleration reach the pod template', () => {
  const spec = deployment({
    image: 'registry.example.org/me/op:dev', imagePullPolicy: 'Always', nodeSelector: { role: 'infra' },
    tolerations: [parseToleration('dedicated=infra:NoSchedule'), parseToleration('node.fluid-cdk8s.io/real')],
  }).spec.template.spec;
  expect(spec.containers[0]).toMatchObject({ image: 'registry.example.org/me/op:dev', imagePullPolicy: 'Always' });
  expect(spec.nodeSelector).toEqual({ role: 'infra' });
  expect(spec.tolerations).toEqual([
    { key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' },
    { key: 'node.fluid-cdk8s.io/real', operator: 'Exists' },
  ]);
});

test('no node selector or toleration is written unless asked for', () => {
  const spec = deployment({}).spec.template.spec;
  expect(spec.nodeSelector).toBeUndefined();
  expect(spec.tolerations).toBeUndefined();
});

test('a toleration with an unknown effect is refused, naming the effects there are', () => {
  expect(() => parseToleration('a:Sometimes')).toThrow('effect must be one of NoSchedule, PreferNoSchedule, NoExecute, got "Sometimes"');
});

test('a toleration with only a key and an effect tolerates any value', () => {
  expect(parseToleration('k:NoExecute')).toEqual({ key: 'k', operator: 'Exists', effect: 'NoExecute' });
  expect(() => parseToleration('=v')).toThrow(/expected key\[=value\]\[:effect\]/);
});

function documents(props: Parameters<typeof installManifests>[0]): any[] {
  return parseAllDocuments(installManifests(props)).map((d) => d.toJS());
}

test('install prints the CSI node plugin too: CSIDriver, its account and DaemonSet, on the operator image', () => {
  const docs = documents({ image: 'registry.example.org/me/op:dev', imagePullPolicy: 'Always' });
  expect(docs.find((d) => d.kind === 'CSIDriver')?.metadata.name).toBe('fuse.csi.fluid.io');
  const ds = docs.find((d) => d.kind === 'DaemonSet');
  expect(ds.spec.template.spec.containers[0]).toMatchObject({ image: 'registry.example.org/me/op:dev', imagePullPolicy: 'Always', args: expect.arrayContaining(['csi']) });
  expect(docs.filter((d) => d.kind === 'ServiceAccount').map((d) => d.metadata.name)).toEqual(['fluid-cdk8s-operator', 'fluid-cdk8s-csi']);
});

test('--kubelet-dir and --mount-root reach the CSI plugin; --mount-root is MOUNT_ROOT of the operator', () => {
  const defaults = documents({});
  expect(defaults.find((d) => d.kind === 'Deployment').spec.template.spec.containers[0].env).toContainEqual({ name: 'MOUNT_ROOT', value: '/runtime-mnt' });
  expect(defaults.find((d) => d.kind === 'DaemonSet').spec.template.spec.containers[0].args).toEqual(expect.arrayContaining(['--kubelet-dir=/var/lib/kubelet', '--mount-root=/runtime-mnt']));
  const docs = documents({ kubeletDir: '/data/kubelet', mountRoot: '/mnt/fluid', nodeSelector: { role: 'infra' } });
  expect(docs.find((d) => d.kind === 'Deployment').spec.template.spec.containers[0].env).toContainEqual({ name: 'MOUNT_ROOT', value: '/mnt/fluid' });
  const plugin = docs.find((d) => d.kind === 'DaemonSet').spec.template.spec;
  expect(plugin.containers[0].args).toEqual(expect.arrayContaining(['--kubelet-dir=/data/kubelet', '--mount-root=/mnt/fluid']));
  expect(plugin.nodeSelector).toEqual({ role: 'infra' });
  // The plugin must run wherever Fluid volumes are used: it tolerates every taint, whatever the operator tolerates.
  expect(plugin.tolerations).toEqual([{ operator: 'Exists' }]);
});

test('--cache-sync-period reaches the operator; without it the operator keeps its default of 60 s', () => {
  expect(deployment({ cacheSyncPeriodSeconds: 5 }).spec.template.spec.containers[0].args).toContain('--cache-sync-period=5');
  expect(deployment({}).spec.template.spec.containers[0].args.some((a: string) => a.startsWith('--cache-sync-period'))).toBe(false);
});
