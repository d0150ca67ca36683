// The operator's kube/ infrastructure on the real control plane: the informer follows ConfigMaps and survives a
// kind that does not exist yet, the EventRecorder's Events read back, two electors share one Lease, and the
// health server answers its three endpoints.
import * as k8s from '@kubernetes/client-node';
import * as path from 'node:path';
import { EventRecorder } from '../../operator/kube/events';
import { Informer, InformerVerb } from '../../operator/kube/informer';
import { installCrds } from '../../operator/kube/crd-installer';
import { KubeLeaseStore } from '../../operator/kube/lease';
import { startHealthServer } from '../../operator/health-server';
import { LeaderElector } from '../../operator/leader-election';
import { OperatorMetrics } from '../../operator/metrics';
import { captureLogger, CapturedLogger } from '../support/capture-logger';
import { done, isStatus, loadKubeConfig, namespacePerTest, notYet, waitFor } from './support/cluster-client';
import { readCrdFiles } from './support/crd-install';

const kc = loadKubeConfig();
const core = kc.makeApiClient(k8s.CoreV1Api);
const ns = namespacePerTest(kc, 'operator-kube', { waitForServiceAccount: false });

/** A watch event reaches the cache within milliseconds here; a generous bound for a loaded machine. */
const EVENT_DEADLINE_MS = 15_000;
const CONFIGMAPS = { group: '', version: 'v1', plural: 'configmaps' };

const informers: Informer[] = [];
afterEach(async () => {
  await Promise.all(informers.splice(0).map((i) => i.stop()));
});

function configMapInformer(log: CapturedLogger, options: { labelSelector?: string } = {}): { informer: Informer<k8s.V1ConfigMap>; seen: string[] } {
  const informer = new Informer<k8s.V1ConfigMap>({ kubeConfig: kc, resource: CONFIGMAPS, kind: 'ConfigMap', namespace: ns.name, logger: log.logger, ...options });
  informers.push(informer);
  const seen: string[] = [];
  for (const verb of ['add', 'update', 'delete'] as InformerVerb[]) {
    informer.on(verb, (cm) => void seen.push(`${verb} ${cm.metadata?.name} ${cm.data?.v ?? '-'}`));
  }
  return { informer, seen };
}

async function waitForSeen(seen: string[], line: string): Promise<void> {
  await waitFor(`informer event "${line}"`, EVENT_DEADLINE_MS, async () => (seen.includes(line) ? done(true) : notYet(`seen: ${seen.join(', ')}`)));
}

async function waitForSynced(informer: Informer, deadlineMs = EVENT_DEADLINE_MS): Promise<void> {
  await waitFor(`informer for ${informer.path} to sync`, deadlineMs, async () => (informer.hasSynced ? done(true) : notYet(`phase ${informer.phase}`)));
}

describe('Informer', () => {
  test('sees ConfigMaps added, updated and deleted, and its cache matches the API server', async () => {
    await core.createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'before' }, data: { v: '0' } } });
    const log = captureLogger();
    const { informer, seen } = configMapInformer(log);
    const started = informer.start();
    await waitForSynced(informer);
    await started;
    expect(informer.get('before', ns.name)?.data).toEqual({ v: '0' });
    expect(seen).toContain('add before 0');

    await core.createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'cm' }, data: { v: '1' } } });
    await waitForSeen(seen, 'add cm 1');
    await core.replaceNamespacedConfigMap({ name: 'cm', namespace: ns.name, body: { metadata: { name: 'cm' }, data: { v: '2' } } });
    await waitForSeen(seen, 'update cm 2');
    expect(informer.get('cm', ns.name)?.data).toEqual({ v: '2' });
    await core.deleteNamespacedConfigMap({ name: 'cm', namespace: ns.name });
    await waitForSeen(seen, 'delete cm 2');

    // KCM adds kube-root-ca.crt to each new namespace at its own pace, so compare until the two agree.
    const names = (objects: readonly k8s.V1ConfigMap[]): string => objects.map((o) => `${o.metadata?.name}@${o.metadata?.resourceVersion}`).sort().join(', ');
    await waitFor('the cache to match the API server', EVENT_DEADLINE_MS, async () => {
      const fromServer = names((await core.listNamespacedConfigMap({ namespace: ns.name })).items);
      const cached = names(informer.list(ns.name));
      return cached === fromServer && names(informer.list()) === fromServer ? done(true) : notYet(`cache [${cached}], server [${fromServer}]`);
    });
    expect(informer.get('cm', ns.name)).toBeUndefined();
    expect(log.messages()).toEqual(expect.arrayContaining(['Started informer', 'Listed objects; cache synced', 'Connected watch']));

    await informer.stop();
    expect(log.messages().at(-1)).toBe('Stopped informer');
  });

  test('a label selector limits the cache', async () => {
    const { informer, seen } = configMapInformer(captureLogger(), { labelSelector: 'fluid-cdk8s.test/pick=yes' });
    await informer.start();
    await core.createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'other' }, data: { v: 'o' } } });
    await core.createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'picked', labels: { 'fluid-cdk8s.test/pick': 'yes' } }, data: { v: 'p' } } });
    await waitForSeen(seen, 'add picked p');
    expect(informer.list().map((o) => o.metadata?.name)).toEqual(['picked']);
    expect(seen).toEqual(['add picked p']);
  });

  test('started before its CRD exists, it retries with backoff and syncs once the CRD is served', async () => {
    const crd = throwawayCrd();
    const log = captureLogger();
    const informer = new Informer({
      kubeConfig: kc, resource: { group: crd.spec.group, version: crd.version, plural: crd.spec.names.plural }, kind: crd.spec.names.kind,
      logger: log.logger, restart: { baseDelayMs: 100, maxDelayMs: 1_000 },
    });
    informers.push(informer);
    const seen: string[] = [];
    informer.on('add', (o) => void seen.push(o.metadata!.name!));
    const started = informer.start();
    try {
      await waitFor('the informer to fail twice and keep retrying', EVENT_DEADLINE_MS, async () => {
        const failures = log.lines.filter((l) => l.msg === 'List or watch failed; scheduled a restart');
        return failures.length >= 2 ? done(failures) : notYet(`log: ${log.messages().join(' | ')}`);
      });
      expect(log.lines.find((l) => l.msg === 'List or watch failed; scheduled a restart')).toMatchObject({ code: 404, kind: crd.spec.names.kind });
      expect(informer.hasSynced).toBe(false);

      await installCrds(kc, [crd.object]);
      await waitForSynced(informer, 30_000);
      await started;
      // The cache syncs when the watch request goes out; the line follows once the server has answered it.
      const connected = await waitFor('the watch to connect', EVENT_DEADLINE_MS, async () => {
        const line = log.lines.find((l) => l.msg === 'Connected watch');
        return line ? done(line) : notYet(`log: ${log.messages().join(' | ')}`);
      });
      // Usually the 404; right after a CRD is Established its storage may still answer 429 "(re)initializing".
      expect(connected).toMatchObject({ after: expect.stringMatching(/^(404|429) /) });
      expect(log.messages()).toContain('Restarted list and watch after error');

      const custom = kc.makeApiClient(k8s.CustomObjectsApi);
      await custom.createNamespacedCustomObject({
        group: crd.spec.group, version: crd.version, plural: crd.spec.names.plural, namespace: ns.name,
        body: { apiVersion: `${crd.spec.group}/${crd.version}`, kind: crd.spec.names.kind, metadata: { name: 'demo' }, spec: { mounts: [{ mountPoint: 'https://example.com/data/' }] } },
      });
      await waitForSeen(seen, 'demo');
      expect(informer.get('demo', ns.name)?.metadata?.namespace).toBe(ns.name);
    } finally {
      await informer.stop();
      await deleteCrd(crd.object.metadata.name);
    }
  });

  test('stop() before the first list succeeds rejects start() and leaves nothing running', async () => {
    const log = captureLogger();
    const informer = new Informer({ kubeConfig: kc, resource: { group: 'nothing.fluid-cdk8s.test', version: 'v1', plural: 'nothings' }, kind: 'Nothing', logger: log.logger });
    const started = informer.start();
    await waitFor('a failed list', EVENT_DEADLINE_MS, async () => (log.messages().includes('List or watch failed; scheduled a restart') ? done(true) : notYet(log.messages().join(' | '))));
    await informer.stop();
    await expect(started).rejects.toThrow('was stopped before its cache synced');
    expect(informer.phase).toBe('Stopped');
  });
});

describe('EventRecorder', () => {
  test('creates an events.k8s.io/v1 Event that reads back with regarding, reason and a 1 kB note', async () => {
    const cm = await core.createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'subject' } } });
    const metrics = new OperatorMetrics({ processMetrics: false });
    const recorder = new EventRecorder({ kubeConfig: kc, identity: 'operator-0', logger: captureLogger().logger, countWrite: metrics.countApiWrite });
    const regarding = { apiVersion: 'v1', kind: 'ConfigMap', name: 'subject', namespace: ns.name, uid: cm.metadata!.uid! };
    const name = await recorder.record(regarding, { type: 'Warning', reason: 'SpecInvalid', note: 'n'.repeat(3_000), action: 'Validate' });
    expect(name).toMatch(/^subject\.[0-9a-f]+$/);

    const event = await kc.makeApiClient(k8s.EventsV1Api).readNamespacedEvent({ name: name!, namespace: ns.name });
    expect(event.regarding).toMatchObject(regarding);
    expect(event).toMatchObject({ type: 'Warning', reason: 'SpecInvalid', action: 'Validate', reportingController: 'fluid-cdk8s', reportingInstance: 'operator-0' });
    expect(Buffer.byteLength(event.note!)).toBe(1024);
    // client-node hands MicroTime back as the server's string.
    expect(String(event.eventTime)).toMatch(/\.\d{6}Z$/);
    expect(await metrics.text()).toContain('fluid_cdk8s_api_writes_total{verb="create",resource="events"} 1');

    const second = await recorder.record(regarding, { type: 'Normal', reason: 'Again', note: 'same millisecond is fine', action: 'Validate' });
    expect(second).not.toBe(name);
  });

  test('a failure is logged with its status code, never thrown', async () => {
    const log = captureLogger();
    const recorder = new EventRecorder({ kubeConfig: kc, identity: 'operator-0', logger: log.logger });
    const name = await recorder.record({ apiVersion: 'v1', kind: 'ConfigMap', name: 'x', namespace: 'no-such-namespace-fluid-cdk8s' }, { type: 'Normal', reason: 'R', note: 'n', action: 'A' });
    expect(name).toBeUndefined();
    expect(log.lines.find((l) => l.msg === 'Failed to record event')).toMatchObject({ code: 404, object: { kind: 'ConfigMap', name: 'x' } });
  });
});

describe('LeaderElector', () => {
  const timing = { leaseDurationMs: 4_000, renewDeadlineMs: 2_000, renewIntervalMs: 500, retryIntervalMs: 200 };

  test('of two electors on one Lease exactly one leads; when it stops, the other takes over before the lease would expire', async () => {
    const leaders = new Set<string>();
    let mostAtOnce = 0;
    const electors = ['replica-a', 'replica-b'].map((identity) => {
      const store = new KubeLeaseStore({ kubeConfig: kc, namespace: ns.name, name: 'fluid-cdk8s-leader' });
      const elector = new LeaderElector({ store, identity, logger: captureLogger().logger, ...timing });
      elector.run({
        onStartedLeading: () => {
          leaders.add(identity);
          mostAtOnce = Math.max(mostAtOnce, leaders.size);
        },
        onStoppedLeading: () => void leaders.delete(identity),
      });
      return { identity, elector, store };
    });
    try {
      const first = await waitFor('one elector to lead', EVENT_DEADLINE_MS, async () => (leaders.size === 1 ? done([...leaders][0]) : notYet(`leaders: ${[...leaders]}`)));
      const leader = electors.find((e) => e.identity === first)!;
      const other = electors.find((e) => e.identity !== first)!;
      const acquired = (await leader.store.read())!;
      // Several renewals, during which the other elector keeps trying and must fail.
      await waitFor('the leader to renew three times', EVENT_DEADLINE_MS, async () => {
        const lease = (await leader.store.read())!;
        return lease.renewTimeMs! >= acquired.renewTimeMs! + 3 * timing.renewIntervalMs ? done(lease) : notYet(`renewTime ${lease.renewTimeMs}`);
      });
      expect([...leaders]).toEqual([first]);
      expect(mostAtOnce).toBe(1);

      await leader.elector.stop();
      const released = Date.now();
      await waitFor(`${other.identity} to take over`, timing.leaseDurationMs - 1_000, async () => (other.elector.isLeader ? done(true) : notYet(`leaders: ${[...leaders]}`)));
      expect(Date.now() - released).toBeLessThan(timing.leaseDurationMs);
      expect(await other.store.read()).toMatchObject({ holderIdentity: other.identity, leaseTransitions: 1 });
      expect(mostAtOnce).toBe(1);
    } finally {
      await Promise.all(electors.map((e) => e.elector.stop()));
    }
  });
});

describe('health server', () => {
  test('serves /healthz, /readyz (503 until ready) and /metrics', async () => {
    const metrics = new OperatorMetrics();
    metrics.countApiWrite('patch', 'statefulsets');
    let ready = false;
    const server = await startHealthServer({ port: 0, host: '127.0.0.1', ready: () => ready, metrics, logger: captureLogger().logger });
    const get = async (p: string): Promise<{ status: number; type: string | null; body: string }> => {
      const res = await fetch(`http://127.0.0.1:${server.port}${p}`);
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    };
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(await get('/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
      expect(await get('/readyz')).toMatchObject({ status: 503 });
      ready = true;
      expect(await get('/readyz')).toMatchObject({ status: 200 });
      const scraped = await get('/metrics');
      expect(scraped.status).toBe(200);
      expect(scraped.type).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(scraped.body).toContain('fluid_cdk8s_api_writes_total{verb="patch",resource="statefulsets"} 1');
      expect(scraped.body).toContain('process_resident_memory_bytes');
      expect((await get('/other')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

interface ThrowawayCrd {
  readonly object: { metadata: { name: string }; spec: { group: string; names: { kind: string; plural: string } } };
  readonly spec: { group: string; names: { kind: string; plural: string } };
  readonly version: string;
}

/**
 * Our Dataset CRD under a group of its own: CRDs are cluster-wide and other test files install the real ones,
 * so only a fresh group is sure not to exist when the informer starts.
 */
function throwawayCrd(): ThrowawayCrd {
  const dataset = readCrdFiles(path.resolve(__dirname, '..', '..', 'crds')).find((f) => f.crd.spec.names.kind === 'Dataset')!.crd;
  const group = `informer-${Math.random().toString(36).slice(2, 8)}.fluid-cdk8s.test`;
  const object = structuredClone(dataset);
  object.spec.group = group;
  object.metadata = { name: `${object.spec.names.plural}.${group}` };
  const version = object.spec.versions.find((v) => v.storage)!.name;
  return { object, spec: object.spec, version };
}

async function deleteCrd(name: string): Promise<void> {
  try {
    await kc.makeApiClient(k8s.ApiextensionsV1Api).deleteCustomResourceDefinition({ name });
  } catch (err) {
    if (!isStatus(err, 404)) throw err;
  }
}
