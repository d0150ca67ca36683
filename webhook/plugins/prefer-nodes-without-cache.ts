// PreferNodesWithoutCache (pkg/webhook/plugins/prefernodeswithoutcache): a pod that mounts no Dataset prefers nodes
// that hold no cache, leaving cache nodes to the pods that read them. It always ends the plugin list.
import { addPreferredTerms } from '../node-affinity';
import { clonePod } from '../pod';
import { DATASET_NUM } from '../pod-labels';
import type { PodPlugin } from './pod-plugin';

export const preferNodesWithoutCache: PodPlugin = {
  name: 'PreferNodesWithoutCache',
  mutate(pod, uses) {
    if (uses.length > 0) return { pod, stop: true };
    const out = clonePod(pod);
    addPreferredTerms(out, [{ weight: 100, preference: { matchExpressions: [{ key: DATASET_NUM, operator: 'DoesNotExist' }] } }]);
    return { pod: out, stop: true };
  },
};
