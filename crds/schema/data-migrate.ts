// DataMigrate (api/v1alpha1/datamigrate_types.go): copy data between a Dataset and external storage.
import { z } from 'zod';
import { int32, opt, req, stringMap, withDefault } from './fields';
import { EncryptOption } from './common/encrypt-option';
import { OperationRef, Policy } from './common/operation';
import { PodMetadata } from './common/pod-metadata';
import { Affinity, ResourceRequirements, Toleration } from './k8s/core.generated';

const DataToMigrate = z.strictObject({
  dataset: opt(
    'A Dataset end of the migration.',
    z.strictObject({
      name: req('Name of the Dataset.', z.string()),
      namespace: req('Namespace of the Dataset.', z.string()),
      path: opt('Path inside the Dataset.', z.string()),
    }),
  ),
  externalStorage: opt(
    'An external storage end of the migration.',
    z.strictObject({
      uri: req('URI of the storage.', z.string()),
      encryptOptions: opt('Secret-backed options of the storage.', z.array(EncryptOption)),
    }),
  ),
});

export const DataMigrateSpec = z.strictObject({
  image: opt('Image of the migrate job.', z.string()),
  imageTag: opt('Image tag of the migrate job.', z.string()),
  imagePullPolicy: opt('Image pull policy of the migrate job.', z.string()),
  from: req('Source of the data.', DataToMigrate),
  to: req('Destination of the data.', DataToMigrate),
  block: opt('Declared by Fluid, never read.', z.boolean()),
  runtimeType: opt('Engine that performs the migration.', z.string()),
  options: opt('Engine-specific migrate options.', stringMap()),
  policy: withDefault('Once, Cron or OnEvent.', Policy, 'Once'),
  schedule: opt('Cron schedule, for the Cron policy.', z.string()),
  podMetadata: opt('Labels and annotations of the migrate pods.', PodMetadata),
  affinity: opt('Affinity of the migrate pods.', Affinity),
  tolerations: opt('Tolerations of the migrate pods.', z.array(Toleration)),
  nodeSelector: opt('Node selector of the migrate pods.', stringMap()),
  schedulerName: opt('Scheduler of the migrate pods.', z.string()),
  runAfter: opt('Operation that must complete first.', OperationRef),
  ttlSecondsAfterFinished: opt('Delete the DataMigrate this long after it finished (Once only).', int32()),
  resources: opt('Resources of the migrate container.', ResourceRequirements),
  parallelism: withDefault('Parallel migrate workers; more than 1 needs parallelOptions.sshSecretName.', int32().min(1), 1),
  parallelOptions: opt('sshSecretName, sshPort (22) and sshReadyTimeoutSeconds (180) for parallel migration.', stringMap()),
});
export type DataMigrateSpec = z.infer<typeof DataMigrateSpec>;
