// The webhook's HTTPS server on loopback, with its own certificates: an AdmissionReview answered with Fluid's
// patch, and a certificate swapped while it runs (no cluster: the Datasets come from an in-memory view).
import { X509Certificate } from 'node:crypto';
import * as https from 'node:https';
import { pino } from 'pino';
import { builtinEngines } from '../../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../../constructs/render-documents';
import { StaticClusterView } from '../../../operator/reconcilers/cluster-view';
import { AdmissionServer } from '../../../webhook/admission-server';
import { MUTATE_PATH, reviewPod } from '../../../webhook/admission-review';
import { CertificateBundle, issueCertificates } from '../../../webhook/certificates';
import { DEFAULT_PROFILE } from '../../../webhook/plugins-profile';
import { appPod } from './fixtures';

const hosts = { dnsNames: ['fluid-pod-admission-webhook'], ipAddresses: ['127.0.0.1'], now: new Date(), validityMs: 3600_000 };
let first: CertificateBundle;
let second: CertificateBundle;
const registry = builtinEngines();
const view = new StaticClusterView([], registry);
let server: AdmissionServer;

function post(body: unknown, ca: string): Promise<{ status: number; body: any; serial: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: server.port, path: MUTATE_PATH, method: 'POST', ca, agent: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()), serial: (res.socket as import('node:tls').TLSSocket).getPeerCertificate().serialNumber }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

beforeAll(async () => {
  [first, second] = await Promise.all([issueCertificates(hosts), issueCertificates(hosts)]);
  server = await AdmissionServer.start({
    port: 0,
    host: '127.0.0.1',
    certificates: first,
    logger: pino({ level: 'silent' }),
    review: (review) => reviewPod(review, { view, registry, settings: DEFAULT_SETTINGS, now: new Date() }, DEFAULT_PROFILE, {}),
  });
});

afterAll(() => server.close());

describe('AdmissionServer', () => {
  const pod = appPod({ claim: 'not-a-dataset' });
  const { namespace: _ns, ...metadata } = pod.metadata;
  const review = { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u-1', namespace: 'team-a', operation: 'CREATE', object: { ...pod, metadata } } };

  it('answers an AdmissionReview with a JSON patch, trusted through its own CA', async () => {
    const res = await post(review, first.caCert);
    expect(res.status).toBe(200);
    expect(res.body.response).toMatchObject({ uid: 'u-1', allowed: true, patchType: 'JSONPatch' });
    const patch = JSON.parse(Buffer.from(res.body.response.patch, 'base64').toString());
    // A PVC no Dataset owns: the pod mounts no Dataset, and the namespace taken from the request is not written back.
    expect(patch).toEqual([{ op: 'add', path: '/spec/affinity', value: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'fluid.io/dataset-num', operator: 'DoesNotExist' }] } }] } } }]);
  });

  it('denies a pod whose namespace is not the request\'s, naming both', async () => {
    const res = await post({ ...review, request: { ...review.request, object: { ...pod, metadata: { ...metadata, namespace: 'team-b' } } } }, first.caCert);
    expect(res.body.response).toMatchObject({ allowed: false, status: { message: expect.stringMatching(/"team-b" differs from the request's namespace "team-a"/) } });
  });

  it('serves new connections with renewed certificates, without a restart', async () => {
    server.useCertificates(second);
    const res = await post(review, second.caCert);
    expect(res.serial.toUpperCase()).toBe(new X509Certificate(second.tlsCert).serialNumber.toUpperCase());
    await expect(post(review, first.caCert)).rejects.toThrow();
  });
});
