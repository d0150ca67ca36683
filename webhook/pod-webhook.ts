// The pod webhook inside the operator process: certificates first (from the shared Secret, or new ones), the CA
// published to the webhook configuration, then the HTTPS server; afterwards a timer checks the certificates again,
// renews them past two thirds of their life and hands them to the running server. It reads Datasets and runtimes
// from the operator's caches, so it serves on every replica, leader or not.
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import type { EngineSettings } from '../constructs/runtimes/runtime-engine';
import type { CountApiWrite } from '../operator/kube/api-calls';
import { StoredCertificates, WebhookCertificateStore } from '../operator/kube/webhook-certificate-store';
import type { ClusterView } from '../operator/reconcilers/cluster-view';
import type * as k8s from '@kubernetes/client-node';
import { AdmissionServer } from './admission-server';
import { reviewPod } from './admission-review';
import { caBundleOf, certificateDecision, CertificateSettings } from './certificate-plan';
import { CertificateBundle, issueCertificates } from './certificates';
import type { PluginProfile } from './plugins-profile';
import type { PluginSettings } from './plugins/pod-plugin';

/** Names of Fluid's chart: the Service and the MutatingWebhookConfiguration. */
export const WEBHOOK_SERVICE = 'fluid-pod-admission-webhook';
export const WEBHOOK_CONFIGURATION = 'fluid-pod-admission-webhook';
export const WEBHOOK_PORT = 9443;
export const CERT_SECRET = 'fluid-pod-admission-webhook-certs';
/** A year; renewed after eight months. */
export const DEFAULT_CERT_VALIDITY_MS = 365 * 24 * 3600 * 1000;
/** Certificates are checked at least this often, so another replica's renewal reaches this one. */
const MAX_CHECK_INTERVAL_MS = 60_000;

export interface PodWebhookOptions {
  readonly kubeConfig: k8s.KubeConfig;
  readonly port: number;
  /** Address to listen on. @default - every address */
  readonly listenHost?: string;
  /** Namespace of the Service and the certificate Secret. */
  readonly namespace: string;
  /** Extra names the certificate serves besides the Service's (127.0.0.1 when the apiserver calls a URL). @default - none */
  readonly extraHosts?: readonly string[];
  readonly configurationName?: string;
  readonly validityMs?: number;
  readonly profile: PluginProfile;
  readonly pluginSettings: PluginSettings;
  readonly view: ClusterView;
  readonly registry: EngineRegistry;
  readonly settings: EngineSettings;
  readonly logger: Logger;
  readonly countWrite?: CountApiWrite;
  readonly now?: () => Date;
}

export class PodWebhook {
  private server?: AdmissionServer;
  private timer?: NodeJS.Timeout;
  private current?: CertificateBundle;
  private stopped = false;
  private readonly store: WebhookCertificateStore;
  private readonly certSettings: CertificateSettings;
  private readonly now: () => Date;

  constructor(private readonly options: PodWebhookOptions) {
    this.now = options.now ?? (() => new Date());
    this.store = new WebhookCertificateStore({
      kubeConfig: options.kubeConfig,
      namespace: options.namespace,
      secretName: CERT_SECRET,
      configurationName: options.configurationName ?? WEBHOOK_CONFIGURATION,
      countWrite: options.countWrite,
    });
    const svc = WEBHOOK_SERVICE;
    const extra = options.extraHosts ?? [];
    this.certSettings = {
      dnsNames: [svc, `${svc}.${options.namespace}`, `${svc}.${options.namespace}.svc`, `${svc}.${options.namespace}.svc.cluster.local`, ...extra.filter((h) => !isIP(h))],
      ipAddresses: extra.filter((h) => isIP(h)),
      validityMs: options.validityMs ?? DEFAULT_CERT_VALIDITY_MS,
    };
  }

  get port(): number | undefined {
    return this.server?.port;
  }

  /** The serving certificate in use (PEM). */
  get certificate(): string | undefined {
    return this.current?.tlsCert;
  }

  async start(): Promise<void> {
    const renewAt = await this.refresh();
    const o = this.options;
    this.server = await AdmissionServer.start({
      port: o.port,
      host: o.listenHost,
      certificates: this.current!,
      logger: o.logger,
      review: (review) => reviewPod(review, { view: o.view, registry: o.registry, settings: o.settings, now: this.now() }, o.profile, o.pluginSettings),
    });
    o.logger.info({ port: this.server.port }, 'Serving the pod admission webhook');
    this.schedule(renewAt);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.server?.close();
  }

  private schedule(renewAt: Date): void {
    if (this.stopped) return;
    const wait = Math.max(1000, Math.min(MAX_CHECK_INTERVAL_MS, renewAt.getTime() - this.now().getTime()));
    this.timer = setTimeout(() => {
      this.refresh()
        .then((next) => this.schedule(next))
        .catch((err) => {
          this.options.logger.error({ err }, 'Checking the webhook certificates failed; retrying');
          this.schedule(new Date(this.now().getTime() + 5000));
        });
    }, wait);
    this.timer.unref();
  }

  /** Loads or renews the certificates, publishes the CA, hands them to the server; returns when to look again. */
  private async refresh(): Promise<Date> {
    const log = this.options.logger;
    for (let attempt = 0; ; attempt++) {
      const { stored, resourceVersion } = await this.store.read();
      const decision = certificateDecision(stored?.bundle, this.certSettings, this.now());
      if (decision.action === 'keep') {
        await this.use(stored!);
        return decision.renewAt;
      }
      if (attempt > 2) throw new Error(`could not store the webhook certificates in Secret ${this.options.namespace}/${CERT_SECRET}: other writers keep winning`);
      const bundle = await issueCertificates({ ...this.certSettings, now: this.now() });
      const written = await this.store.write(bundle, stored?.bundle.caCert, resourceVersion);
      if (written === 'written') log.info({ reason: decision.reason, secret: `${this.options.namespace}/${CERT_SECRET}` }, 'Issued new webhook certificates');
      // On a conflict another replica wrote first: read again and use its certificates.
    }
  }

  private async use(stored: StoredCertificates): Promise<void> {
    const published = await this.store.publishCaBundle(caBundleOf(stored.bundle, stored.previousCa, this.now()));
    if (!published) this.options.logger.warn({ configuration: this.options.configurationName ?? WEBHOOK_CONFIGURATION }, 'The webhook configuration is not installed yet; its CA bundle is set once it is');
    if (this.current?.tlsCert === stored.bundle.tlsCert) return;
    this.current = stored.bundle;
    this.server?.useCertificates(stored.bundle);
  }
}
