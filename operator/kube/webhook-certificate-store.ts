// Where the pod webhook keeps its certificates (one Secret, shared by every replica) and where it publishes its CA
// (the caBundle of each webhook of its MutatingWebhookConfiguration). Writes carry the resourceVersion read, so of
// two replicas renewing at once one wins and the other reads the winner's certificates.
import type * as k8s from '@kubernetes/client-node';
import type { CertificateBundle } from '../../webhook/certificates';
import type { CountApiWrite } from './api-calls';
import { KubeApiError, kubeRequest } from './kube-request';

const CA = 'ca.crt';
const PREVIOUS_CA = 'previous-ca.crt';
const CERT = 'tls.crt';
const KEY = 'tls.key';

export interface StoredCertificates {
  readonly bundle: CertificateBundle;
  /** The CA before the last renewal, still trusted until replicas have moved on. */
  readonly previousCa?: string;
  readonly resourceVersion: string;
}

export interface WebhookCertificateStoreOptions {
  readonly kubeConfig: k8s.KubeConfig;
  readonly namespace: string;
  readonly secretName: string;
  readonly configurationName: string;
  readonly countWrite?: CountApiWrite;
}

function decode(data: Record<string, string> | undefined, key: string): string | undefined {
  const value = data?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
}

function encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export class WebhookCertificateStore {
  constructor(private readonly options: WebhookCertificateStoreOptions) {}

  private get secretPath(): string {
    return `/api/v1/namespaces/${this.options.namespace}/secrets`;
  }

  /** The stored certificates; a Secret missing a key counts as holding none, with its resourceVersion kept. */
  async read(): Promise<{ stored?: StoredCertificates; resourceVersion?: string }> {
    try {
      const { body } = await kubeRequest(this.options.kubeConfig, 'GET', `${this.secretPath}/${this.options.secretName}`);
      const [caCert, tlsCert, tlsKey] = [decode(body.data, CA), decode(body.data, CERT), decode(body.data, KEY)];
      const resourceVersion: string = body.metadata.resourceVersion;
      if (!caCert || !tlsCert || !tlsKey) return { resourceVersion };
      return { stored: { bundle: { caCert, tlsCert, tlsKey }, previousCa: decode(body.data, PREVIOUS_CA), resourceVersion }, resourceVersion };
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) return {};
      throw e;
    }
  }

  /** Stores new certificates over `resourceVersion` (create when undefined); 'conflict' when another replica wrote first. */
  async write(bundle: CertificateBundle, previousCa: string | undefined, resourceVersion: string | undefined): Promise<'written' | 'conflict'> {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/tls',
      metadata: {
        name: this.options.secretName,
        namespace: this.options.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'fluid-cdk8s', 'app.kubernetes.io/component': 'pod-webhook' },
        ...(resourceVersion ? { resourceVersion } : {}),
      },
      data: { [CA]: encode(bundle.caCert), [CERT]: encode(bundle.tlsCert), [KEY]: encode(bundle.tlsKey), ...(previousCa ? { [PREVIOUS_CA]: encode(previousCa) } : {}) },
    };
    try {
      if (resourceVersion) await kubeRequest(this.options.kubeConfig, 'PUT', `${this.secretPath}/${this.options.secretName}`, secret);
      else await kubeRequest(this.options.kubeConfig, 'POST', this.secretPath, secret);
      this.options.countWrite?.(resourceVersion ? 'update' : 'create', 'secrets');
      return 'written';
    } catch (e) {
      if (e instanceof KubeApiError && (e.status === 409 || e.status === 422)) return 'conflict';
      throw e;
    }
  }

  /**
   * Sets the caBundle of every webhook in the configuration when it differs; false when the configuration does not
   * exist (not installed yet: the next check tries again).
   */
  async publishCaBundle(caBundle: string): Promise<boolean> {
    const path = `/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/${this.options.configurationName}`;
    let config: any;
    try {
      config = (await kubeRequest(this.options.kubeConfig, 'GET', path)).body;
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) return false;
      throw e;
    }
    const wanted = encode(caBundle);
    const webhooks: { name: string; clientConfig?: { caBundle?: string } }[] = config.webhooks ?? [];
    if (webhooks.every((w) => w.clientConfig?.caBundle === wanted)) return true;
    // A JSON patch guarded by a test of the resourceVersion: a concurrent edit of the list is not overwritten.
    const patch = [
      { op: 'test', path: '/metadata/resourceVersion', value: config.metadata.resourceVersion },
      ...webhooks.map((_, i) => ({ op: 'add', path: `/webhooks/${i}/clientConfig/caBundle`, value: wanted })),
    ];
    await kubeRequest(this.options.kubeConfig, 'PATCH', path, patch, 'application/json-patch+json');
    this.options.countWrite?.('patch', 'mutatingwebhookconfigurations');
    return true;
  }
}
