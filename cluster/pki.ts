import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

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

const OPENSSL_DEADLINE_MS = 30_000;

// Recipe from hack/control-plane/README.md ("PKI (openssl 3.0)"); keyUsage/basicConstraints make it a proper end-entity cert.
function leafExtensions(serverIps: readonly string[]): string {
  return [
    'subjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,' +
      `DNS:kubernetes.default.svc.cluster.local,${['127.0.0.1', ...serverIps].map((ip) => `IP:${ip}`).join(',')}`,
    'extendedKeyUsage=serverAuth,clientAuth',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'basicConstraints=CA:FALSE',
  ].join('\n');
}

const CLIENT_EXTENSIONS = ['extendedKeyUsage=clientAuth', 'keyUsage=critical,digitalSignature,keyEncipherment',
  'basicConstraints=CA:FALSE'].join('\n');

// For an EC key: ECDSA only signs, so keyUsage has no keyEncipherment.
function servingExtensions(ips: readonly string[]): string {
  return [`subjectAltName=${ips.map((ip) => `IP:${ip}`).join(',')}`, 'extendedKeyUsage=serverAuth',
    'keyUsage=critical,digitalSignature', 'basicConstraints=CA:FALSE'].join('\n');
}

/**
 * Creates a CA, the admin/serving certificate and the ServiceAccount key under `dir` with openssl. `serverIps` are
 * addresses the apiserver serves on besides 127.0.0.1 (the in-cluster address pods use).
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
  const csr = file('admin.csr');
  const extFile = file('admin-ext.cnf');
  await fs.writeFile(extFile, leafExtensions(serverIps) + '\n');
  await Promise.all([
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-subj', '/CN=fluid-cdk8s-test-ca',
      '-keyout', pki.caKey, '-out', pki.caCert]),
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/O=system:masters/CN=fluid-cdk8s-admin',
      '-keyout', pki.adminKey, '-out', csr]),
    openssl(['genrsa', '-out', pki.serviceAccountKey, '2048']),
  ]);
  await openssl(['x509', '-req', '-in', csr, '-CA', pki.caCert, '-CAkey', pki.caKey, '-CAcreateserial', '-days', '3650',
    '-extfile', extFile, '-out', pki.adminCert]);
  return pki;
}

/** A certificate and its key, as files. */
export interface CertFiles {
  readonly cert: string;
  readonly key: string;
}

export type ClientCert = CertFiles;

/** A client certificate signed by the CA, e.g. `/O=system:nodes/CN=system:node:<name>` for a kubelet. */
export async function makeClientCert(pki: Pki, fileName: string, subject: string): Promise<ClientCert> {
  const file = (ext: string): string => path.join(pki.dir, `${fileName}.${ext}`);
  await fs.writeFile(file('ext.cnf'), CLIENT_EXTENSIONS + '\n');
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', subject, '-keyout', file('key'), '-out', file('csr')]);
  await openssl(['x509', '-req', '-in', file('csr'), '-CA', pki.caCert, '-CAkey', pki.caKey, '-CAcreateserial', '-days', '3650',
    '-extfile', file('ext.cnf'), '-out', file('crt')]);
  return { cert: file('crt'), key: file('key') };
}

/**
 * A serving certificate signed by the CA for the given IP addresses: kwok's kubelet API on 127.0.0.1. The apiserver
 * does not verify kubelet serving certificates here (no --kubelet-certificate-authority, because the real nodes'
 * kubelets serve self-signed ones), but any other client can, with the cluster CA.
 */
export async function makeServingCert(pki: Pki, fileName: string, subject: string, ips: readonly string[]): Promise<CertFiles> {
  const file = (ext: string): string => path.join(pki.dir, `${fileName}.${ext}`);
  await fs.writeFile(file('ext.cnf'), servingExtensions(ips) + '\n');
  // EC: generated in milliseconds, where an RSA 2048 key would add a noticeable share of the cluster's start-up.
  await openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', subject,
    '-keyout', file('key'), '-out', file('csr')]);
  await openssl(['x509', '-req', '-in', file('csr'), '-CA', pki.caCert, '-CAkey', pki.caKey, '-CAcreateserial', '-days', '3650',
    '-extfile', file('ext.cnf'), '-out', file('crt')]);
  return { cert: file('crt'), key: file('key') };
}

function openssl(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { timeout: OPENSSL_DEADLINE_MS }, (err, _stdout, stderr) => {
      if (err === null) return resolve();
      const why = err.killed ? `did not finish within ${OPENSSL_DEADLINE_MS} ms` : `failed: ${stderr.trim() || err.message}`;
      reject(new Error(`openssl ${args[0]} ${why}`));
    });
  });
}
