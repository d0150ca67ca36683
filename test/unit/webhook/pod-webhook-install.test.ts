// What `install` adds for the pod webhook: Fluid's names, failurePolicy Ignore, the opt-in selectors, RBAC limited to
// the webhook's own Secret and configuration, and the operator serving it.
import { parseAllDocuments } from 'yaml';
import { installManifests } from '../../../cli/install';

const docs = parseAllDocuments(installManifests({})).map((d) => d.toJS());

describe('install: the pod webhook', () => {
  it('registers Fluid\'s two webhooks, never blocking a pod', () => {
    const config = docs.find((d) => d.kind === 'MutatingWebhookConfiguration');
    expect(config.metadata).toEqual({ name: 'fluid-pod-admission-webhook' });
    expect(config.webhooks.map((w: any) => [w.name, w.objectSelector.matchLabels])).toEqual([
      ['sidecar.fuse.fluid.io', { 'serverless.fluid.io/inject': 'true' }],
      ['fuse.serverful.fluid.io', { 'fuse.serverful.fluid.io/inject': 'true' }],
    ]);
    for (const w of config.webhooks) {
      expect(w).toMatchObject({ failurePolicy: 'Ignore', timeoutSeconds: 15, reinvocationPolicy: 'IfNeeded', sideEffects: 'None' });
      expect(w.clientConfig.service).toEqual({ namespace: 'fluid-system', name: 'fluid-pod-admission-webhook', port: 9443, path: '/mutate-fluid-io-v1alpha1-schedulepod' });
    }
  });

  it('runs the webhook in the operator, reading the webhook-plugins profile', () => {
    const deployment = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'fluid-cdk8s-operator');
    const container = deployment.spec.template.spec.containers[0];
    expect(container.args).toEqual(expect.arrayContaining(['--webhook-port=9443', '--plugins-profile=/etc/fluid/plugins.profile']));
    expect(deployment.spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: {} }, { name: 'webhook-plugins', configMap: { name: 'webhook-plugins', items: [{ key: 'pluginsProfile', path: 'plugins.profile' }] } }]);
    const service = docs.find((d) => d.kind === 'Service' && d.metadata.name === 'fluid-pod-admission-webhook');
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
  });

  it('grants only the certificate Secret and the webhook configuration', () => {
    const role = docs.find((d) => d.kind === 'Role' && d.metadata.name === 'fluid-cdk8s-operator-webhook');
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['fluid-pod-admission-webhook-certs'], verbs: ['get', 'update'] },
    ]);
    const clusterRole = docs.find((d) => d.kind === 'ClusterRole' && d.metadata.name === 'fluid-cdk8s-operator-webhook');
    expect(clusterRole.metadata.namespace).toBeUndefined();
    expect(clusterRole.rules).toEqual([{ apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], resourceNames: ['fluid-pod-admission-webhook'], verbs: ['get', 'patch'] }]);
  });

  it('leaves all of it out with --no-webhook', () => {
    const without = parseAllDocuments(installManifests({ podWebhook: false })).map((d) => d.toJS());
    expect(without.some((d) => d.kind === 'MutatingWebhookConfiguration' || d.metadata?.name === 'fluid-cdk8s-operator-webhook')).toBe(false);
    expect(without.find((d) => d.kind === 'Deployment').spec.template.spec.containers[0].args.some((a: string) => a.startsWith('--webhook'))).toBe(false);
  });
});
