// The operator's view of the cluster: one informer per kind it reads, exposed to plans as a ClusterView.
// Children are watched by our managed-by label only; Pods and Nodes in full (PVC users and worker placement).
import type * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { OPERATION_KINDS } from '../constructs/operations/operation-rules';
import { KINDS } from '../crds/schema/kinds';
import { Informer } from './kube/informer';
import { resourceOf } from './kube/resources';
import type { ClusterView, ObservedObject } from './reconcilers/cluster-view';
import { MANAGED_BY, MANAGED_BY_LABEL } from './reconcilers/desired-objects';

/** Kinds the operator creates; watched through the label every applied object carries. */
export const CHILD_KINDS = ['StatefulSet', 'DaemonSet', 'Deployment', 'ConfigMap', 'Service', 'ServiceAccount', 'Role', 'RoleBinding', 'PersistentVolume', 'PersistentVolumeClaim', 'Job', 'CronJob'];
/** Kinds read in full. */
const FULL_KINDS = ['Pod', 'Node'];

export class ClusterCache implements ClusterView {
  readonly informers = new Map<string, Informer<k8s.KubernetesObject>>();

  constructor(kc: k8s.KubeConfig, fluidKinds: readonly string[], logger: Logger) {
    const add = (kind: string, labelSelector?: string) => {
      const r = resourceOf(kind);
      this.informers.set(kind, new Informer({ kubeConfig: kc, resource: r, kind, labelSelector, logger }));
    };
    for (const kind of fluidKinds) add(kind);
    for (const kind of CHILD_KINDS) add(kind, `${MANAGED_BY_LABEL}=${MANAGED_BY}`);
    for (const kind of FULL_KINDS) add(kind);
  }

  /** Starts every informer; resolves once each cache is filled. */
  async start(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.start()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
  }

  get synced(): boolean {
    return [...this.informers.values()].every((i) => i.hasSynced);
  }

  /** List items carry no apiVersion or kind; plans and owner references need both. */
  private typed(kind: string, obj: k8s.KubernetesObject | undefined): ObservedObject | undefined {
    if (!obj) return undefined;
    const r = resourceOf(kind);
    return { ...(obj as object), apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind } as ObservedObject;
  }

  get(kind: string, name: string, namespace?: string): ObservedObject | undefined {
    const informer = this.informers.get(kind);
    if (!informer) return undefined;
    return this.typed(kind, resourceOf(kind).namespaced ? informer.get(name, namespace) : informer.get(name));
  }

  list(kind: string, namespace?: string): readonly ObservedObject[] {
    const informer = this.informers.get(kind);
    return informer ? informer.list(namespace).map((o) => this.typed(kind, o)!) : [];
  }
}

/** Every data.fluid.io kind the operator reads: Datasets, the runtimes it has engines for, profiles, classes and data operations. */
export function fluidKindsFor(runtimeKinds: readonly string[]): string[] {
  const always = new Set(['Dataset', 'ThinRuntimeProfile', 'CacheRuntimeClass', ...OPERATION_KINDS]);
  return KINDS.map((k) => k.kind).filter((k) => always.has(k) || runtimeKinds.includes(k));
}
