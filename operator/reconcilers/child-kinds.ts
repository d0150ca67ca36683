// The kinds of object engines and data operations render: one list for what the operator watches, checks names
// against and deletes with their owner.

/** Watched in full through our managed-by label, and by metadata for objects of the same name that are not ours. */
export const CHILD_KINDS = [
  'StatefulSet', 'DaemonSet', 'Deployment', 'ConfigMap', 'Service', 'ServiceAccount', 'Role', 'RoleBinding',
  'PersistentVolume', 'PersistentVolumeClaim', 'Job', 'CronJob',
] as const;

/**
 * Everything an owner may have, in the order it is deleted: what runs first (so nothing restarts a pod that reads
 * a deleted script), then what it reads, volumes last. Includes Pod: a DataBackup runs as a bare Pod, and every
 * Pod is watched in full anyway.
 */
export const OWNED_KINDS = [
  'CronJob', 'Job', 'Pod', 'StatefulSet', 'DaemonSet', 'Deployment', 'Service', 'ConfigMap', 'ServiceAccount',
  'Role', 'RoleBinding', 'PersistentVolumeClaim', 'PersistentVolume',
] as const;

/** Cluster-scoped: a namespaced owner cannot be their owner reference, and they are looked up without a namespace. */
export const CLUSTER_SCOPED = new Set(['PersistentVolume', 'Node', 'Namespace', 'ClusterRole', 'ClusterRoleBinding']);
