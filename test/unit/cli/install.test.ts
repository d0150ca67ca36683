import { parseAllDocuments } from 'yaml';
import { installManifests, parseToleration, resourcesFrom } from '../../../cli/install';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { defaultOperatorImage, packageVersion } from '../../../constructs/operator/operator-image';
import { DEFAULT_OPERATOR_RESOURCES } from '../../../constructs/operator/operator-deployment';
import { operatorNodeOptions } from '../../../constructs/operator/operator-heap';
import { BUILTIN_ENGINES } from '../../../constructs/runtimes/builtin-engines';
import { EngineRegistry } from '../../../constructs/runtimes/engine-registry';

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

test("install prints EFC's session manager after everything else: Namespace efc-system, DaemonSet efc-sessmgr, its folder under --mount-root", () => {
  const docs = documents({ mountRoot: '/mnt/fluid' });
  expect(docs.slice(-2).map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(['Namespace/efc-system', 'DaemonSet/efc-sessmgr']);
  const ds = docs.at(-1);
  expect(ds.metadata.namespace).toBe('efc-system');
  expect(ds.spec.template.spec.nodeSelector).toEqual({ 'fluid.io/efc-sessmgr': 'true' });
  expect(ds.spec.template.spec.volumes).toEqual([{ name: 'efc-sock', hostPath: { path: '/mnt/fluid/efc-sock', type: 'DirectoryOrCreate' } }]);
  // The CSI plugin sets that label on its node: it may patch nodes.
  const csiRole = docs.find((d) => d.kind === 'ClusterRole' && d.metadata.name === 'fluid-cdk8s-csi');
  expect(csiRole.rules).toContainEqual(expect.objectContaining({ apiGroups: [''], resources: ['nodes'], verbs: ['patch'] }));
});

test('a registry without EFCRuntime prints no session manager', () => {
  const registry = new EngineRegistry(BUILTIN_ENGINES.filter((e) => e.kind !== 'EFCRuntime'));
  expect(documents({ registry }).some((d) => d.metadata?.namespace === 'efc-system' || d.metadata?.name === 'efc-system')).toBe(false);
});

test('--fuse-sidecar-injection-mode reaches the operator with the webhook; without the webhook or the flag, no such argument', () => {
  const args = (props: Parameters<typeof installManifests>[0]) => deployment(props).spec.template.spec.containers[0].args as string[];
  expect(args({ fuseSidecarInjectionMode: 'native-sidecar' })).toContain('--fuse-sidecar-injection-mode=native-sidecar');
  expect(args({}).some((a) => a.startsWith('--fuse-sidecar-injection-mode'))).toBe(false);
  expect(args({ fuseSidecarInjectionMode: 'native-sidecar', podWebhook: false }).some((a) => a.startsWith('--fuse-sidecar-injection-mode'))).toBe(false);
});

test('--cache-sync-period reaches the operator; without it the operator keeps its default of 60 s', () => {
  expect(deployment({ cacheSyncPeriodSeconds: 5 }).spec.template.spec.containers[0].args).toContain('--cache-sync-period=5');
  expect(deployment({}).spec.template.spec.containers[0].args.some((a: string) => a.startsWith('--cache-sync-period'))).toBe(false);
});

describe('the operator Deployment and what goes with it', () => {
  test("runs with controller-runtime's flag names, metrics and probes on ports of their own", () => {
    const container = deployment({ namespace: 'ops' }).spec.template.spec.containers[0];
    expect(container.args).toEqual(['operator', '--metrics-bind-address=:8080', '--health-probe-bind-address=:8081', '--leader-elect=true', '--leader-election-namespace=ops', '--webhook-port=9443', '--plugins-profile=/etc/fluid/plugins.profile']);
    expect(container.ports).toEqual([{ name: 'metrics', containerPort: 8080, protocol: 'TCP' }, { name: 'health', containerPort: 8081, protocol: 'TCP' }, { name: 'webhook', containerPort: 9443, protocol: 'TCP' }]);
    expect(container.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 'health' } });
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/readyz', port: 'health' } });
  });

  test('is restricted-clean: non-root, no escalation, no capability, RuntimeDefault seccomp, read-only root with a writable /tmp', () => {
    const pod = deployment({}).spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: 'webhook-plugins', mountPath: '/etc/fluid', readOnly: true }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }, { name: 'webhook-plugins', configMap: { name: 'webhook-plugins', items: [{ key: 'pluginsProfile', path: 'plugins.profile' }] } }]);
  });

  test('--replicas sets the count and spreads the standbys over nodes; one replica has no affinity', () => {
    expect(deployment({}).spec.replicas).toBe(1);
    expect(deployment({}).spec.template.spec.affinity).toBeUndefined();
    const three = deployment({ replicas: 3 });
    expect(three.spec.replicas).toBe(3);
    expect(three.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm).toEqual({
      topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: three.spec.selector.matchLabels },
    });
    expect(() => installManifests({ replicas: 0 })).toThrow('Deployment fluid-cdk8s-operator: replicas must be a whole number of 1 or more, got 0');
  });

  test('a PodDisruptionBudget of maxUnavailable 1, whatever the replica count, so a drain never waits on it', () => {
    for (const replicas of [1, 3]) {
      const pdb = documents({ replicas }).find((d) => d.kind === 'PodDisruptionBudget');
      expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: deployment({}).spec.selector.matchLabels } });
    }
  });

  test('a metrics Service over the pods; a ServiceMonitor selecting it only with --service-monitor', () => {
    const docs = documents({ namespace: 'ops' });
    const service = docs.find((d) => d.kind === 'Service');
    expect(service.metadata).toMatchObject({ name: 'fluid-cdk8s-operator-metrics', namespace: 'ops' });
    expect(service.spec).toEqual({ selector: deployment({}).spec.template.metadata.labels, ports: [{ name: 'metrics', port: 8080, targetPort: 'metrics', protocol: 'TCP' }] });
    expect(docs.some((d) => d.kind === 'ServiceMonitor')).toBe(false);
    const monitor = documents({ namespace: 'ops', serviceMonitor: true }).find((d) => d.kind === 'ServiceMonitor');
    expect(monitor).toMatchObject({ apiVersion: 'monitoring.coreos.com/v1', metadata: { name: 'fluid-cdk8s-operator-metrics', namespace: 'ops' } });
    expect(monitor.spec).toEqual({ selector: { matchLabels: service.metadata.labels }, endpoints: [{ port: 'metrics', path: '/metrics' }] });
    // The Service's own label keeps the ServiceMonitor from selecting anything else of ours.
    expect(service.metadata.labels['app.kubernetes.io/component']).toBe('metrics');
  });

  test('resources default to 100m/128Mi requested and 512Mi at most; each flag overrides one, "none" drops it', () => {
    expect(deployment({}).spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } });
    const resources = resourcesFrom({ operatorCpuRequest: '250m', operatorCpuLimit: '1', operatorMemoryLimit: 'none' });
    expect(resources).toEqual({ cpuRequest: '250m', memoryRequest: '128Mi', cpuLimit: '1', memoryLimit: undefined });
    expect(deployment({ resources }).spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1' } });
    expect(() => installManifests({ resources: { cpuRequest: '2', cpuLimit: '500m' } })).toThrow('Deployment fluid-cdk8s-operator: resources.requests.cpu: 2 is more than the limit 500m');
    expect(() => installManifests({ resources: { memoryRequest: 'lots' } })).toThrow('Deployment fluid-cdk8s-operator: resources.requests.memory: expected a quantity such as "128Mi", got "lots"');
  });

  test('--log-level reaches the operator; without it the operator keeps its default', () => {
    expect(deployment({ logLevel: 'debug' }).spec.template.spec.containers[0].args).toContain('--log-level=debug');
    expect(deployment({}).spec.template.spec.containers[0].args.some((a: string) => a.startsWith('--log-level'))).toBe(false);
  });
});

describe('install flags', () => {
  // The built CLI, as users run it (`npx tsc -p .` first, as for synth.test.ts).
  function run(args: string[], env: Record<string, string> = {}): { out: string; err: string; status: number | null } {
    const r = spawnSync(process.execPath, [join(__dirname, '..', '..', '..', 'bin', 'fluid-cdk8s.js'), 'install', ...args], { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, ...env } });
    return { out: r.stdout, err: r.stderr, status: r.status };
  }

  test('--replicas, --service-monitor, --log-level and the resource flags reach the output', () => {
    const docs = parseAllDocuments(run(['--replicas', '2', '--service-monitor', '--log-level', 'warn', '--operator-memory-request', '256Mi', '--operator-memory-limit', '1Gi']).out).map((d) => d.toJS());
    const dep = docs.find((d) => d.kind === 'Deployment');
    expect(dep.spec.replicas).toBe(2);
    expect(dep.spec.template.spec.containers[0].args).toContain('--log-level=warn');
    expect(dep.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } });
    expect(docs.some((d) => d.kind === 'ServiceMonitor')).toBe(true);
  });

  test("Fluid's EFC variables in the command's environment set the session manager's images; a bad update strategy exits 1, naming the variable", () => {
    const sessmgr = (env: Record<string, string>) => parseAllDocuments(run([], env).out).map((d) => d.toJS()).find((d) => d.kind === 'DaemonSet' && d.metadata.name === 'efc-sessmgr');
    expect(sessmgr({}).spec.template.spec.containers[0].image).toBe('registry.cn-zhangjiakou.aliyuncs.com/nascache/efc-fuse:latest');
    const custom = sessmgr({ EFC_SESSMGR_IMAGE_ENV: 'registry.example.org/efc/sessmgr:2', EFC_SESSMGR_UPDATE_STRATEGY_ENV: 'OnDelete' });
    expect(custom.spec.template.spec.containers[0].image).toBe('registry.example.org/efc/sessmgr:2');
    expect(custom.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    const bad = run([], { EFC_SESSMGR_UPDATE_STRATEGY_ENV: 'Sometimes' });
    expect({ status: bad.status, out: bad.out }).toEqual({ status: 1, out: '' });
    expect(bad.err).toContain('EFC_SESSMGR_UPDATE_STRATEGY_ENV: the update strategy of DaemonSet efc-system/efc-sessmgr must be RollingUpdate or OnDelete, got "Sometimes"');
  });

  test('bad values are refused with the flag named', () => {
    expect(run(['--replicas', 'two']).err).toContain("option '--replicas <n>' argument 'two' is invalid. \"two\" is not a whole number of replicas (1 or more)");
    expect(run(['--operator-cpu-request', 'fast']).err).toContain('expected a quantity such as 100m, 0.5 or 256Mi, or "none", got "fast"');
    expect(run(['--log-level', 'loud']).err).toContain("argument 'loud' is invalid. Allowed choices are debug, info, warn, error.");
  });
});

describe("the operator's V8 heap", () => {
  const env = (resources?: Parameters<typeof installManifests>[0]['resources']): { name: string; value?: string }[] =>
    deployment(resources ? { resources } : {}).spec.template.spec.containers[0].env;

  test('NODE_OPTIONS follows the memory limit: old generation = half the limit (at least 128 MiB), young generation 2 MiB per semi-space', () => {
    expect(env()).toContainEqual({ name: 'NODE_OPTIONS', value: '--max-semi-space-size=2 --max-old-space-size=256' });
    expect(env({ memoryLimit: '1Gi' })).toContainEqual({ name: 'NODE_OPTIONS', value: '--max-semi-space-size=2 --max-old-space-size=512' });
    expect(env({ memoryLimit: '200Mi' })).toContainEqual({ name: 'NODE_OPTIONS', value: '--max-semi-space-size=2 --max-old-space-size=128' });
    expect(env({ memoryLimit: undefined })).toContainEqual({ name: 'NODE_OPTIONS', value: '--max-semi-space-size=2' });
  });

  test('the bench runs the operator with the same options as the default Deployment', () => {
    expect(operatorNodeOptions(DEFAULT_OPERATOR_RESOURCES.memoryLimit)).toBe(env().find((e) => e.name === 'NODE_OPTIONS')!.value);
  });
});
