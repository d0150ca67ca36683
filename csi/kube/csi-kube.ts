// Everything the node plugin asks the apiserver, with the pod's in-cluster identity: patch this node's fuse label,
// read a PV, PVC, Dataset or runtime, list the pods on this node. Reads answer undefined for an object that is gone.
import type * as k8s from '@kubernetes/client-node';
import { KubeApiError, kubeRequest } from '../../operator/kube/kube-request';
import type { RuntimeKind } from '../runtime-clean-policy';

/** Fluid's API group and version (api/v1alpha1/groupversion_info.go). */
const FLUID_API = '/apis/data.fluid.io/v1alpha1';

export interface ObjectRef {
  readonly namespace: string;
  readonly name: string;
}

export class CsiKube {
  constructor(private readonly kc: k8s.KubeConfig) {}

  /** Sets (value) or removes (null) one label on the node, by strategic merge patch as Fluid's plugin does. */
  async setNodeLabel(node: string, key: string, value: string | null): Promise<void> {
    await kubeRequest(this.kc, 'PATCH', `/api/v1/nodes/${encodeURIComponent(node)}`, { metadata: { labels: { [key]: value } } }, 'application/strategic-merge-patch+json');
  }

  getPersistentVolume(name: string): Promise<k8s.V1PersistentVolume | undefined> {
    return this.get(`/api/v1/persistentvolumes/${encodeURIComponent(name)}`);
  }

  getPersistentVolumeClaim(ref: ObjectRef): Promise<k8s.V1PersistentVolumeClaim | undefined> {
    return this.get(`/api/v1/namespaces/${encodeURIComponent(ref.namespace)}/persistentvolumeclaims/${encodeURIComponent(ref.name)}`);
  }

  getDataset(ref: ObjectRef): Promise<{ status?: { runtimes?: { name?: string; namespace?: string; type?: string }[] } } | undefined> {
    return this.get(`${FLUID_API}/namespaces/${encodeURIComponent(ref.namespace)}/datasets/${encodeURIComponent(ref.name)}`);
  }

  getRuntime(kind: RuntimeKind, ref: ObjectRef): Promise<{ metadata?: { namespace?: string; name?: string }; spec?: Record<string, any> } | undefined> {
    return this.get(`${FLUID_API}/namespaces/${encodeURIComponent(ref.namespace)}/${kind.plural}/${encodeURIComponent(ref.name)}`);
  }

  async listPodsOnNode(node: string): Promise<k8s.V1Pod[]> {
    const selector = encodeURIComponent(`spec.nodeName=${node}`);
    return ((await kubeRequest(this.kc, 'GET', `/api/v1/pods?fieldSelector=${selector}`)).body.items ?? []) as k8s.V1Pod[];
  }

  private async get<T>(path: string): Promise<T | undefined> {
    try {
      return (await kubeRequest(this.kc, 'GET', path)).body as T;
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 404) return undefined;
      throw err;
    }
  }
}
