// `fluid-cdk8s install` in a namespace that enforces Pod Security Standards `restricted`: the apiserver's PodSecurity
// admission answers a violation with a `Warning:` header on workloads (kubectl prints it) and refuses a violating
// Pod. The CSI node plugin is privileged by nature (it mounts on the host) and is left out: it is not the operator's.
import { parseAllDocuments, stringify } from 'yaml';
import { installManifests, InstallOptions } from '../../cli/install';
import { isCsiPluginObject } from '../e2e/support/csi-objects';
import { kubeRequest } from '../../operator/kube/kube-request';
import { createNamespace, loadKubeConfig, startNamespaceDeletion } from './support/cluster-client';
import { kubectl } from './support/real-node';

const kc = loadKubeConfig();
const namespaces: string[] = [];

/** A fresh namespace (with its default ServiceAccount, which Pod admission needs) labelled to enforce `restricted`. */
async function restrictedNamespace(): Promise<string> {
  const name = await createNamespace(kc, 'restricted');
  namespaces.push(name);
  await kubeRequest(kc, 'PATCH', `/api/v1/namespaces/${name}`, { metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } }, 'application/merge-patch+json');
  return name;
}

/** The namespaced objects of the operator that install prints for `namespace`. */
function operatorObjects(options: InstallOptions): any[] {
  return parseAllDocuments(installManifests(options)).map((d) => d.toJS())
    .filter((o) => o.metadata?.namespace === options.namespace && !isCsiPluginObject(o));
}

/** `kubectl apply --server-side --dry-run=server`, as a user would check the output before applying it. */
function dryRunApply(namespace: string, objects: readonly unknown[]) {
  return kubectl(['-n', namespace, 'apply', '--server-side', '--dry-run=server', '-f', '-'], { input: objects.map((o) => stringify(o)).join('---\n') });
}

afterAll(async () => {
  await Promise.all(namespaces.map((ns) => startNamespaceDeletion(kc, ns)));
});

test('the namespace really enforces restricted: a plain Deployment draws a warning and its Pod is refused', async () => {
  const ns = await restrictedNamespace();
  const pod = { metadata: { labels: { app: 'plain' } }, spec: { containers: [{ name: 'c', image: 'registry.example.org/plain:1' }] } };
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'plain', namespace: ns }, spec: { selector: { matchLabels: { app: 'plain' } }, template: pod } };
  const applied = await dryRunApply(ns, [deployment]);
  expect(applied.code).toBe(0);
  expect(applied.stderr).toMatch(/Warning: would violate PodSecurity "restricted:/);
  const created = await dryRunApply(ns, [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'plain', namespace: ns }, spec: pod.spec }]);
  expect(created.code).not.toBe(0);
  expect(created.stderr).toMatch(/violates PodSecurity "restricted:/);
});

test.each([
  ['the defaults', {}],
  ['three replicas, a log level and resources of its own', { replicas: 3, logLevel: 'debug', resources: { cpuRequest: '250m', memoryRequest: '256Mi', cpuLimit: '1', memoryLimit: '1Gi' } }],
] as const)('install with %s passes a server dry-run there with no warning, and so does its Pod', async (_, props) => {
  const ns = await restrictedNamespace();
  const objects = operatorObjects({ namespace: ns, ...props } as InstallOptions);
  expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'PodDisruptionBudget', 'Role', 'Role', 'RoleBinding', 'RoleBinding', 'Service', 'Service', 'ServiceAccount']);
  const applied = await dryRunApply(ns, objects);
  expect({ code: applied.code, stderr: applied.stderr }).toEqual({ code: 0, stderr: '' });
  expect(applied.stdout).toContain('deployment.apps/fluid-cdk8s-operator serverside-applied (server dry run)');
  // Enforcement judges Pods, not Deployments: the pod the Deployment would create must be admitted too. Pod
  // admission looks its ServiceAccount up, so that one is created for real.
  const account = await kubectl(['-n', ns, 'apply', '--server-side', '-f', '-'], { input: stringify(objects.find((o) => o.kind === 'ServiceAccount')) });
  expect(account.code).toBe(0);
  const template = objects.find((o) => o.kind === 'Deployment').spec.template;
  const pod = await dryRunApply(ns, [{ apiVersion: 'v1', kind: 'Pod', metadata: { ...template.metadata, name: 'operator', namespace: ns }, spec: template.spec }]);
  expect({ code: pod.code, stderr: pod.stderr }).toEqual({ code: 0, stderr: '' });
});
