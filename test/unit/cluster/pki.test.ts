// The local cluster's PKI, made in-process: what the apiserver, KCM, kubelet and kwok read from its files.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeClientCert, makePki, makeServingCert, Pki } from '../../../cluster/pki';

let dir: string;
let pki: Pki;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pki-test-'));
  pki = await makePki(dir, ['10.20.30.40']);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cert(file: string): X509Certificate {
  return new X509Certificate(fs.readFileSync(file));
}

function keyMatches(certFile: string, keyFile: string): boolean {
  return cert(certFile).checkPrivateKey(createPrivateKey(fs.readFileSync(keyFile)));
}

describe('makePki', () => {
  it('makes a self-signed CA and an admin certificate in system:masters that serves the apiserver addresses', () => {
    const ca = cert(pki.caCert);
    const admin = cert(pki.adminCert);
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(admin.ca).toBe(false);
    expect(admin.verify(ca.publicKey)).toBe(true);
    expect(admin.subject).toBe('O=system:masters\nCN=fluid-cdk8s-admin');
    expect(admin.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(admin.checkIP('10.20.30.40')).toBe('10.20.30.40');
    expect(admin.checkHost('kubernetes.default.svc')).toBe('kubernetes.default.svc');
    expect(admin.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
    expect(keyMatches(pki.caCert, pki.caKey)).toBe(true);
    expect(keyMatches(pki.adminCert, pki.adminKey)).toBe(true);
    expect(createPrivateKey(fs.readFileSync(pki.serviceAccountKey)).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(fs.statSync(pki.caKey).mode & 0o077).toBe(0);
  });

  it('issues a kubelet client certificate and a kwok serving certificate from the CA on disk', async () => {
    const ca = cert(pki.caCert);
    const kubelet = await makeClientCert(pki, 'kubelet-n1', { organization: 'system:nodes', commonName: 'system:node:n1' });
    const kwok = await makeServingCert(pki, 'kwok-serving', { commonName: 'kwok' }, ['127.0.0.1']);
    expect(cert(kubelet.cert).subject).toBe('O=system:nodes\nCN=system:node:n1');
    expect(cert(kubelet.cert).keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(cert(kwok.cert).keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(cert(kwok.cert).checkIP('127.0.0.1')).toBe('127.0.0.1');
    const shared = await makeServingCert(pki, 'shared-serving', { commonName: 'shared' }, ['127.0.0.2'], pki.adminKey);
    expect(shared.key).toBe(pki.adminKey);
    for (const files of [kubelet, kwok, shared]) {
      expect(cert(files.cert).verify(ca.publicKey)).toBe(true);
      expect(keyMatches(files.cert, files.key)).toBe(true);
    }
  });
});
