// podExec through the real apiserver's pods/exec websocket: into KWOK pods, where kwok serves the kubelet API and runs
// a stub for the command (test/support/kwok-exec.ts), and into a busybox pod on the real node, where containerd runs
// it. Covers output and exit codes, the deadline, the output cap, and the errors for a pod no rule serves.
import * as k8s from '@kubernetes/client-node';
import { kubeRequest } from '../../operator/kube/kube-request';
import { podExec, PodExecError, PodExecTarget } from '../../operator/kube/pod-exec';
import { KwokExecStubs } from '../support/kwok-exec';
import { createNamespace, done, loadKubeConfig, notYet, startNamespaceDeletion, waitFor } from '../integration/support/cluster-client';
import { clusterImages, onRealNode, realNodeName } from '../integration/support/real-node';

const kc = loadKubeConfig();
const RUNNING_DEADLINE_MS = 90_000;
const namespaces: string[] = [];
let stubs: KwokExecStubs | undefined;
let master: PodExecTarget;

async function createPod(namespace: string, name: string, spec: object): Promise<void> {
  await kubeRequest(kc, 'POST', `/api/v1/namespaces/${namespace}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
}

async function waitRunning(namespace: string, name: string): Promise<k8s.V1Pod> {
  return waitFor(`pod ${namespace}/${name} to run with its containers ready`, RUNNING_DEADLINE_MS, async () => {
    const pod = (await kubeRequest(kc, 'GET', `/api/v1/namespaces/${namespace}/pods/${name}`)).body as k8s.V1Pod;
    const ready = pod.status?.containerStatuses?.every((c) => c.ready) ?? false;
    return pod.status?.phase === 'Running' && ready ? done(pod) : notYet(`phase ${pod.status?.phase}`);
  }, { intervalMs: 200 });
}

/** A pod for the KWOK nodes: the real node's taint keeps it off there. */
const kwokPodSpec = { containers: [{ name: 'master', image: 'fluid/alluxio:stand-in' }, { name: 'jobmaster', image: 'fluid/alluxio:stand-in' }] };

async function rejection(promise: Promise<unknown>): Promise<PodExecError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof PodExecError)) throw new Error(`expected a PodExecError, got ${String(err)}`);
  return err;
}

beforeAll(async () => {
  const ns = await createNamespace(kc, 'kwok-exec');
  namespaces.push(ns);
  master = { namespace: ns, pod: 'cache-master', container: 'master' };
  await createPod(ns, master.pod, kwokPodSpec);
  stubs = await KwokExecStubs.create(kc, ns);
  const pod = await waitRunning(ns, master.pod);
  expect(pod.spec?.nodeName).toMatch(/^kwok-node-/);
  await stubs.waitServed(master);
});

afterAll(async () => {
  await stubs?.delete();
  await Promise.all(namespaces.map((ns) => startNamespaceDeletion(kc, ns)));
});

test('a bare command answers with the stub\'s stdout and stderr, and its exit code, by argv', async () => {
  stubs!.answer(['alluxio', 'fsadmin', 'report', 'summary'], { stdout: 'Alluxio cluster summary:\n    Live Workers: 2\n', stderr: 'log4j: no appenders\n' });
  stubs!.answer(['alluxio', 'fs', 'ls', '/no such dir'], { stderr: '/no such dir does not exist\n', exitCode: 3 });

  await expect(podExec(kc, master, ['alluxio', 'fsadmin', 'report', 'summary'])).resolves.toEqual({
    stdout: 'Alluxio cluster summary:\n    Live Workers: 2\n', stderr: 'log4j: no appenders\n', exitCode: 0, truncated: false,
  });
  await expect(podExec(kc, master, ['alluxio', 'fs', 'ls', '/no such dir'])).resolves.toEqual({
    stdout: '', stderr: '/no such dir does not exist\n', exitCode: 3, truncated: false,
  });
  // The same words split differently are another argv, with no answer: the stub says so and exits 127.
  const unknown = await podExec(kc, master, ['alluxio', 'fs', 'ls', '/no', 'such', 'dir']);
  expect(unknown.exitCode).toBe(127);
  expect(unknown.stderr).toContain('no answer in');
  expect(unknown.stderr).toContain('[alluxio] [fs] [ls] [/no] [such] [dir]');
});

test('an absolute command maps to its answer too, whichever container of the pod runs it', async () => {
  stubs!.answer(['/etc/fluid/scripts/kwok-exec-check.sh', '--mounted'], { stdout: 'mounted\n' });
  await expect(podExec(kc, { ...master, container: 'jobmaster' }, ['/etc/fluid/scripts/kwok-exec-check.sh', '--mounted']))
    .resolves.toMatchObject({ stdout: 'mounted\n', exitCode: 0 });
});

test('a command that outlives the timeout is rejected at the deadline, naming pod, container and command', async () => {
  stubs!.answer(['alluxio', 'hang'], { script: 'exec sleep 20' });
  const started = Date.now();
  const err = await rejection(podExec(kc, master, ['alluxio', 'hang'], { timeoutMs: 1_500 }));
  const elapsed = Date.now() - started;
  expect(err.failure).toBe('timeout');
  expect(err.message).toBe(`exec ["alluxio","hang"] in pod ${master.namespace}/cache-master container master: no exit status within 1500 ms; connection closed`);
  // Well before the 20 s the command would take, and not before the deadline (less a timer's rounding).
  expect(elapsed).toBeGreaterThanOrEqual(1_400);
  expect(elapsed).toBeLessThan(10_000);
});

test('output over the cap is truncated to it, and the exit status still arrives', async () => {
  stubs!.answer(['alluxio', 'dump'], { script: 'head -c 300000 /dev/zero | tr "\\0" x; echo done >&2; exit 4' });
  const r = await podExec(kc, master, ['alluxio', 'dump'], { maxOutputBytes: 4096 });
  expect(r.stdout).toBe('x'.repeat(4096));
  expect(r).toMatchObject({ stderr: 'done\n', exitCode: 4, truncated: true });
});

test('a pod that no exec rule serves gives an error naming the pod and container', async () => {
  const other = await createNamespace(kc, 'kwok-exec-none');
  namespaces.push(other);
  await createPod(other, 'lonely', kwokPodSpec);
  await waitRunning(other, 'lonely');
  const err = await rejection(podExec(kc, { namespace: other, pod: 'lonely', container: 'master' }, ['alluxio', 'version']));
  expect(err.failure).toBe('status');
  expect(err.status?.reason).toBe('InternalError');
  expect(err.message).toContain(`exec ["alluxio","version"] in pod ${other}/lonely container master: `);
  expect(err.message).toContain(`no exec found for container "master" in pod "${other}/lonely"`);
});

test('a container the pod does not have is refused at the handshake', async () => {
  const err = await rejection(podExec(kc, { ...master, container: 'worker' }, ['alluxio', 'version']));
  expect(err.failure).toBe('connect');
  expect(err.message).toMatch(new RegExp(`in pod ${master.namespace}/cache-master container worker: could not open the exec stream: .*400`));
});

test('a busybox pod on the real node answers through its kubelet: output and exit codes', async () => {
  const ns = namespaces[0];
  await createPod(ns, 'busybox', {
    ...onRealNode(), terminationGracePeriodSeconds: 0,
    containers: [{ name: 'main', image: clusterImages().busybox, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'exec sleep 3600'] }],
  });
  const pod = await waitRunning(ns, 'busybox');
  expect(pod.spec?.nodeName).toBe(realNodeName());
  const target = { namespace: ns, pod: 'busybox', container: 'main' };
  await expect(podExec(kc, target, ['cat', '/proc/1/comm'])).resolves.toEqual({ stdout: 'sleep\n', stderr: '', exitCode: 0, truncated: false });
  await expect(podExec(kc, target, ['sh', '-c', 'echo out; echo err >&2; exit 7'])).resolves.toEqual({ stdout: 'out\n', stderr: 'err\n', exitCode: 7, truncated: false });
  // A command that cannot start has no exit code: containerd's refusal comes back as a failure with its reason.
  const err = await rejection(podExec(kc, target, ['/no/such/binary']));
  expect(err.failure).toBe('status');
  expect(err.message).toContain(`exec ["/no/such/binary"] in pod ${ns}/busybox container main: InternalError: `);
  expect(err.message).toContain('stat /no/such/binary: no such file or directory');
});
