// When the webhook makes new certificates: none stored yet, unusable, not naming the hosts asked for, or past
// two thirds of their life (so the renewal has a third of the validity to reach every replica and the apiserver).
import { CertificateBundle, covers, expiryOf } from './certificates';

export interface CertificateSettings {
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  /** Validity of new certificates, ms. */
  readonly validityMs: number;
}

export type CertificateDecision =
  | { readonly action: 'keep'; readonly renewAt: Date }
  | { readonly action: 'issue'; readonly reason: string };

export function certificateDecision(stored: CertificateBundle | undefined, settings: CertificateSettings, now: Date): CertificateDecision {
  if (!stored) return { action: 'issue', reason: 'no certificate stored yet' };
  const expiry = expiryOf(stored.tlsCert);
  if (!expiry || !expiryOf(stored.caCert)) return { action: 'issue', reason: 'the stored certificate does not parse' };
  if (!covers(stored, settings)) return { action: 'issue', reason: 'the stored certificate does not name every host or is not signed by the stored CA' };
  const renewAt = new Date(expiry.getTime() - settings.validityMs / 3);
  if (now >= renewAt) return { action: 'issue', reason: `the certificate expires at ${expiry.toISOString()}` };
  return { action: 'keep', renewAt };
}

/**
 * The CA bundle for the webhook configuration: the new CA first, then the previous one, so replicas still serving
 * the old certificate are trusted until they have loaded the new one.
 */
export function caBundleOf(current: CertificateBundle, previousCa: string | undefined, now: Date): string {
  const prevExpiry = previousCa && previousCa !== current.caCert ? expiryOf(previousCa) : undefined;
  const prev = prevExpiry && prevExpiry > now ? previousCa : undefined;
  return prev ? `${current.caCert.trim()}\n${prev.trim()}\n` : current.caCert;
}
