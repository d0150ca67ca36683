// Every API permission the operator uses, and why: the single source of its RBAC. A unit test checks that each
// kind the operator reads or writes (operator/kube/resources.ts, the informers) is covered.

export interface Permission {
  readonly apiGroup: string;
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  /** Why the operator needs it. */
  readonly why: string;
}

const READ = ['get', 'list', 'watch'];
// Server-side apply of an object that does not exist yet is a create, so applying needs both verbs.
const OWN = [...READ, 'create', 'patch', 'delete'];

export const CLUSTER_PERMISSIONS: readonly Permission[] = [
  { apiGroup: 'data.fluid.io', resources: ['datasets', 'alluxioruntimes', 'jindoruntimes', 'juicefsruntimes', 'thinruntimes', 'cacheruntimes'], verbs: [...READ, 'patch'], why: 'reconciles them; finalizers, owner references and labels by guarded patch' },
  { apiGroup: 'data.fluid.io', resources: ['datasets/status', 'alluxioruntimes/status', 'jindoruntimes/status', 'juicefsruntimes/status', 'thinruntimes/status', 'cacheruntimes/status'], verbs: ['patch'], why: 'writes status by server-side apply' },
  { apiGroup: 'data.fluid.io', resources: ['thinruntimeprofiles', 'cacheruntimeclasses'], verbs: READ, why: 'a ThinRuntime or CacheRuntime is rendered from the profile or class it names' },
  { apiGroup: 'data.fluid.io', resources: ['dataloads', 'datamigrates', 'databackups', 'dataprocesses'], verbs: [...READ, 'patch', 'delete'], why: 'runs data operations; finalizers by guarded patch; deletes one whose ttlSecondsAfterFinished has passed' },
  { apiGroup: 'data.fluid.io', resources: ['dataloads/status', 'datamigrates/status', 'databackups/status', 'dataprocesses/status'], verbs: ['patch'], why: 'writes operation status by server-side apply' },
  { apiGroup: 'batch', resources: ['jobs', 'cronjobs'], verbs: OWN, why: 'the Jobs and CronJobs that run data operations' },
  { apiGroup: 'apps', resources: ['statefulsets', 'daemonsets', 'deployments'], verbs: OWN, why: "the engines' masters, workers and fuses" },
  { apiGroup: '', resources: ['configmaps', 'services', 'serviceaccounts'], verbs: OWN, why: "the engines' configuration, headless services and loader accounts" },
  { apiGroup: '', resources: ['persistentvolumes', 'persistentvolumeclaims'], verbs: OWN, why: "the dataset's PV and PVC" },
  { apiGroup: '', resources: ['pods'], verbs: OWN, why: 'worker placement for node labels, CacheRuntime topology, PVC users before a Dataset is deleted; the DataBackup pod' },
  { apiGroup: '', resources: ['nodes'], verbs: [...READ, 'patch'], why: "cache-node labels (fluid.io/s-*, fluid.io/dataset-num)" },
  { apiGroup: 'rbac.authorization.k8s.io', resources: ['roles', 'rolebindings'], verbs: OWN, why: "JuiceFS renders a Role and RoleBinding for its DataLoad pods" },
  // Kubernetes lets a Role be created only by someone holding its permissions; the JuiceFS loader Role grants these.
  { apiGroup: '', resources: ['pods/exec'], verbs: ['get', 'list', 'create'], why: 'held so the operator may grant it in the JuiceFS loader Role' },
  // get only, asked with metadata-only requests: a missing Secret is reported against the field naming it.
  { apiGroup: '', resources: ['secrets'], verbs: ['get'], why: 'checks that Secrets named by encryptOptions exist (metadata only; values are never read)' },
  { apiGroup: 'events.k8s.io', resources: ['events'], verbs: ['create', 'patch'], why: 'records Events on Datasets and runtimes' },
];

/** In the operator's own namespace only. */
export const NAMESPACE_PERMISSIONS: readonly Permission[] = [
  { apiGroup: 'coordination.k8s.io', resources: ['leases'], verbs: ['get', 'create', 'update'], why: 'leader election' },
];

export function rulesOf(permissions: readonly Permission[]): { apiGroups: string[]; resources: string[]; verbs: string[] }[] {
  return permissions.map((p) => ({ apiGroups: [p.apiGroup], resources: [...p.resources], verbs: [...p.verbs] }));
}
