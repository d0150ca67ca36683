// Addresses of a cluster with real nodes. Everything lives on interfaces the harness creates, never on the machine's
// own: a address link per cluster holds the apiserver's address and each node's address, and each node has a bridge
// for its pods. A cluster takes a slot (0-15) so that two clusters on one machine never share an address or a name.
//
// The apiserver listens on the first address of the Service range, port 443: that is the ClusterIP of the
// `kubernetes` Service, so a pod's in-cluster config (KUBERNETES_SERVICE_HOST/PORT) reaches it without kube-proxy
// (which would rewrite the machine's iptables). Pods reach it through their bridge, to an address of the host.

export const MAX_SLOTS = 16;
export const MAX_REAL_NODES = 16;

export interface ClusterAddressing {
  readonly slot: number;
  /** The address link holding the addresses below, e.g. `fcdk-s0`. */
  readonly link: string;
  /** The apiserver's address: the `kubernetes` Service's ClusterIP. */
  readonly apiServerIp: string;
  readonly apiServerPort: number;
  readonly serviceCidr: string;
}

export interface NodeAddressing {
  readonly name: string;
  /** The kubelet's address (InternalIP), on the cluster's address link. */
  readonly nodeIp: string;
  readonly podCidr: string;
  /** The bridge the CNI plugin connects this node's pods to. */
  readonly bridge: string;
}

export function clusterAddressing(slot: number): ClusterAddressing {
  if (!Number.isInteger(slot) || slot < 0 || slot >= MAX_SLOTS) throw new Error(`slot must be 0..${MAX_SLOTS - 1}, got ${slot}`);
  return {
    slot,
    link: linkName(slot),
    apiServerIp: `10.231.${slot * 16}.1`,
    apiServerPort: 443,
    serviceCidr: `10.231.${slot * 16}.0/20`,
  };
}

export function nodeAddressing(slot: number, index: number): NodeAddressing {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_REAL_NODES) throw new Error(`a cluster has at most ${MAX_REAL_NODES} real nodes`);
  return {
    name: realNodeName(index),
    nodeIp: `10.230.${slot}.${index + 1}`,
    podCidr: `10.232.${slot * 16 + index}.0/24`,
    bridge: `${linkName(slot)}n${index}`,
  };
}

export function realNodeName(index: number): string {
  return `real-node-${index}`;
}

/** Link names have at most 15 characters; `fcdk-s15n15` is the longest. */
function linkName(slot: number): string {
  return `fcdk-s${slot}`;
}
