// Where one real node keeps its state, all under the cluster folder (except what real-node.md lists as host-global).
import * as path from 'node:path';

export interface NodePaths {
  readonly dir: string;
  readonly containerdRoot: string;
  readonly containerdState: string;
  readonly containerdConfig: string;
  /** Unix sockets must stay under 108 bytes; the cluster folder is a short temp path. */
  readonly containerdSocket: string;
  readonly cniConfDir: string;
  readonly cniDataDir: string;
  readonly kubeletRoot: string;
  readonly kubeletConfig: string;
  readonly kubeletKubeconfig: string;
  readonly podLogs: string;
  readonly volumePluginDir: string;
}

export function nodePaths(clusterDir: string, nodeName: string): NodePaths {
  const dir = path.join(clusterDir, 'nodes', nodeName);
  return {
    dir,
    containerdRoot: path.join(dir, 'containerd', 'root'),
    containerdState: path.join(dir, 'containerd', 'state'),
    containerdConfig: path.join(dir, 'containerd', 'config.toml'),
    containerdSocket: path.join(dir, 'containerd.sock'),
    cniConfDir: path.join(dir, 'cni', 'net.d'),
    cniDataDir: path.join(dir, 'cni', 'ipam'),
    kubeletRoot: path.join(dir, 'kubelet'),
    kubeletConfig: path.join(dir, 'kubelet-config.yaml'),
    kubeletKubeconfig: path.join(dir, 'kubelet.kubeconfig'),
    podLogs: path.join(dir, 'pod-logs'),
    volumePluginDir: path.join(dir, 'volume-plugins'),
  };
}
