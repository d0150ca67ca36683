// The webhook's TLS material: a CA of its own and a serving certificate it signs, made in-process (x509.ts).
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { CertificateFields, newRsaKey, signCertificate } from './x509';

export interface CertificateBundle {
  /** PEM of the CA certificate: the caBundle of the webhook configuration. */
  readonly caCert: string;
  /** PEM of the serving certificate and its key. */
  readonly tlsCert: string;
  readonly tlsKey: string;
}

export interface CertificateRequest {
  /** DNS names (the Service's names) and IP addresses (loopback, when the apiserver calls a URL) the certificate serves. */
  readonly dnsNames: readonly string[];
  readonly ipAddresses?: readonly string[];
  /** Start of validity. */
  readonly now: Date;
  /** How long both certificates are valid, in milliseconds. */
  readonly validityMs: number;
}

const CA_NAME = 'fluid-cdk8s-webhook-ca';

function fields(commonName: string, req: CertificateRequest, extensions: object[]): CertificateFields {
  return {
    subject: [{ name: 'commonName', value: commonName }],
    // A minute back, so an apiserver whose clock is slightly behind still accepts it.
    notBefore: new Date(req.now.getTime() - 60_000),
    notAfter: new Date(req.now.getTime() + req.validityMs),
    extensions,
  };
}

/** A new CA and a serving certificate for the request, signed by it. */
export async function issueCertificates(req: CertificateRequest): Promise<CertificateBundle> {
  const [caKey, serverKey] = await Promise.all([newRsaKey(), newRsaKey()]);
  const caCert = signCertificate(caKey, fields(CA_NAME, req, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]));
  const altNames = [...req.dnsNames.map((value) => ({ type: 2, value })), ...(req.ipAddresses ?? []).map((ip) => ({ type: 7, ip }))];
  const tlsCert = signCertificate(serverKey, fields(req.dnsNames[0] ?? 'fluid-pod-admission-webhook', req, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ]), { cert: caCert, privateKeyPem: caKey.privateKeyPem });
  return { caCert: forge.pki.certificateToPem(caCert), tlsCert: forge.pki.certificateToPem(tlsCert), tlsKey: serverKey.privateKeyPem };
}

/** When the serving certificate expires, or undefined when the PEM is not a certificate. */
export function expiryOf(pem: string): Date | undefined {
  try {
    return new Date(new X509Certificate(pem).validTo);
  } catch {
    return undefined;
  }
}

/** Whether the serving certificate was signed by the CA and names every host asked for. */
export function covers(bundle: CertificateBundle, req: Pick<CertificateRequest, 'dnsNames' | 'ipAddresses'>): boolean {
  try {
    const cert = new X509Certificate(bundle.tlsCert);
    if (!cert.verify(new X509Certificate(bundle.caCert).publicKey)) return false;
    return req.dnsNames.every((n) => cert.checkHost(n, { subject: 'never' }) !== undefined) && (req.ipAddresses ?? []).every((ip) => cert.checkIP(ip) !== undefined);
  } catch {
    return false;
  }
}
