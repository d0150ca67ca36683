// The pod network of one real node: a bridge with host-local addresses from the node's /24. The bridge is the pods'
// gateway, and the apiserver's address is on the host, so pods reach it without NAT or kube-proxy.
import { NodeAddressing } from './addressing';

export function cniNetworkName(node: NodeAddressing): string {
  return node.bridge;
}

export function cniConfig(node: NodeAddressing, ipamDataDir: string): object {
  return {
    cniVersion: '1.0.0',
    name: cniNetworkName(node),
    plugins: [
      {
        type: 'bridge',
        bridge: node.bridge,
        // The bridge is every pod's default route, so pods reach the host's addresses (the apiserver).
        isGateway: true,
        isDefaultGateway: true,
        // No masquerading: nothing leaves the machine, and it would need iptables rules on the host.
        ipMasq: false,
        hairpinMode: true,
        ipam: { type: 'host-local', ranges: [[{ subnet: node.podCidr }]], dataDir: ipamDataDir },
      },
    ],
  };
}
