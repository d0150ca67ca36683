// Dataset (api/v1alpha1/dataset_types.go): the data a user wants cached, and where it comes from.
import { z } from 'zod';
import { dateTime, int32, int64, opt, req, stringMap } from './fields';
import { EncryptOption } from './common/encrypt-option';
import { Mount } from './common/mount';
import { User } from './common/user';
import { NodeSelector, Toleration } from './k8s/core.generated';

/** A runtime bound to the dataset (`status.runtimes[]`; also accepted in `spec.runtimes`). */
export const DatasetRuntime = z.strictObject({
  name: opt('Name of the runtime.', z.string()),
  namespace: opt('Namespace of the runtime.', z.string()),
  category: opt('Category of the runtime; Fluid only uses Accelerate.', z.string()),
  type: opt('Engine type: alluxio, jindo, juicefs, thin, cache, efc or vineyard.', z.string()),
  masterReplicas: opt('Master replicas of the runtime.', int32()),
});
export type DatasetRuntime = z.infer<typeof DatasetRuntime>;

export const DatasetSpec = z.strictObject({
  mounts: opt('Data sources to cache; may be empty for engines without an under storage (Vineyard).', z.array(Mount).min(1)),
  owner: opt('Owner of the dataset files; Alluxio fuse passes its uid and gid.', User),
  nodeAffinity: opt(
    'Nodes the dataset may be cached on.',
    z.strictObject({ required: opt('Hard node constraints for cache workers.', NodeSelector) }),
  ),
  tolerations: opt('Tolerations copied onto runtime pods.', z.array(Toleration)),
  accessModes: opt('Access modes of the PV/PVC; defaults to [ReadOnlyMany].', z.array(z.string())),
  runtimes: opt('Runtimes supporting the dataset; informational, status.runtimes is authoritative.', z.array(DatasetRuntime)),
  placement: opt('Exclusive (default) or Shared use of cache nodes by several datasets.', z.enum(['Exclusive', '', 'Shared'])),
  dataRestoreLocation: opt(
    'Where a backup of the dataset metadata is restored from.',
    z.strictObject({
      path: opt('local://<path> or pvc://<claim>/<path>.', z.string()),
      nodeName: opt('Node holding a local:// backup.', z.string()),
    }),
  ),
  sharedOptions: opt('Options merged under the options of every mount.', stringMap()),
  sharedEncryptOptions: opt('Secret-backed options applied to every mount.', z.array(EncryptOption)),
});
export type DatasetSpec = z.infer<typeof DatasetSpec>;

export const DatasetCondition = z.strictObject({
  type: req('Ready, NotReady, Updating, ...', z.string()),
  status: req('True, False or Unknown.', z.string()),
  reason: opt('Machine-readable reason of the last transition.', z.string()),
  message: opt('Human-readable details of the last transition.', z.string()),
  lastUpdateTime: opt('When the condition was last updated.', dateTime()),
  lastTransitionTime: opt('When the status last changed.', dateTime()),
  observedGeneration: opt('metadata.generation the condition was set for; fluid-cdk8s records it where only a new spec can change the answer.', int64()),
});
export type DatasetCondition = z.infer<typeof DatasetCondition>;

export const DatasetStatus = z.strictObject({
  mounts: opt('Mounts in effect, recorded at bind time.', z.array(Mount)),
  ufsTotal: opt('Total size of the under storage.', z.string()),
  phase: opt('"", NotBound, Bound, Failed, Updating or DataMigrating.', z.string()),
  runtimes: opt('The runtime bound to the dataset.', z.array(DatasetRuntime)),
  conditions: req('Observed conditions, one per type.', z.array(DatasetCondition)),
  cacheStates: opt('Cache figures copied from the runtime.', stringMap()),
  hcfs: opt(
    'HCFS endpoint of the cache.',
    z.strictObject({
      endpoint: opt('Endpoint for HCFS clients.', z.string()),
      underlayerFileSystemVersion: opt('Compatible HCFS version.', z.string()),
    }),
  ),
  fileNum: opt('Number of files in the dataset.', z.string()),
  dataLoadRef: opt('Deprecated: use operationRef.', z.string()),
  dataBackupRef: opt('Deprecated: use operationRef.', z.string()),
  operationRef: opt('Operations running on the dataset, by kind, comma-separated names.', stringMap()),
  datasetRef: opt('<namespace>/<name> of reference datasets that mount this one.', z.array(z.string())),
});
export type DatasetStatus = z.infer<typeof DatasetStatus>;
