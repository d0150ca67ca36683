// `cluster down` after the harness itself died (a failed or interrupted run): a second cluster with a real node runs
// a pod with a mount, its owner is SIGKILLed, and `cluster down --dir` must leave no process, mount, cgroup, link,
// network namespace or folder behind. The shared cluster of the other tests must not notice.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cgroupRootExists } from '../../cluster/real-node/cgroups';
import { hostCommand } from '../../cluster/real-node/host-command';
import { linkExists } from '../../cluster/real-node/host-links';
import { mountsUnder } from '../../cluster/real-node/mounts';
import { processesMentioning } from '../../cluster/real-node/real-node-cleanup';
import { readState } from '../../cluster/state-file';
import { REPO_ROOT } from '../../cluster/repo-root';
import { done, notYet, waitFor } from './support/cluster-client';
import { clusterImages, kubectl, onRealNode, realNodeName } from './support/real-node';

const CLI = path.join(REPO_ROOT, 'bin', 'fluid-cdk8s.js');
const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fc-')), 'c');
let owner: ChildProcess | undefined;

afterAll(() => {
  owner?.kill('SIGKILL');
});

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

test('cluster down after the owner was SIGKILLed removes every trace of the real node', async () => {
  let log = '';
  owner = spawn(process.execPath, [CLI, 'cluster', 'up', '--nodes', '0', '--real-nodes', '1', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  owner.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  await waitFor('the second cluster to be up', 240_000, async () => {
    if (owner!.exitCode !== null) throw new Error(`cluster up exited ${owner!.exitCode}: ${log.slice(-2000)}`);
    return log.includes('Running (apiserver log') ? done(true) : notYet(log.split('\n').filter(Boolean).pop() ?? '');
  }, { intervalMs: 250 });
  const state = readState(dir);
  const kubeconfig = path.join(dir, 'kubeconfig.yaml');
  const pod = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'leftover', namespace: 'default' },
    spec: {
      ...onRealNode(), terminationGracePeriodSeconds: 30,
      containers: [{
        name: 'main', image: clusterImages().busybox, imagePullPolicy: 'IfNotPresent', securityContext: { privileged: true },
        command: ['sh', '-c', `mkdir -p ${state.realNodes!.mountRoot}/m && mount -t tmpfs t ${state.realNodes!.mountRoot}/m && exec sleep 3600`],
        volumeMounts: [{ name: 'root', mountPath: state.realNodes!.mountRoot, mountPropagation: 'Bidirectional' }],
      }],
      volumes: [{ name: 'root', hostPath: { path: state.realNodes!.mountRoot } }],
    },
  };
  expect((await kubectl(['apply', '-f', '-'], { kubeconfig, input: JSON.stringify(pod) })).code).toBe(0);
  await waitFor('the pod\'s mount to show on the host', 60_000, async () =>
    (mountsUnder(`${state.realNodes!.mountRoot}/m`).length > 0 ? done(true) : notYet('not yet mounted')), { intervalMs: 250 });

  const podNetns = [...hostCommand('ip', ['-o', 'link', 'show', 'master', state.realNodes!.nodes[0].bridge]).matchAll(/link-netns (\S+)/g)].map((m) => m[1]);
  expect(podNetns.length).toBeGreaterThan(0);

  owner.kill('SIGKILL');
  await new Promise((resolve) => owner!.once('exit', resolve));
  expect(processesMentioning(state.realNodes!.nodes[0].dir).length).toBeGreaterThan(0); // the node outlived its owner

  const down = await run(['cluster', 'down', '--dir', dir]);
  expect(down).toMatchObject({ code: 0 });
  expect(processesMentioning(dir)).toEqual([]);
  expect(mountsUnder(dir)).toEqual([]);
  for (const node of state.realNodes!.nodes) {
    expect(cgroupRootExists(node.cgroupRoot)).toBe(false);
    expect(linkExists(node.bridge)).toBe(false);
  }
  expect(linkExists(state.realNodes!.link)).toBe(false);
  expect(fs.existsSync(dir)).toBe(false);
  for (const name of podNetns) expect(fs.existsSync(`/var/run/netns/${name}`)).toBe(false);
  // The shared cluster's real node is still there and Ready.
  const node = JSON.parse((await kubectl(['get', 'node', realNodeName(), '-o', 'json'])).stdout);
  expect(node.status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('True');
}, 400_000);
