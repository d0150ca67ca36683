// The local control plane does what later tests rely on: controllers run, kwok plays kubelet on every
// fake node (pods Ready, Jobs complete or fail on request), and garbage collection cascades.
import * as k8s from '@kubernetes/client-node';
import * as fs from 'node:fs';
import {
  apiServerLogFile, done, fakeNodeNames, loadKubeConfig, namespacePerTest, notYet, probeGone, waitFor,
} from './support/cluster-client';

/** Measured times are under 3 s (hack/control-plane/README.md); the margin is for a busy CI box. */
const DEADLINE_MS = 30_000;

const kc = loadKubeConfig();
const apps = kc.makeApiClient(k8s.AppsV1Api);
const batch = kc.makeApiClient(k8s.BatchV1Api);
const core = kc.makeApiClient(k8s.CoreV1Api);

/**
 * kwok never pulls or runs images; the name only has to be valid. A zero grace period lets the namespace
 * controller finish at once instead of requeueing for half the default 30 s.
 */
function podTemplate(app: string, annotations: Record<string, string> = {}): k8s.V1PodTemplateSpec {
  return {
    metadata: { labels: { app }, annotations },
    spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'main', image: 'registry.invalid/fluid-cdk8s/none:0' }] },
  };
}

function job(name: string, annotations: Record<string, string> = {}): k8s.V1Job {
  return {
    metadata: { name },
    // backoffLimit 0: a failed pod fails the Job at once instead of after 10 s, 20 s, 40 s… retries.
    spec: { backoffLimit: 0, template: { ...podTemplate(name, annotations), spec: { ...podTemplate(name).spec!, restartPolicy: 'Never' } } },
  };
}

function jobCondition(j: k8s.V1Job, type: string): boolean {
  return (j.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

describe('local control plane', () => {
  const ns = namespacePerTest(kc, 'control-plane');

  test('a Deployment becomes available', async () => {
    await apps.createNamespacedDeployment({
      namespace: ns.name,
      body: { metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: podTemplate('web') } },
    });
    await waitFor('Deployment web to have 2 available replicas', DEADLINE_MS, async () => {
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns.name });
      return d.status?.availableReplicas === 2 ? done(true) : notYet(`status ${JSON.stringify(d.status ?? {})}`);
    });
  });

  test('a 3-replica StatefulSet becomes ready', async () => {
    await apps.createNamespacedStatefulSet({
      namespace: ns.name,
      body: {
        metadata: { name: 'db' },
        spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: podTemplate('db') },
      },
    });
    await waitFor('StatefulSet db to have 3 ready replicas', DEADLINE_MS, async () => {
      const s = await apps.readNamespacedStatefulSet({ name: 'db', namespace: ns.name });
      return s.status?.readyReplicas === 3 ? done(true) : notYet(`readyReplicas ${s.status?.readyReplicas ?? 0}`);
    });
  });

  test('a DaemonSet runs a ready pod on every fake node', async () => {
    const nodes = fakeNodeNames();
    await apps.createNamespacedDaemonSet({
      namespace: ns.name,
      body: { metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: podTemplate('agent') } },
    });
    await waitFor(`DaemonSet agent to have a ready pod on each of ${nodes.join(', ')}`, DEADLINE_MS, async () => {
      const s = (await apps.readNamespacedDaemonSet({ name: 'agent', namespace: ns.name })).status;
      return s?.desiredNumberScheduled === nodes.length && s.numberReady === nodes.length
        ? done(true) : notYet(`desired ${s?.desiredNumberScheduled}, ready ${s?.numberReady}`);
    });
    const pods = await core.listNamespacedPod({ namespace: ns.name, labelSelector: 'app=agent' });
    expect(pods.items.map((p) => p.spec?.nodeName).sort()).toEqual([...nodes].sort());
  });

  test('a Job completes', async () => {
    await batch.createNamespacedJob({ namespace: ns.name, body: job('works') });
    const finished = await waitFor('Job works to complete', DEADLINE_MS, async () => {
      const j = await batch.readNamespacedJob({ name: 'works', namespace: ns.name });
      return jobCondition(j, 'Complete') || jobCondition(j, 'Failed')
        ? done(j) : notYet(`conditions ${JSON.stringify(j.status?.conditions ?? [])}`);
    });
    expect(jobCondition(finished, 'Complete')).toBe(true);
    expect(finished.status?.succeeded).toBe(1);
  });

  test('a Job whose pod is annotated to fail ends Failed', async () => {
    await batch.createNamespacedJob({ namespace: ns.name, body: job('breaks', { 'fluid-cdk8s.test/fail': 'true' }) });
    const finished = await waitFor('Job breaks to finish', DEADLINE_MS, async () => {
      const j = await batch.readNamespacedJob({ name: 'breaks', namespace: ns.name });
      return jobCondition(j, 'Complete') || jobCondition(j, 'Failed')
        ? done(j) : notYet(`conditions ${JSON.stringify(j.status?.conditions ?? [])}`);
    });
    expect(jobCondition(finished, 'Failed')).toBe(true);
    expect(finished.status?.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('BackoffLimitExceeded');
  });

  test('a foreground deletion removes the owner only after its dependents', async () => {
    await apps.createNamespacedDeployment({
      namespace: ns.name,
      body: { metadata: { name: 'owner' }, spec: { replicas: 2, selector: { matchLabels: { app: 'owner' } }, template: podTemplate('owner') } },
    });
    await waitFor('Deployment owner to have 2 available replicas', DEADLINE_MS, async () => {
      const d = await apps.readNamespacedDeployment({ name: 'owner', namespace: ns.name });
      return d.status?.availableReplicas === 2 ? done(true) : notYet(`availableReplicas ${d.status?.availableReplicas ?? 0}`);
    });

    await apps.deleteNamespacedDeployment({ name: 'owner', namespace: ns.name, propagationPolicy: 'Foreground' });

    await waitFor('Deployment owner to be deleted', DEADLINE_MS, () => probeGone(
      () => apps.readNamespacedDeployment({ name: 'owner', namespace: ns.name }),
      (d) => `still there with finalizers ${JSON.stringify(d.metadata?.finalizers ?? [])}`,
    ));
    // Foreground: the owner's object disappears last, so its dependents must already be gone.
    const replicaSets = await apps.listNamespacedReplicaSet({ namespace: ns.name, labelSelector: 'app=owner' });
    const pods = await core.listNamespacedPod({ namespace: ns.name, labelSelector: 'app=owner' });
    expect(replicaSets.items.map((r) => r.metadata?.name)).toEqual([]);
    expect(pods.items.map((p) => p.metadata?.name)).toEqual([]);
  });
});

describe('kube-apiserver log', () => {
  test('has no line saying etcd lacks RequestWatchProgress', () => {
    const log = fs.readFileSync(apiServerLogFile(), 'utf8');
    expect(log).toContain('Serving securely'); // the right, non-empty file
    // Messages from k8s.io/apiserver pkg/storage/feature/feature_support_checker.go.
    const complaints = log.split('\n').filter((line) => /RequestWatchProgress/.test(line) && /not supported|failed to check/i.test(line));
    expect(complaints).toEqual([]);
  });
});
