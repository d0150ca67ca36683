import { AdminApi } from './admin-api';
import { done, notYet, ProbeResult } from '../operator/kube/wait';

/** kwok manages only Nodes with this annotation (`--manage-nodes-with-annotation-selector`). */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';

export function fakeNodeName(index: number): string {
  return `kwok-node-${index}`;
}

/**
 * A Node for kwok to simulate. No kwok taint: there are no real nodes to protect from test pods.
 * Capacity is generous so scheduling never depends on resource requests.
 */
export function fakeNode(name: string): object {
  const resources = { cpu: '32', memory: '256Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { [KWOK_NODE_ANNOTATION]: 'fake' },
      labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, type: 'kwok' },
    },
    status: { allocatable: resources, capacity: resources },
  };
}

export async function createFakeNodes(api: AdminApi, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => fakeNodeName(i));
  await Promise.all(
    names.map(async (name) => {
      const res = await api.request('POST', '/api/v1/nodes', fakeNode(name));
      if (res.status !== 201) throw new Error(`creating Node ${name} returned ${res.status}: ${JSON.stringify(res.body)}`);
    }),
  );
  return names;
}

/**
 * A Node takes pods once it is Ready and has no taints: TaintNodesByCondition admission adds
 * `node.kubernetes.io/not-ready` at creation and KCM's node-lifecycle controller removes it.
 */
export async function probeNodesSchedulable(api: AdminApi, names: readonly string[]): Promise<ProbeResult<true>> {
  const res = await api.request('GET', '/api/v1/nodes');
  if (res.status !== 200) return notYet(`GET /api/v1/nodes returned ${res.status}`);
  const byName = new Map<string, any>((res.body.items ?? []).map((n: any) => [n.metadata.name, n]));
  const waiting = names.map((name) => nodeProblem(name, byName.get(name))).filter((p) => p !== undefined);
  return waiting.length === 0 ? done(true) : notYet(waiting.join('; '));
}

function nodeProblem(name: string, node: any): string | undefined {
  if (node === undefined) return `Node ${name} not found`;
  const ready = (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  if (ready?.status !== 'True') return `Node ${name} Ready=${ready?.status ?? 'absent'}`;
  const taints: any[] = node.spec?.taints ?? [];
  if (taints.length > 0) return `Node ${name} tainted ${taints.map((t) => t.key).join(',')}`;
  return undefined;
}
