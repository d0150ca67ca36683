// Stops the cluster global-setup.ts started, whatever the tests' outcome.
import type { LocalCluster } from '../../cluster/local-cluster';
import { CLUSTER_GLOBAL } from './support/cluster-env';

export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as { [CLUSTER_GLOBAL]?: LocalCluster })[CLUSTER_GLOBAL];
  await cluster?.stop();
}
