// The webhook's TLS material: a CA of its own and a serving certificate it signs, made in-process with node-forge
// (X.509 signing, which node:crypto lacks); keys come from node:crypto, which is fast and native.
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

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

function newKeys(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey; pem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem: privateKey };
}

function serial(): string {
  // Positive: a leading 0 nibble keeps the DER integer's sign bit clear.
  return `0${randomBytes(15).toString('hex')}`;
}

function certificate(subject: string, publicKey: forge.pki.PublicKey, req: CertificateRequest, extensions: object[]): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  // A minute back, so an apiserver whose clock is slightly behind still accepts it.
  cert.validity.notBefore = new Date(req.now.getTime() - 60_000);
  cert.validity.notAfter = new Date(req.now.getTime() + req.validityMs);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  cert.setExtensions(extensions);
  return cert;
}

/** A new CA and a serving certificate for the request, signed by it. */
export function issueCertificates(req: CertificateRequest): CertificateBundle {
  const ca = newKeys();
  const caCert = certificate(CA_NAME, ca.publicKey, req, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  caCert.setIssuer(caCert.subject.attributes);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const server = newKeys();
  const altNames = [...req.dnsNames.map((value) => ({ type: 2, value })), ...(req.ipAddresses ?? []).map((ip) => ({ type: 7, ip }))];
  const tlsCert = certificate(req.dnsNames[0] ?? 'fluid-pod-admission-webhook', server.publicKey, req, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ]);
  tlsCert.setIssuer(caCert.subject.attributes);
  tlsCert.sign(ca.privateKey, forge.md.sha256.create());
  return { caCert: forge.pki.certificateToPem(caCert), tlsCert: forge.pki.certificateToPem(tlsCert), tlsKey: server.pem };
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
