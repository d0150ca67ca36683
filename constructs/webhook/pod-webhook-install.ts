// What `install` adds for the pod webhook the operator serves: Fluid's webhook configuration, Service and plugins
// ConfigMap (same names, so tooling written for Fluid finds them), and the RBAC the webhook alone needs.
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { DEFAULT_PROFILE_YAML, PLUGINS_CONFIGMAP, PLUGINS_PROFILE_KEY } from '../../webhook/plugins-profile';
import { CERT_SECRET, WEBHOOK_PORT, WEBHOOK_SERVICE } from '../../webhook/pod-webhook';
import { WebhookConfiguration } from './webhook-configuration';

export interface PodWebhookInstallProps {
  /** Namespace of the operator. */
  readonly namespace: string;
  /** The operator's ServiceAccount, which serves the webhook. */
  readonly serviceAccount: string;
  /** Labels of the operator's pods: the Service selects them. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** @default 9443, Fluid's */
  readonly port?: number;
}

/** Where the operator reads the profile: the ConfigMap mounted as Fluid's webhook mounts it. */
export const PLUGINS_PROFILE_DIR = '/etc/fluid';
export const PLUGINS_PROFILE_FILE = 'plugins.profile';

export class PodWebhookInstall extends Chart {
  constructor(scope: Construct, id: string, props: PodWebhookInstallProps) {
    super(scope, id, { namespace: props.namespace, disableResourceNameHashes: true });
    const port = props.port ?? WEBHOOK_PORT;
    const labels = { 'app.kubernetes.io/name': WEBHOOK_SERVICE, 'app.kubernetes.io/part-of': 'fluid-cdk8s' };
    const config = new WebhookConfiguration(this, 'Configuration', { client: { service: { namespace: props.namespace, name: WEBHOOK_SERVICE, port } } });
    new ApiObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: WEBHOOK_SERVICE, labels },
      spec: { ports: [{ name: 'https-rest', port, targetPort: port }], selector: { ...props.podLabels } },
    });
    new ApiObject(this, 'Profile', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: PLUGINS_CONFIGMAP, labels },
      data: { [PLUGINS_PROFILE_KEY]: DEFAULT_PROFILE_YAML },
    });
    const subjects = [{ kind: 'ServiceAccount', name: props.serviceAccount, namespace: props.namespace }];
    const name = `${props.serviceAccount}-webhook`;
    // The certificate Secret: create cannot be limited to a name, reading and renewing it can.
    new ApiObject(this, 'Role', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name, labels },
      rules: [
        { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
        { apiGroups: [''], resources: ['secrets'], resourceNames: [CERT_SECRET], verbs: ['get', 'update'] },
      ],
    });
    new ApiObject(this, 'RoleBinding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects,
    });
    // Publishing its CA into its own configuration, and nothing else of admission registration.
    const clusterRole = new ApiObject(this, 'ClusterRole', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name, labels },
      rules: [{ apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], resourceNames: [config.name], verbs: ['get', 'patch'] }],
    });
    const clusterBinding = new ApiObject(this, 'ClusterRoleBinding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects,
    });
    for (const obj of [clusterRole, clusterBinding, ...this.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'MutatingWebhookConfiguration')]) {
      obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
  }
}
