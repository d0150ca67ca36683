// Removes every trace of a cluster's real nodes, from its recorded state alone, in real-node.md's shutdown order:
// processes (kubelet, containerd, shims, containers), mounts, network links and namespaces, cgroups, and the few
// host-global leftovers. Idempotent, and synchronous so it also runs from `process.on('exit')`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cgroupProcesses, removeCgroupRoot } from './cgroups';
import { deleteLink, linkOwner, removeBridge } from './host-links';
import { unmountAll } from './mounts';
import { RealNodesRecord } from './real-node-record';

const KILL_DEADLINE_MS = 10_000;

/** What was removed, one line each, for the log. */
export function cleanUpRealNodes(record: RealNodesRecord, clusterDir: string): string[] {
  const done: string[] = [];
  for (const node of record.nodes) {
    const killed = killAll(() => [...cgroupProcesses(node.cgroupRoot), ...processesMentioning(node.dir)]);
    if (killed > 0) done.push(`${node.name}: killed ${killed} processes`);
  }
  const unmounted = unmountAll(clusterDir);
  if (unmounted.length > 0) done.push(`unmounted ${unmounted.length} mounts under ${clusterDir}`);
  // The slot's links are ours unless a newer cluster has claimed the slot since (its folder is in the alias).
  const holder = linkOwner(record.link);
  const slotIsOurs = holder === undefined || holder === clusterDir;
  if (!slotIsOurs) done.push(`nothing of link ${record.link} and its bridges: cluster ${holder} holds the slot now`);
  for (const node of record.nodes) {
    if (slotIsOurs) done.push(...removeBridge(node.bridge));
    const left = removeCgroupRoot(node.cgroupRoot);
    if (left.length > 0) throw new Error(`cgroups still busy after killing their processes: ${left.join(', ')}`);
    removeHostLeftovers(node.dir, node.cniNetwork);
  }
  if (slotIsOurs && deleteLink(record.link)) done.push(`link ${record.link}`);
  return done;
}

/** SIGKILLs what `find` returns until it returns nothing; the count of processes signalled. */
function killAll(find: () => number[]): number {
  const signalled = new Set<number>();
  const deadline = Date.now() + KILL_DEADLINE_MS;
  for (let pids = find(); pids.length > 0; pids = find()) {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        signalled.add(pid);
      } catch {
        // Exited meanwhile.
      }
    }
    if (Date.now() > deadline) throw new Error(`processes still alive ${KILL_DEADLINE_MS} ms after SIGKILL: ${pids.join(', ')}`);
    sleepSync(50);
  }
  return signalled.size;
}

/** Processes whose command line names a path inside `dir` (containerd, its shims, the kubelet), zombies excluded. */
export function processesMentioning(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.split('\0').some((arg) => arg.includes(dir))) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z') pids.push(Number(entry));
    } catch {
      // The process ended while we read it.
    }
  }
  return pids;
}

/** The host-global paths real-node.md lists: container log links, libcni's result cache. */
function removeHostLeftovers(nodeDir: string, cniNetwork: string): void {
  const logLinks = '/var/log/containers';
  for (const name of safeReaddir(logLinks)) {
    const link = path.join(logLinks, name);
    try {
      if (fs.readlinkSync(link).startsWith(nodeDir)) fs.rmSync(link, { force: true });
    } catch {
      // Not a symlink, or gone.
    }
  }
  const cniCache = '/var/lib/cni/results';
  for (const name of safeReaddir(cniCache)) if (name.startsWith(`${cniNetwork}-`)) fs.rmSync(path.join(cniCache, name), { force: true });
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
