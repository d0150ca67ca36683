// Fluid's MutatingWebhookConfiguration for application pods (charts/fluid/fluid/templates/webhook/
// webhookconfiguration.yaml): two webhooks on pod CREATE, one per opt-in label, both calling the same path. Where we
// differ on purpose: failurePolicy Ignore (Fluid: Fail), so a webhook that is down or slow never blocks pods.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MUTATE_PATH } from '../../webhook/admission-review';
import { INJECT_SERVERFUL_FUSE, INJECT_SERVERLESS } from '../../webhook/pod-labels';

/** How the apiserver reaches the webhook. */
export type WebhookClient =
  | { readonly service: { readonly namespace: string; readonly name: string; readonly port: number } }
  /** A URL, for a webhook outside the cluster (the operator run on a developer's host, in tests). */
  | { readonly url: string };

export interface WebhookConfigurationProps {
  /** @default 'fluid-pod-admission-webhook', Fluid's */
  readonly name?: string;
  readonly client: WebhookClient;
  /** Seconds the apiserver waits for an answer. @default 15, Fluid's chart */
  readonly timeoutSeconds?: number;
  /** @default 'Ignore' */
  readonly failurePolicy?: 'Ignore' | 'Fail';
}

export const DEFAULT_WEBHOOK_TIMEOUT_SECONDS = 15;

export class WebhookConfiguration extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: WebhookConfigurationProps) {
    super(scope, id);
    this.name = props.name ?? 'fluid-pod-admission-webhook';
    const clientConfig = 'url' in props.client
      ? { url: `${props.client.url.replace(/\/$/, '')}${MUTATE_PATH}` }
      : { service: { ...props.client.service, path: MUTATE_PATH } };
    const webhook = (name: string, label: string) => ({
      name,
      rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
      // The CA is filled in by the webhook itself once it has made its certificates.
      clientConfig,
      timeoutSeconds: props.timeoutSeconds ?? DEFAULT_WEBHOOK_TIMEOUT_SECONDS,
      failurePolicy: props.failurePolicy ?? 'Ignore',
      reinvocationPolicy: 'IfNeeded',
      sideEffects: 'None',
      admissionReviewVersions: ['v1', 'v1beta1'],
      objectSelector: { matchLabels: { [label]: 'true' } },
    });
    new ApiObject(this, 'Resource', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: this.name },
      webhooks: [webhook('sidecar.fuse.fluid.io', INJECT_SERVERLESS), webhook('fuse.serverful.fluid.io', INJECT_SERVERFUL_FUSE)],
    });
  }
}
