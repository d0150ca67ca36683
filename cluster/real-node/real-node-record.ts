// What a cluster's state file says about its real nodes: enough for any process to remove every trace of them.

export interface RealNodeRecord {
  readonly name: string;
  /** The node's folder: containerd's root and state, the kubelet's root, CNI data. */
  readonly dir: string;
  /** cgroup root (`/fluid-cdk8s-...`) holding every pod of the node. */
  readonly cgroupRoot: string;
  readonly bridge: string;
  /** CNI network name, whose results libcni caches under /var/lib/cni. */
  readonly cniNetwork: string;
}

export interface RealNodesRecord {
  /** The cluster's address link with the apiserver's and the nodes' addresses. */
  readonly link: string;
  /** The shared mount root for fuse mounts. */
  readonly mountRoot: string;
  readonly nodes: readonly RealNodeRecord[];
}
