// DataLoad (api/v1alpha1/dataload_types.go): warm the cache of a Dataset.
import { z } from 'zod';
import { int32, opt, req, stringMap, withDefault } from './fields';
import { OperationRef, Policy } from './common/operation';
import { PodMetadata } from './common/pod-metadata';
import { Affinity, ResourceRequirements, Toleration } from './k8s/core.generated';

export const DataLoadSpec = z.strictObject({
  dataset: opt(
    'The Dataset to load; it must be in the namespace of the DataLoad.',
    z.strictObject({
      name: req('Name of the Dataset.', z.string()),
      namespace: opt('Namespace of the Dataset.', z.string()),
    }),
  ),
  loadMetadata: opt('Sync metadata before loading.', z.boolean()),
  target: opt(
    'Paths to load; the whole dataset when empty.',
    z.array(
      z.strictObject({
        path: req('Path inside the dataset.', z.string()),
        replicas: opt('Cache replicas of the path (default 1).', int32()),
      }),
    ),
  ),
  options: opt('Engine-specific load options.', stringMap()),
  podMetadata: opt('Labels and annotations of the loader pod.', PodMetadata),
  affinity: opt('Affinity of the loader pod.', Affinity),
  tolerations: opt('Tolerations of the loader pod.', z.array(Toleration)),
  nodeSelector: opt('Node selector of the loader pod.', stringMap()),
  schedulerName: opt('Scheduler of the loader pod.', z.string()),
  policy: withDefault('Once, Cron or OnEvent.', Policy, 'Once'),
  schedule: opt('Cron schedule, for the Cron policy.', z.string()),
  runAfter: opt('Operation that must complete first.', OperationRef),
  ttlSecondsAfterFinished: opt('Delete the DataLoad this long after it finished (Once only).', int32()),
  resources: opt('Resources of the loader container.', ResourceRequirements),
});
export type DataLoadSpec = z.infer<typeof DataLoadSpec>;
