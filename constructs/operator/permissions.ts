// Every API permission the operator uses, and why: the single source of its RBAC. The runtime kinds and what they
// need beyond the common objects come from the engines, so an engine written outside this repository gets exactly
// what it renders. A unit test checks that each kind the operator reads or writes is covered.
import { fluidKind } from '../../crds/schema/kinds';
import { OPERATION_KINDS } from '../operations/operation-rules';
import type { EngineRegistry } from '../runtimes/engine-registry';
import { definitionOf } from '../runtimes/engine-registry';
import { OWN, Permission, READ } from './permission';

export type { Permission } from './permission';
export { rulesOf } from './permission';

const pluralOf = (kind: string): string => fluidKind(kind).plural;

export function clusterPermissions(registry: EngineRegistry): Permission[] {
  const runtimes = registry.all().map((e) => definitionOf(e).plural);
  const referenced = registry.referencedKinds().map(pluralOf);
  const operations = OPERATION_KINDS.map(pluralOf);
  return [
    { apiGroup: 'data.fluid.io', resources: ['datasets', ...runtimes], verbs: [...READ, 'patch'], why: 'reconciles them; finalizers, owner references and labels by guarded patch' },
    { apiGroup: 'data.fluid.io', resources: ['datasets/status', ...runtimes.map((r) => `${r}/status`)], verbs: ['patch'], why: 'writes status by server-side apply' },
    ...(referenced.length ? [{ apiGroup: 'data.fluid.io', resources: referenced, verbs: READ, why: 'a runtime is rendered from the profile or class it names' }] : []),
    { apiGroup: 'data.fluid.io', resources: operations, verbs: [...READ, 'patch', 'delete'], why: 'runs data operations; finalizers by guarded patch; deletes one whose ttlSecondsAfterFinished has passed' },
    { apiGroup: 'data.fluid.io', resources: operations.map((r) => `${r}/status`), verbs: ['patch'], why: 'writes operation status by server-side apply' },
    { apiGroup: 'batch', resources: ['jobs', 'cronjobs'], verbs: OWN, why: 'the Jobs and CronJobs that run data operations; patch also resumes the suspended Cron runs of a parallel DataMigrate' },
    { apiGroup: 'apps', resources: ['statefulsets', 'daemonsets', 'deployments'], verbs: OWN, why: "the engines' masters, workers and fuses; the SSH workers of a parallel DataMigrate" },
    { apiGroup: '', resources: ['configmaps', 'services', 'serviceaccounts'], verbs: OWN, why: "the engines' configuration, headless services and loader accounts" },
    { apiGroup: '', resources: ['persistentvolumes', 'persistentvolumeclaims'], verbs: OWN, why: "the dataset's PV and PVC" },
    { apiGroup: '', resources: ['pods'], verbs: OWN, why: 'worker placement for node labels, CacheRuntime topology and EFC worker endpoints, PVC users before a Dataset is deleted; the DataBackup pod' },
    { apiGroup: '', resources: ['nodes'], verbs: [...READ, 'patch'], why: "cache-node labels (fluid.io/s-*, fluid.io/dataset-num)" },
    { apiGroup: 'rbac.authorization.k8s.io', resources: ['roles', 'rolebindings'], verbs: READ, why: 'watches the Roles engines render (JuiceFS loaders) and checks their names are free' },
    // Listed and watched as PartialObjectMetadata only (operator/cluster-cache.ts): values never reach the operator.
    { apiGroup: '', resources: ['secrets'], verbs: READ, why: 'knows which Secrets exist, by metadata only, so a missing one is reported against the field naming it' },
    { apiGroup: 'events.k8s.io', resources: ['events'], verbs: ['create', 'patch'], why: 'records Events on Datasets and runtimes' },
    ...(registry.all().some((e) => e.cache)
      ? [{ apiGroup: '', resources: ['pods/exec'], verbs: ['create'], why: "the cache sync runs the engines' report and mount commands in their pods" }]
      : []),
    ...registry.all().flatMap((e) => e.permissions ?? []),
  ];
}

/** In the operator's own namespace only. */
export const NAMESPACE_PERMISSIONS: readonly Permission[] = [
  { apiGroup: 'coordination.k8s.io', resources: ['leases'], verbs: ['get', 'create', 'update'], why: 'leader election' },
];
