// The harness's network links on the host: the cluster's address link (claimed atomically: `ip link add` fails when
// another cluster holds the slot; a port-less bridge, since these kernels have no `dummy` driver) and the nodes' pod bridges, with the pod network namespaces attached to them.
import * as fs from 'node:fs';
import { hostCommand } from './host-command';
import { clusterAddressing, ClusterAddressing, MAX_SLOTS, nodeAddressing } from './addressing';

/**
 * Claims the first free slot by creating its address link, marks the link as this cluster's (its alias is the
 * cluster folder), then puts the apiserver's and nodes' addresses on it.
 */
export function claimSlot(nodeCount: number, owner: string): ClusterAddressing {
  for (let slot = 0; slot < MAX_SLOTS; slot++) {
    const cluster = clusterAddressing(slot);
    try {
      ip(['link', 'add', cluster.link, 'type', 'bridge']);
    } catch (err) {
      if (/File exists/.test(String(err))) continue;
      throw err;
    }
    const nodeIps = Array.from({ length: nodeCount }, (_, i) => nodeAddressing(slot, i).nodeIp);
    for (const address of [cluster.apiServerIp, ...nodeIps]) {
      ip(['addr', 'add', `${address}/32`, 'dev', cluster.link]);
    }
    ip(['link', 'set', 'dev', cluster.link, 'alias', owner]);
    ip(['link', 'set', cluster.link, 'up']);
    return cluster;
  }
  throw new Error(`all ${MAX_SLOTS} real-node network slots are taken (links fcdk-s0..fcdk-s${MAX_SLOTS - 1}); ` +
    'stop other clusters with `fluid-cdk8s cluster down`, or delete leftover links with `ip link del fcdk-sN`');
}

/**
 * Deletes a node's bridge and the pod network namespaces still attached to it (a killed containerd cannot remove
 * them; each is a bind mount under /var/run/netns that keeps the namespace alive). Missing links are fine.
 */
export function removeBridge(bridge: string): string[] {
  const removed: string[] = [];
  let ports = '';
  try {
    ports = ip(['-o', 'link', 'show', 'master', bridge]);
  } catch (err) {
    if (/does not exist|Cannot find device/.test(String(err))) return removed;
    throw err;
  }
  for (const netns of ports.matchAll(/link-netns (\S+)/g)) {
    try {
      ip(['netns', 'delete', netns[1]]);
    } catch {
      // Deleted by its owner meanwhile.
    }
    removed.push(`netns ${netns[1]}`);
  }
  deleteLink(bridge);
  removed.push(`bridge ${bridge}`);
  return removed;
}

export function deleteLink(name: string): boolean {
  try {
    ip(['link', 'del', name]);
    return true;
  } catch (err) {
    if (/does not exist|Cannot find device/.test(String(err))) return false;
    throw err;
  }
}

/**
 * Who holds a slot's link now: the cluster folder in its alias. A cluster cleaned up late (its owner was killed)
 * must not take down a slot a newer cluster has claimed since.
 */
export function linkOwner(name: string): string | undefined {
  try {
    return fs.readFileSync(`/sys/class/net/${name}/ifalias`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function linkExists(name: string): boolean {
  try {
    ip(['link', 'show', name]);
    return true;
  } catch {
    return false;
  }
}

function ip(args: readonly string[]): string {
  return hostCommand('ip', args);
}
