/** Environment variables through which global-setup.ts hands the shared cluster to test files. */
export const CLUSTER_ENV = {
  kubeconfig: 'FLUID_CDK8S_KUBECONFIG',
  dir: 'FLUID_CDK8S_CLUSTER_DIR',
  apiServerLog: 'FLUID_CDK8S_APISERVER_LOG',
  nodeNames: 'FLUID_CDK8S_NODE_NAMES',
  realNodeNames: 'FLUID_CDK8S_REAL_NODE_NAMES',
  /** JSON: LocalCluster.images. */
  images: 'FLUID_CDK8S_IMAGES',
  mountRoot: 'FLUID_CDK8S_MOUNT_ROOT',
  kubectl: 'FLUID_CDK8S_KUBECTL',
} as const;

/** Reads one of them, or explains that the test must run under the integration project. */
export function clusterEnv(key: keyof typeof CLUSTER_ENV): string {
  const value = process.env[CLUSTER_ENV[key]];
  if (!value) {
    throw new Error(`${CLUSTER_ENV[key]} is not set: run integration tests with \`npx jest --selectProjects integration\`, ` +
      'whose globalSetup starts the local cluster');
  }
  return value;
}

/** Key on `globalThis` where global-setup.ts leaves the cluster for global-teardown.ts (they share one realm). */
export const CLUSTER_GLOBAL = '__fluidCdk8sLocalCluster';
