// The local cluster's throwaway PKI, made in-process (webhook/x509.ts): nothing here shells out, so the cluster
// scripts need no openssl binary.
import { createPublicKey } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import forge from 'node-forge';
import { Issuer, newRsaKey, RsaKey, signCertificate } from '../webhook/x509';

/** Files of the throwaway PKI. One leaf certificate is both the apiserver's serving cert and the admin client cert. */
export interface Pki {
  readonly dir: string;
  readonly caCert: string;
  readonly caKey: string;
  /** Has SANs for localhost/127.0.0.1 and `O=system:masters`, which bypasses RBAC. */
  readonly adminCert: string;
  readonly adminKey: string;
  /** Signs and verifies ServiceAccount tokens. */
  readonly serviceAccountKey: string;
}

/** A certificate and its key, as files. */
export interface CertFiles {
  readonly cert: string;
  readonly key: string;
}

export type ClientCert = CertFiles;

/** Who a certificate names: Kubernetes reads the user from CN and the groups from O. */
export interface Subject {
  readonly commonName: string;
  readonly organization?: string;
}

const VALIDITY_MS = 3650 * 24 * 3600 * 1000;
const CA_SUBJECT: Subject = { commonName: 'fluid-cdk8s-test-ca' };
const ADMIN_SUBJECT: Subject = { organization: 'system:masters', commonName: 'fluid-cdk8s-admin' };
const APISERVER_DNS_NAMES = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];

type ForgeExtension = Record<string, unknown>;

const END_ENTITY: ForgeExtension[] = [
  { name: 'basicConstraints', cA: false },
  { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
];

function subjectAttributes(subject: Subject): forge.pki.CertificateField[] {
  const o = subject.organization === undefined ? [] : [{ shortName: 'O', value: subject.organization }];
  return [...o, { shortName: 'CN', value: subject.commonName }];
}

function sign(key: RsaKey, subject: Subject, extensions: ForgeExtension[], issuer?: Issuer): forge.pki.Certificate {
  const now = Date.now();
  return signCertificate(key, {
    subject: subjectAttributes(subject),
    // A minute back, so a component whose clock reads slightly earlier still accepts it.
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + VALIDITY_MS),
    extensions: [...extensions, { name: 'subjectKeyIdentifier' }],
  }, issuer);
}

async function writeCert(file: string, cert: forge.pki.Certificate): Promise<void> {
  await fs.writeFile(file, forge.pki.certificateToPem(cert));
}

async function readIssuer(pki: Pki): Promise<Issuer> {
  const [cert, privateKeyPem] = await Promise.all([fs.readFile(pki.caCert, 'utf8'), fs.readFile(pki.caKey, 'utf8')]);
  return { cert: forge.pki.certificateFromPem(cert), privateKeyPem };
}

function ipSans(ips: readonly string[]): { type: number; ip: string }[] {
  return ips.map((ip) => ({ type: 7, ip }));
}

/**
 * Creates a CA, the admin/serving certificate and the ServiceAccount key under `dir`. `serverIps` are addresses the
 * apiserver serves on besides 127.0.0.1 (the in-cluster address pods use).
 */
export async function makePki(dir: string, serverIps: readonly string[] = []): Promise<Pki> {
  await fs.mkdir(dir, { recursive: true });
  const file = (name: string): string => path.join(dir, name);
  const pki: Pki = {
    dir,
    caCert: file('ca.crt'),
    caKey: file('ca.key'),
    adminCert: file('admin.crt'),
    adminKey: file('admin.key'),
    serviceAccountKey: file('sa.key'),
  };
  const [caKey, adminKey, saKey] = await Promise.all([newRsaKey(), newRsaKey(), newRsaKey()]);
  const ca = sign(caKey, CA_SUBJECT, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
  ]);
  const admin = sign(adminKey, ADMIN_SUBJECT, [
    ...END_ENTITY,
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'subjectAltName', altNames: [...APISERVER_DNS_NAMES.map((value) => ({ type: 2, value })), ...ipSans(['127.0.0.1', ...serverIps])] },
  ], { cert: ca, privateKeyPem: caKey.privateKeyPem });
  await Promise.all([
    fs.writeFile(pki.caKey, caKey.privateKeyPem, { mode: 0o600 }),
    fs.writeFile(pki.adminKey, adminKey.privateKeyPem, { mode: 0o600 }),
    fs.writeFile(pki.serviceAccountKey, saKey.privateKeyPem, { mode: 0o600 }),
    writeCert(pki.caCert, ca),
    writeCert(pki.adminCert, admin),
  ]);
  return pki;
}

/** The key of a certificate: a new one in `<fileName>.key`, or the existing key in `keyFile`. */
async function keyFor(pki: Pki, fileName: string, keyFile: string | undefined): Promise<{ file: string; key: RsaKey }> {
  if (keyFile === undefined) {
    const file = path.join(pki.dir, `${fileName}.key`);
    const key = await newRsaKey();
    await fs.writeFile(file, key.privateKeyPem, { mode: 0o600 });
    return { file, key };
  }
  const privateKeyPem = await fs.readFile(keyFile, 'utf8');
  return { file: keyFile, key: { privateKeyPem, publicKeyPem: createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString() } };
}

async function issue(pki: Pki, fileName: string, subject: Subject, extensions: ForgeExtension[], keyFile?: string): Promise<CertFiles> {
  const [issuer, { file, key }] = await Promise.all([readIssuer(pki), keyFor(pki, fileName, keyFile)]);
  const cert = path.join(pki.dir, `${fileName}.crt`);
  await writeCert(cert, sign(key, subject, [...END_ENTITY, ...extensions], issuer));
  return { cert, key: file };
}

/** A client certificate signed by the CA, e.g. `O=system:nodes, CN=system:node:<name>` for a kubelet. */
export async function makeClientCert(pki: Pki, fileName: string, subject: Subject): Promise<ClientCert> {
  return issue(pki, fileName, subject, [{ name: 'extKeyUsage', clientAuth: true }]);
}

/**
 * A serving certificate signed by the CA for the given IP addresses: kwok's kubelet API on 127.0.0.1. The apiserver
 * does not verify kubelet serving certificates here (no --kubelet-certificate-authority, because the real nodes'
 * kubelets serve self-signed ones), but any other client can, with the cluster CA. With `keyFile`, the certificate
 * is for that existing key instead of a new one.
 */
export async function makeServingCert(pki: Pki, fileName: string, subject: Subject, ips: readonly string[], keyFile?: string): Promise<CertFiles> {
  return issue(pki, fileName, subject, [{ name: 'extKeyUsage', serverAuth: true }, { name: 'subjectAltName', altNames: ipSans(ips) }], keyFile);
}
