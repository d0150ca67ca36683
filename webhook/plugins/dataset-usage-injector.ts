// DatasetUsageInjector (pkg/webhook/plugins/datasetusageinjector): records the Datasets a pod uses in the
// fluid.io/datasets-in-use annotation, merged with what it already lists, sorted and comma-separated.
import { clonePod } from '../pod';
import { DATASETS_IN_USE } from '../pod-labels';
import type { PodPlugin } from './pod-plugin';

export const datasetUsageInjector: PodPlugin = {
  name: 'DatasetUsageInjector',
  mutate(pod, uses) {
    if (uses.length === 0) return { pod };
    const listed = (pod.metadata.annotations?.[DATASETS_IN_USE] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    const value = [...new Set([...listed, ...uses.map((u) => u.name)])].sort().join(',');
    if (pod.metadata.annotations?.[DATASETS_IN_USE] === value) return { pod };
    const out = clonePod(pod);
    out.metadata.annotations = { ...out.metadata.annotations, [DATASETS_IN_USE]: value };
    return { pod: out };
  },
};
