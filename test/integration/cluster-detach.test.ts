// `cluster up --detach` returns once the cluster is ready and leaves it running after the CLI has exited; `cluster
// down` stops it and removes its folder and the owner's log folder. A second, fake-nodes-only cluster beside the
// shared one.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runs } from '../../cluster/processes';
import { REPO_ROOT } from '../../cluster/repo-root';
import { readState } from '../../cluster/state-file';
import { kubectl } from './support/real-node';

const CLI = path.join(REPO_ROOT, 'bin', 'fluid-cdk8s.js');
const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fc-detach-')), 'c');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // 'close', not 'exit': the owner it leaves running must not hold our pipes open.
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

afterAll(async () => {
  // A failed assertion must not leave the second cluster running.
  if (fs.existsSync(dir)) await run(['cluster', 'down', '--dir', dir]);
});

test('cluster up --detach returns with the cluster ready; it outlives the CLI until cluster down', async () => {
  const up = await run(['cluster', 'up', '--detach', '--nodes', '2', '--dir', dir]);
  expect(up.stderr).toContain('Running in the background');
  expect(up.code).toBe(0);
  const kubeconfig = path.join(dir, 'kubeconfig.yaml');
  expect(up.stdout).toBe(`export KUBECONFIG=${kubeconfig}\n`);
  // It says where the owner's log is; the log is there while the cluster runs.
  const ownerLog = /its log (\S+)\)/.exec(up.stderr)?.[1];
  expect(ownerLog).toBeDefined();
  expect(fs.existsSync(ownerLog!)).toBe(true);

  // The CLI has exited; the owner it started still runs and the apiserver answers at once, with both nodes.
  const state = readState(dir);
  expect(runs(state.owner)).toBe(true);
  const nodes = await kubectl(['get', 'nodes', '-o', 'name'], { kubeconfig });
  expect(nodes.code).toBe(0);
  expect(nodes.stdout.trim().split('\n')).toHaveLength(2);

  // A second `up` on the same folder refuses, naming the running owner.
  const again = await run(['cluster', 'up', '--detach', '--nodes', '1', '--dir', dir]);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain(`a cluster is already running in ${dir} (owner pid ${state.owner.pid})`);
  // A failed owner keeps its log, which the message names; this test has read it.
  const failedLog = /its log (\S+) ends with/.exec(again.stderr)?.[1];
  expect(failedLog && fs.existsSync(failedLog)).toBe(true);
  fs.rmSync(path.dirname(failedLog!), { recursive: true, force: true });

  const down = await run(['cluster', 'down', '--dir', dir]);
  expect(down.code).toBe(0);
  expect(runs(state.owner)).toBe(false);
  for (const proc of state.processes) expect(runs(proc)).toBe(false);
  expect(fs.existsSync(dir)).toBe(false);
  expect(fs.existsSync(path.dirname(ownerLog!))).toBe(false);
}, 300_000);
