// The kubelet of one real node: its KubeletConfiguration and flags (real-node.md, "Kubelet settings that worked").
import { NodeAddressing } from './addressing';
import { NodePaths } from './node-paths';

/** Marks the real nodes; only pods that ask for one (a toleration) land there, KWOK-bound pods never do. */
export const REAL_NODE_LABEL = 'node.fluid-cdk8s.io/real';
export const REAL_NODE_TAINT = { key: REAL_NODE_LABEL, value: 'true', effect: 'NoSchedule' } as const;

export interface KubeletProps {
  readonly node: NodeAddressing;
  readonly paths: NodePaths;
  readonly cgroupRoot: string;
  readonly cgroupVersion: 1 | 2;
  /** Clients (the apiserver) must present a certificate signed by this CA. */
  readonly clientCaFile: string;
}

export function kubeletConfiguration(props: KubeletProps): object {
  const runtime = `unix://${props.paths.containerdSocket}`;
  return {
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    // Kubernetes 1.36 refuses cgroup v1 unless told otherwise (real-node.md, trap 2).
    ...(props.cgroupVersion === 1 ? { failCgroupV1: false } : {}),
    cgroupDriver: 'cgroupfs',
    cgroupRoot: props.cgroupRoot,
    failSwapOn: false,
    // The node's own address on the harness's link: unreachable from outside the machine, and each node has its own,
    // so the default ports never clash.
    address: props.node.nodeIp,
    port: 10250,
    healthzBindAddress: props.node.nodeIp,
    healthzPort: 10248,
    readOnlyPort: 0,
    authentication: { anonymous: { enabled: false }, webhook: { enabled: false }, x509: { clientCAFile: props.clientCaFile } },
    // A test node: any client with a certificate from the cluster CA (the apiserver) may exec, read logs, forward.
    authorization: { mode: 'AlwaysAllow' },
    staticPodPath: '',
    containerRuntimeEndpoint: runtime,
    imageServiceEndpoint: runtime,
    podLogsDir: props.paths.podLogs,
    volumePluginDir: props.paths.volumePluginDir,
    registerWithTaints: [REAL_NODE_TAINT],
    // Tests fill the disk with images and data; evicting their pods would only confuse them.
    evictionHard: { 'memory.available': '100Mi', 'nodefs.available': '1%', 'imagefs.available': '1%', 'nodefs.inodesFree': '1%' },
    imageGCHighThresholdPercent: 100,
    imageGCLowThresholdPercent: 99,
    serializeImagePulls: false,
    // No cluster DNS runs here; pods get the host's resolver.
    resolvConf: '/etc/resolv.conf',
    clusterDomain: 'cluster.local',
    nodeStatusUpdateFrequency: '10s',
  };
}

export function kubeletArgs(props: KubeletProps): string[] {
  return [
    `--config=${props.paths.kubeletConfig}`,
    `--kubeconfig=${props.paths.kubeletKubeconfig}`,
    `--root-dir=${props.paths.kubeletRoot}`,
    `--cert-dir=${props.paths.kubeletRoot}/pki`,
    `--node-ip=${props.node.nodeIp}`,
    `--hostname-override=${props.node.name}`,
    `--node-labels=${REAL_NODE_LABEL}=true`,
  ];
}
