// The real node of the shared cluster (kubelet + containerd, cluster/real-node/): real containers from the project's
// own images, logs and exec through the apiserver, mount propagation under the shared mount root, and the taint that
// keeps every pod that does not ask for it on the KWOK nodes.
import * as fs from 'node:fs';
import * as k8s from '@kubernetes/client-node';
import { mountsUnder } from '../../cluster/real-node/mounts';
import { kubeRequest } from '../../operator/kube/kube-request';
import { clusterEnv } from './support/cluster-env';
import { done, fakeNodeNames, loadKubeConfig, namespacePerTest, notYet, waitFor } from './support/cluster-client';
import { clusterImages, kubectl, onRealNode, realNodeName } from './support/real-node';

const kc = loadKubeConfig();
const ns = namespacePerTest(kc, 'real-node');
const RUNNING_DEADLINE_MS = 60_000;

async function createPod(pod: object): Promise<void> {
  await kubeRequest(kc, 'POST', `/api/v1/namespaces/${ns.name}/pods`, pod);
}

async function waitRunning(name: string): Promise<k8s.V1Pod> {
  return waitFor(`pod ${ns.name}/${name} to run with its containers ready`, RUNNING_DEADLINE_MS, async () => {
    const pod = (await kubeRequest(kc, 'GET', `/api/v1/namespaces/${ns.name}/pods/${name}`)).body as k8s.V1Pod;
    const ready = pod.status?.containerStatuses?.every((c) => c.ready) ?? false;
    return pod.status?.phase === 'Running' && ready ? done(pod) : notYet(`phase ${pod.status?.phase}; ${JSON.stringify(pod.status?.containerStatuses?.map((c) => c.state))}`);
  }, { intervalMs: 200 });
}

function busyboxPod(name: string, script: string, extra: Record<string, unknown> = {}): object {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: {
      ...onRealNode(), terminationGracePeriodSeconds: 0,
      containers: [{ name: 'main', image: clusterImages().busybox, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', script], ...extra }],
    },
  };
}

test('the real node runs the kubelet of the control plane version on containerd', async () => {
  const node = (await kubeRequest(kc, 'GET', `/api/v1/nodes/${realNodeName()}`)).body as k8s.V1Node;
  const version = (await kubeRequest(kc, 'GET', '/version')).body as { gitVersion: string };
  expect(node.status?.nodeInfo?.kubeletVersion).toBe(version.gitVersion);
  expect(node.status?.nodeInfo?.containerRuntimeVersion).toMatch(/^containerd:\/\//);
  expect(node.spec?.taints).toEqual([{ key: 'node.fluid-cdk8s.io/real', value: 'true', effect: 'NoSchedule' }]);
  expect(node.metadata?.annotations?.['kwok.x-k8s.io/node']).toBeUndefined();
});

test('a busybox pod runs there; its logs and exec (with stdin) work through the apiserver', async () => {
  await createPod(busyboxPod('hello', 'echo "hello from $(hostname)"; exec sleep 3600'));
  const pod = await waitRunning('hello');
  expect(pod.spec?.nodeName).toBe(realNodeName());
  // A real container has a real PID 1 and an address from the node's bridge, not from KWOK's 10.244.0.0/16.
  expect(pod.status?.podIP).toMatch(/^10\.232\./);
  const logs = await waitFor('the pod\'s first log line', 10_000, async () => {
    const r = await kubectl(['-n', ns.name, 'logs', 'hello']);
    return r.stdout.includes('hello from hello') ? done(r.stdout) : notYet(`${r.code}: ${r.stdout}${r.stderr}`);
  });
  expect(logs.trim()).toBe('hello from hello');
  const exec = await kubectl(['-n', ns.name, 'exec', '-i', 'hello', '--', 'sh', '-c', 'cat > /tmp/in; echo "pid1=$(cat /proc/1/comm) got=$(cat /tmp/in)"'], { input: 'through stdin' });
  expect(exec).toMatchObject({ code: 0, stdout: 'pid1=sleep got=through stdin\n' });
  const failing = await kubectl(['-n', ns.name, 'exec', 'hello', '--', 'sh', '-c', 'exit 7']);
  expect(failing.code).toBe(7);
});

test('a container that exits is restarted by the kubelet, and its exit code is reported', async () => {
  await createPod(busyboxPod('crasher', 'echo run; exit 3'));
  const status = await waitFor('the crashing container to be restarted', RUNNING_DEADLINE_MS, async () => {
    const pod = (await kubeRequest(kc, 'GET', `/api/v1/namespaces/${ns.name}/pods/crasher`)).body as k8s.V1Pod;
    const c = pod.status?.containerStatuses?.[0];
    return (c?.restartCount ?? 0) >= 1 ? done(c!) : notYet(JSON.stringify(c?.state));
  }, { intervalMs: 250 });
  expect(status.lastState?.terminated?.exitCode).toBe(3);
});

test('a mount made under the shared mount root with Bidirectional propagation reaches the host and another pod', async () => {
  const mountRoot = clusterEnv('mountRoot');
  const target = `${mountRoot}/${ns.name}`;
  const volume = { name: 'root', hostPath: { path: mountRoot, type: 'Directory' } };
  const writer = busyboxPod('mounter', `mkdir -p ${target} && mount -t tmpfs tmpfs ${target} && echo shared > ${target}/file && exec sleep 3600`, {
    securityContext: { privileged: true },
    volumeMounts: [{ name: 'root', mountPath: mountRoot, mountPropagation: 'Bidirectional' }],
  }) as { spec: { volumes?: object[] } };
  writer.spec.volumes = [volume];
  await createPod(writer);
  await waitRunning('mounter');
  await waitFor(`the tmpfs at ${target} to show on the host`, 10_000, async () => (mountsUnder(target).length > 0 ? done(true) : notYet('not mounted')));
  expect(fs.readFileSync(`${target}/file`, 'utf8')).toBe('shared\n');
  const reader = busyboxPod('reader', 'exec sleep 3600', { volumeMounts: [{ name: 'root', mountPath: '/data', mountPropagation: 'HostToContainer' }] }) as { spec: { volumes?: object[] } };
  reader.spec.volumes = [volume];
  await createPod(reader);
  await waitRunning('reader');
  const read = await kubectl(['-n', ns.name, 'exec', 'reader', '--', 'cat', `/data/${ns.name}/file`]);
  expect(read).toMatchObject({ code: 0, stdout: 'shared\n' });
  // Unmounting inside the writer propagates back too, as a fuse client's unmount does when it stops.
  expect((await kubectl(['-n', ns.name, 'exec', 'mounter', '--', 'umount', target])).code).toBe(0);
  await waitFor(`${target} to be unmounted on the host`, 10_000, async () => (mountsUnder(target).length === 0 ? done(true) : notYet('still mounted')));
  fs.rmdirSync(target);
});

test('pods that do not tolerate the real node never land on it, however many there are', async () => {
  const labels = { app: 'spread' };
  await kubeRequest(kc, 'POST', `/apis/apps/v1/namespaces/${ns.name}/deployments`, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'spread' },
    spec: { replicas: 12, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
  });
  await kubeRequest(kc, 'POST', `/apis/apps/v1/namespaces/${ns.name}/daemonsets`, {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'everywhere' },
    spec: { selector: { matchLabels: { app: 'everywhere' } }, template: { metadata: { labels: { app: 'everywhere' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
  });
  const fake = fakeNodeNames();
  const pods = await waitFor('12 Deployment pods and one DaemonSet pod per fake node to run', RUNNING_DEADLINE_MS, async () => {
    const items = ((await kubeRequest(kc, 'GET', `/api/v1/namespaces/${ns.name}/pods`)).body.items as k8s.V1Pod[]);
    const running = items.filter((p) => p.status?.phase === 'Running');
    return running.length === 12 + fake.length ? done(items) : notYet(`${running.length} of ${12 + fake.length} running`);
  }, { intervalMs: 250 });
  const nodes = new Set(pods.map((p) => p.spec?.nodeName));
  expect(nodes.has(realNodeName())).toBe(false);
  expect([...nodes].every((n) => fake.includes(n!))).toBe(true);
});
