// Where each kind the operator writes is served. A fixed table rather than discovery: these are the kinds our
// engines render and our RBAC grants, nothing else.
import { GROUP, KindDefinition, KINDS, VERSION } from '../../crds/schema/kinds';

export interface Resource {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

const BUILT_IN: Record<string, Resource> = {
  ConfigMap: { group: '', version: 'v1', plural: 'configmaps', namespaced: true },
  Secret: { group: '', version: 'v1', plural: 'secrets', namespaced: true },
  Service: { group: '', version: 'v1', plural: 'services', namespaced: true },
  ServiceAccount: { group: '', version: 'v1', plural: 'serviceaccounts', namespaced: true },
  PersistentVolumeClaim: { group: '', version: 'v1', plural: 'persistentvolumeclaims', namespaced: true },
  PersistentVolume: { group: '', version: 'v1', plural: 'persistentvolumes', namespaced: false },
  Pod: { group: '', version: 'v1', plural: 'pods', namespaced: true },
  Node: { group: '', version: 'v1', plural: 'nodes', namespaced: false },
  Namespace: { group: '', version: 'v1', plural: 'namespaces', namespaced: false },
  StatefulSet: { group: 'apps', version: 'v1', plural: 'statefulsets', namespaced: true },
  DaemonSet: { group: 'apps', version: 'v1', plural: 'daemonsets', namespaced: true },
  Deployment: { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true },
  Job: { group: 'batch', version: 'v1', plural: 'jobs', namespaced: true },
  CronJob: { group: 'batch', version: 'v1', plural: 'cronjobs', namespaced: true },
  Role: { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'roles', namespaced: true },
  RoleBinding: { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'rolebindings', namespaced: true },
  ClusterRole: { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles', namespaced: false },
  ClusterRoleBinding: { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterrolebindings', namespaced: false },
  MutatingWebhookConfiguration: { group: 'admissionregistration.k8s.io', version: 'v1', plural: 'mutatingwebhookconfigurations', namespaced: false },
  Lease: { group: 'coordination.k8s.io', version: 'v1', plural: 'leases', namespaced: true },
  Event: { group: 'events.k8s.io', version: 'v1', plural: 'events', namespaced: true },
  CustomResourceDefinition: { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', namespaced: false },
};

function fluidResource(k: KindDefinition): Resource {
  return { group: GROUP, version: VERSION, plural: k.plural, namespaced: k.scope === 'Namespaced' };
}

const FLUID: Record<string, Resource> = Object.fromEntries(KINDS.map((k) => [k.kind, fluidResource(k)]));

/** Where built-in kinds and Fluid's kinds are served. */
export function resourceOf(kind: string): Resource {
  const r = BUILT_IN[kind] ?? FLUID[kind];
  if (!r) throw new Error(`the operator does not write ${kind} objects`);
  return r;
}

/** Where each kind is served, runtime kinds of engines written outside this repository included. */
export class ResourceCatalog {
  private readonly extra: Map<string, Resource>;

  constructor(definitions: readonly KindDefinition[] = []) {
    this.extra = new Map(definitions.filter((d) => !FLUID[d.kind]).map((d) => [d.kind, fluidResource(d)]));
  }

  of(kind: string): Resource {
    const r = this.extra.get(kind);
    return r ?? resourceOf(kind);
  }
}

/** The REST path of a collection or, with a name, of one object. */
export function resourcePath(r: Resource, namespace: string | undefined, name?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
  return `${base}${ns}/${r.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}
