// A cluster's real nodes, from preparation to cleanup: the network slot, the shared mount root, each node's
// containerd and kubelet, and the wait until the Nodes are Ready.
import * as path from 'node:path';
import { AdminApi } from '../admin-api';
import { ManagedProcess } from '../processes';
import { Pki } from '../pki';
import { done, notYet, ProbeResult, waitFor, WaitOptions } from '../../operator/kube/wait';
import { ClusterAddressing, nodeAddressing, NodeAddressing } from './addressing';
import { claimSlot } from './host-links';
import { makeSharedMount } from './mounts';
import { NodeImages, podImages } from './node-images';
import { realNodeRecord, startRealNode } from './real-node';
import { RealNodesRecord } from './real-node-record';

/** The kubelet registers and turns Ready in 15-30 s here (real-node.md); allow a loaded CI machine more. */
const NODE_READY_DEADLINE_MS = 120_000;

export interface RealNodesProps {
  readonly count: number;
  readonly clusterDir: string;
  readonly log: (line: string) => void;
}

export class RealNodes {
  readonly nodes: readonly NodeAddressing[];
  readonly record: RealNodesRecord;

  private constructor(readonly addressing: ClusterAddressing, readonly mountRoot: string, props: RealNodesProps) {
    this.nodes = Array.from({ length: props.count }, (_, i) => nodeAddressing(addressing.slot, i));
    this.record = {
      link: addressing.link,
      mountRoot,
      nodes: this.nodes.map((n) => realNodeRecord(props.clusterDir, addressing, n)),
    };
  }

  /** Claims a network slot. From here on the record must be saved: it is what cleans the slot up again. */
  static claim(props: RealNodesProps): RealNodes {
    if (process.getuid?.() !== 0) {
      throw new Error('real nodes need root: the kubelet and containerd manage mounts, cgroups and network links (run as root, or use --real-nodes 0)');
    }
    return new RealNodes(claimSlot(props.count, props.clusterDir), path.join(props.clusterDir, 'runtime-mnt'), props);
  }

  /** Starts every node (one after another: each import saturates the disk) and waits until all are Ready. */
  async start(ctx: {
    clusterDir: string; pki: Pki; binDir: string; images: NodeImages; api: AdminApi;
    onProcess: (proc: ManagedProcess) => void; log: (line: string) => void; abortIf: WaitOptions['abortIf'];
  }): Promise<void> {
    makeSharedMount(this.mountRoot);
    for (const node of this.nodes) {
      await startRealNode({
        clusterDir: ctx.clusterDir, cluster: this.addressing, node, pki: ctx.pki, binDir: ctx.binDir,
        pauseImage: ctx.images.pause, images: podImages(ctx.images), onProcess: ctx.onProcess, log: ctx.log, abortIf: ctx.abortIf,
      });
    }
    const started = Date.now();
    await waitFor(`${this.nodes.length} real Node(s) to be Ready`, NODE_READY_DEADLINE_MS,
      () => probeReady(ctx.api, this.nodes.map((n) => n.name)), { intervalMs: 250, abortIf: ctx.abortIf });
    ctx.log(`Real nodes ${this.nodes.map((n) => n.name).join(', ')} Ready ${Date.now() - started} ms after their kubelets started`);
  }
}

/** Ready, and the node-lifecycle controller has lifted `not-ready` (our own real-node taint stays). */
async function probeReady(api: AdminApi, names: readonly string[]): Promise<ProbeResult<true>> {
  const waiting: string[] = [];
  for (const name of names) {
    const res = await api.request('GET', `/api/v1/nodes/${name}`);
    if (res.status !== 200) {
      waiting.push(`Node ${name}: GET returned ${res.status}`);
      continue;
    }
    const ready = (res.body.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
    const notReadyTaint = (res.body.spec?.taints ?? []).some((t: { key: string }) => t.key.startsWith('node.kubernetes.io/'));
    if (ready?.status !== 'True') waiting.push(`Node ${name} Ready=${ready?.status ?? 'absent'} (${ready?.message ?? ''})`);
    else if (notReadyTaint) waiting.push(`Node ${name} still tainted ${JSON.stringify(res.body.spec.taints)}`);
  }
  return waiting.length === 0 ? done(true) : notYet(waiting.join('; '));
}
