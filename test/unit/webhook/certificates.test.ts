// The webhook's certificates: a CA and a serving certificate that Node's TLS accepts for the hosts asked for, and
// the decision to renew them.
import { X509Certificate } from 'node:crypto';
import { caBundleOf, certificateDecision } from '../../../webhook/certificate-plan';
import { CertificateBundle, covers, issueCertificates } from '../../../webhook/certificates';

const hosts = { dnsNames: ['fluid-pod-admission-webhook', 'fluid-pod-admission-webhook.fluid-system.svc'], ipAddresses: ['127.0.0.1'] };
const now = new Date('2030-01-01T00:00:00Z');
const DAY = 24 * 3600 * 1000;
let bundle: CertificateBundle;
beforeAll(async () => {
  bundle = await issueCertificates({ ...hosts, now, validityMs: 30 * DAY });
});

describe('issueCertificates', () => {
  it('signs a serving certificate for every host with its own CA', () => {
    const cert = new X509Certificate(bundle.tlsCert);
    const ca = new X509Certificate(bundle.caCert);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkHost('fluid-pod-admission-webhook.fluid-system.svc')).toBeDefined();
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('elsewhere.example')).toBeUndefined();
    expect(new Date(cert.validTo).getTime()).toBe(now.getTime() + 30 * DAY);
    expect(covers(bundle, hosts)).toBe(true);
    expect(covers(bundle, { dnsNames: ['other'] })).toBe(false);
  });
});

describe('certificateDecision', () => {
  const settings = { ...hosts, validityMs: 30 * DAY };

  it('issues when none is stored or the hosts changed, keeps a fresh one until two thirds of its life', () => {
    expect(certificateDecision(undefined, settings, now).action).toBe('issue');
    expect(certificateDecision(bundle, { ...settings, dnsNames: ['new-name'] }, now).action).toBe('issue');
    expect(certificateDecision(bundle, settings, new Date(now.getTime() + DAY))).toEqual({ action: 'keep', renewAt: new Date(now.getTime() + 20 * DAY) });
    expect(certificateDecision(bundle, settings, new Date(now.getTime() + 21 * DAY)).action).toBe('issue');
  });

  it('trusts the previous CA beside the new one until it expires', async () => {
    const next = await issueCertificates({ ...hosts, now, validityMs: 30 * DAY });
    expect(caBundleOf(next, bundle.caCert, now)).toBe(`${next.caCert.trim()}\n${bundle.caCert.trim()}\n`);
    expect(caBundleOf(next, bundle.caCert, new Date(now.getTime() + 31 * DAY))).toBe(next.caCert);
  });
});
