// `fluid-cdk8s cluster up|down`: a local control plane (hack/control-plane) for trying things by hand.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalCluster } from '../cluster/local-cluster';
import { MAX_REAL_NODES } from '../cluster/real-node/addressing';
import { runs } from '../cluster/processes';
import { readState, stateFilePath } from '../cluster/state-file';
import { stopClusterFromState } from '../cluster/stop-from-state';
import { DETACH_LOG_ENV, startDetached } from './cluster-detach';

/** Fixed, so that `cluster down` finds what `cluster up` started without being told where. */
const DEFAULT_DIR = path.join(os.tmpdir(), 'fluid-cdk8s-cluster');

const log = (line: string): void => {
  process.stderr.write(`[cluster] ${line}\n`);
};

export function registerClusterCommands(program: Command): void {
  const cluster = program.command('cluster').description('run a local Kubernetes control plane with kwok fake nodes');
  cluster
    .command('up')
    .description('start the control plane and keep it running until SIGINT/SIGTERM or `cluster down`')
    .option('--nodes <n>', 'number of fake (KWOK) nodes', parseCount(0, 100), 3)
    .option('--real-nodes <n>', 'number of real nodes (kubelet + containerd, needs root; tainted node.fluid-cdk8s.io/real)', parseCount(0, MAX_REAL_NODES), 0)
    .option('--dir <dir>', 'folder for PKI, kubeconfig, etcd data, logs and state (missing or empty)', DEFAULT_DIR)
    .option('--detach', 'return once the cluster is ready, printing `export KUBECONFIG=...`; it runs on until `cluster down`')
    .action(async (opts: { nodes: number; realNodes: number; dir: string; detach?: boolean }) => (opts.detach ? upDetached(opts) : up(opts)));
  cluster
    .command('down')
    .description('stop a control plane started by `cluster up`')
    .option('--dir <dir>', 'the folder given to `cluster up`', DEFAULT_DIR)
    .action(async (opts: { dir: string }) => {
      await stopClusterFromState(opts.dir, log);
      log(`Cluster in ${opts.dir} is down`);
    });
}

async function up({ nodes, realNodes, dir }: { nodes: number; realNodes: number; dir: string }): Promise<void> {
  await clearStaleState(dir);
  // Keeps the event loop alive while the cluster runs; cleared once the cluster is stopped.
  let keepAlive: NodeJS.Timeout | undefined;
  const cluster = await LocalCluster.start({
    nodes,
    realNodes,
    dir,
    log,
    afterSignalStop: () => {
      clearInterval(keepAlive);
      log('Cluster stopped');
      removeDetachLog();
    },
  });
  keepAlive = setInterval(() => undefined, 1 << 30);
  process.stdout.write(`${cluster.kubeconfig}\nexport KUBECONFIG=${cluster.kubeconfig}\n`);
  if (realNodes > 0) {
    log(`Real nodes ${cluster.realNodeNames.join(', ')}; images ${JSON.stringify(cluster.images)}; shared mount root ${cluster.mountRoot}`);
  }
  log(`Running (apiserver log ${cluster.apiServerLog}); stop with Ctrl-C or \`fluid-cdk8s cluster down --dir ${cluster.dir}\``);
  const reason = await cluster.unexpectedExit();
  log(`${reason}; stopping the rest`);
  await cluster.stop();
  clearInterval(keepAlive);
  throw new Error(reason);
}

async function upDetached(opts: { nodes: number; realNodes: number; dir: string }): Promise<void> {
  const cluster = await startDetached(opts);
  // Only the export on stdout, so that `eval "$(fluid-cdk8s cluster up --detach)"` sets it.
  process.stdout.write(`export KUBECONFIG=${cluster.kubeconfig}\n`);
  log(`Running in the background (owner pid ${cluster.ownerPid}, its log ${cluster.log}); stop it with \`fluid-cdk8s cluster down --dir ${opts.dir}\``);
}

/**
 * The log folder `cluster up --detach` made for this owner: nothing is left to read in it once the cluster was
 * stopped on request. Only a folder of the form that command makes (fluid-cdk8s-cluster-up-* in the temp folder).
 */
function removeDetachLog(): void {
  const logDir = process.env[DETACH_LOG_ENV];
  if (logDir && path.dirname(logDir) === os.tmpdir() && path.basename(logDir).startsWith('fluid-cdk8s-cluster-up-')) fs.rmSync(logDir, { recursive: true, force: true });
}

/** A folder left by an owner that was SIGKILLed: stop whatever it recorded, so `up` can reuse the folder. */
async function clearStaleState(dir: string): Promise<void> {
  if (!fs.existsSync(stateFilePath(dir))) return;
  const state = readState(dir);
  if (runs(state.owner)) {
    throw new Error(`a cluster is already running in ${dir} (owner pid ${state.owner.pid}); stop it with \`cluster down --dir ${dir}\``);
  }
  log(`Cleaning up a cluster left behind in ${dir}`);
  await stopClusterFromState(dir, log);
}

function parseCount(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}
