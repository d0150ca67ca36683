// Starts one real node beside the KWOK nodes: containerd, the project's images imported into it, then a kubelet
// that registers with the cluster. Follows docs/real-node.md, with its traps fixed in the configs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { BuiltImage } from '../../images/image-definition';
import { writeKubeconfig } from '../kubeconfig';
import { makeClientCert, Pki } from '../pki';
import { ManagedProcess } from '../processes';
import { done, notYet, ProbeResult, waitFor, WaitOptions } from '../../operator/kube/wait';
import { ClusterAddressing, NodeAddressing } from './addressing';
import { cgroupHierarchies, createCgroupRoot } from './cgroups';
import { cniConfig, cniNetworkName } from './cni-config';
import { containerdConfig } from './containerd-config';
import { hostCommand } from './host-command';
import { importImage } from './image-import';
import { kubeletArgs, kubeletConfiguration, KubeletProps } from './kubelet-config';
import { nodePaths } from './node-paths';
import { RealNodeRecord } from './real-node-record';

/** Debian's packages (hack/real-node/build.sh installs them). */
const CONTAINERD = '/usr/bin/containerd';
const CTR = '/usr/bin/ctr';
const CONTAINERD_DEADLINE_MS = 30_000;

export interface RealNodeStartProps {
  readonly clusterDir: string;
  readonly cluster: ClusterAddressing;
  readonly node: NodeAddressing;
  readonly pki: Pki;
  /** hack/real-node/build.sh's bin dir (kubelet). */
  readonly binDir: string;
  readonly pauseImage: BuiltImage;
  /** Imported before the kubelet starts, so pods never wait for them. */
  readonly images: readonly BuiltImage[];
  /** Every process started, as soon as it is, so the cluster's state file can record it. */
  readonly onProcess: (proc: ManagedProcess) => void;
  readonly log: (line: string) => void;
  readonly abortIf: WaitOptions['abortIf'];
}

/** The record the state file keeps, known before anything starts so a failure half-way can still be cleaned up. */
export function realNodeRecord(clusterDir: string, cluster: ClusterAddressing, node: NodeAddressing): RealNodeRecord {
  return {
    name: node.name,
    dir: nodePaths(clusterDir, node.name).dir,
    cgroupRoot: `/fluid-cdk8s-s${cluster.slot}-${node.name}`,
    bridge: node.bridge,
    cniNetwork: cniNetworkName(node),
  };
}

/** Starts containerd, imports the images, starts the kubelet. The caller waits for the Node to be Ready. */
export async function startRealNode(props: RealNodeStartProps): Promise<void> {
  const { node } = props;
  const paths = nodePaths(props.clusterDir, node.name);
  const record = realNodeRecord(props.clusterDir, props.cluster, node);
  for (const dir of [paths.containerdRoot, paths.containerdState, paths.cniConfDir, paths.cniDataDir, paths.kubeletRoot, paths.podLogs]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(paths.containerdConfig, containerdConfig({ paths, sandboxImage: props.pauseImage.reference }));
  fs.writeFileSync(path.join(paths.cniConfDir, '10-fluid-cdk8s.conflist'), JSON.stringify(cniConfig(node, paths.cniDataDir), null, 2));
  const hierarchies = cgroupHierarchies();
  createCgroupRoot(record.cgroupRoot, hierarchies);

  let started = Date.now();
  const containerd = await ManagedProcess.start({
    name: `containerd (${node.name})`, command: CONTAINERD, args: [`--config=${paths.containerdConfig}`],
    logFile: path.join(props.clusterDir, 'logs', `${node.name}-containerd.log`),
  });
  props.onProcess(containerd);
  await waitFor(`containerd of ${node.name} to answer on ${paths.containerdSocket}`, CONTAINERD_DEADLINE_MS,
    async () => probeContainerd(paths.containerdSocket), { abortIf: props.abortIf });
  props.log(`${node.name}: containerd ready (pid ${containerd.pid}) after ${Date.now() - started} ms`);

  started = Date.now();
  for (const image of [props.pauseImage, ...props.images]) await importImage(paths.containerdSocket, image, CTR);
  props.log(`${node.name}: imported ${props.images.length + 1} images in ${Date.now() - started} ms`);

  const cert = await makeClientCert(props.pki, `kubelet-${node.name}`, { organization: 'system:nodes', commonName: `system:node:${node.name}` });
  await writeKubeconfig(paths.kubeletKubeconfig, {
    server: `https://${props.cluster.apiServerIp}:${props.cluster.apiServerPort}`, caCert: props.pki.caCert, clientCert: cert.cert, clientKey: cert.key,
  });
  const kubelet: KubeletProps = {
    node, paths, cgroupRoot: record.cgroupRoot, cgroupVersion: hierarchies[0].version, clientCaFile: props.pki.caCert,
  };
  fs.writeFileSync(paths.kubeletConfig, stringify(kubeletConfiguration(kubelet)));
  const proc = await ManagedProcess.start({
    name: `kubelet (${node.name})`, command: path.join(props.binDir, 'kubelet'), args: kubeletArgs(kubelet),
    logFile: path.join(props.clusterDir, 'logs', `${node.name}-kubelet.log`),
  });
  props.onProcess(proc);
  props.log(`${node.name}: kubelet started (pid ${proc.pid})`);
}

function probeContainerd(socket: string): ProbeResult<true> {
  try {
    hostCommand(CTR, ['--address', socket, 'version'], 5_000);
    return done(true);
  } catch (err) {
    return notYet(String(err));
  }
}
