// Starts the one local cluster the whole integration run shares (jest `globalSetup`, in jest's main process).
import { LocalCluster } from '../../cluster/local-cluster';
import { REPO_ROOT } from '../../cluster/repo-root';
import { seaweedfsImages } from '../../cluster/seaweedfs-images';
import { CLUSTER_ENV, CLUSTER_GLOBAL } from './support/cluster-env';

export default async function globalSetup(): Promise<void> {
  // Eight fake nodes: Exclusive cache workers take a node each, and the scaling test runs five of them. One real node
  // (kubelet + containerd) for everything that runs a container: exec, mounts, images, the operator in a pod, and
  // the SeaweedFS examples' data path (weed is built here on a fresh machine, then cached).
  const cluster = await LocalCluster.start({ nodes: 8, realNodes: 1, extraImages: await seaweedfsImages(REPO_ROOT) });
  // globalSetup and globalTeardown share this realm; test files run in other realms and read the env below.
  (globalThis as { [CLUSTER_GLOBAL]?: LocalCluster })[CLUSTER_GLOBAL] = cluster;
  // Set before jest starts its workers, which inherit the environment.
  process.env[CLUSTER_ENV.kubeconfig] = cluster.kubeconfig;
  process.env[CLUSTER_ENV.dir] = cluster.dir;
  process.env[CLUSTER_ENV.apiServerLog] = cluster.apiServerLog;
  process.env[CLUSTER_ENV.nodeNames] = cluster.nodeNames.join(',');
  process.env[CLUSTER_ENV.realNodeNames] = cluster.realNodeNames.join(',');
  process.env[CLUSTER_ENV.images] = JSON.stringify(cluster.images);
  process.env[CLUSTER_ENV.mountRoot] = cluster.mountRoot ?? '';
  process.env[CLUSTER_ENV.kubectl] = cluster.kubectl;
  process.stderr.write(`\n[cluster] started in ${(cluster.startupMs / 1000).toFixed(2)} s; folder ${cluster.dir}\n`);
}
