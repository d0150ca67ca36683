// The operator's flags for the pod webhook it serves beside the reconcilers (off unless --webhook-port is given).
import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import type { WebhookOptions } from '../operator/operator';
import { DEFAULT_PROFILE, parsePluginProfile } from '../webhook/plugins-profile';
import type { SidecarInjectionMode } from '../webhook/plugins/pod-plugin';
import { DEFAULT_CERT_VALIDITY_MS } from '../webhook/pod-webhook';

export interface WebhookFlags {
  readonly webhookPort?: number;
  readonly webhookHost: string[];
  readonly webhookListenAddress?: string;
  readonly webhookCertValidity: number;
  readonly pluginsProfile?: string;
  readonly fuseSidecarInjectionMode: SidecarInjectionMode;
  readonly filePrefetcherImage?: string;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a port (0-65535)`);
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 10) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a number of seconds (10 or more)`);
  return n;
}

export function registerWebhookFlags(command: Command): void {
  command
    .option('--webhook-port <port>', 'serve the pod admission webhook (HTTPS) on this port; 0 picks a free one (default: no webhook)', port)
    .option('--webhook-host <host...>', 'extra DNS names or IPs the webhook certificate serves, besides its Service (e.g. 127.0.0.1)', [])
    .option('--webhook-listen-address <ip>', 'address the webhook listens on (default: all)')
    .option('--webhook-cert-validity <seconds>', 'validity of the webhook certificates; renewed after two thirds', seconds, DEFAULT_CERT_VALIDITY_MS / 1000)
    .option('--plugins-profile <file>', "the webhook-plugins profile (the ConfigMap's pluginsProfile; default: Fluid's chart default)")
    .addOption(new Option('--fuse-sidecar-injection-mode <mode>', "where the webhook puts the fuse sidecar (Fluid's FUSE_SIDECAR_INJECTION_MODE)").choices(['default', 'legacy', 'native-sidecar']).default('default'))
    .option('--file-prefetcher-image <image>', "image of the file prefetcher sidecar when a pod names none (Fluid's FILE_PREFETCHER_IMAGE)");
}

export function webhookOptionsOf(flags: WebhookFlags, namespace: string): WebhookOptions | undefined {
  if (flags.webhookPort === undefined) return undefined;
  const profile = flags.pluginsProfile ? parsePluginProfile(readFileSync(flags.pluginsProfile, 'utf8')) : DEFAULT_PROFILE;
  return {
    port: flags.webhookPort,
    listenHost: flags.webhookListenAddress,
    namespace,
    extraHosts: flags.webhookHost,
    validityMs: flags.webhookCertValidity * 1000,
    profile,
    pluginSettings: { sidecarInjectionMode: flags.fuseSidecarInjectionMode, ...(flags.filePrefetcherImage ? { filePrefetcherImage: flags.filePrefetcherImage } : {}) },
  };
}
