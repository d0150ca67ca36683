// Server-side apply and delete of any object a harness installs (the operator's install output, example manifests,
// test pods), through the operator's own request path: bodies go to the apiserver untouched.
import type * as k8s from '@kubernetes/client-node';
import { KubeApiError, kubeRequest } from '../operator/kube/kube-request';
import { Resource, resourceOf, resourcePath } from '../operator/kube/resources';
import type { AppliedObject } from '../operator/kube/server-side-apply';

/** Kinds `install` prints that the operator itself never writes, so its resource table does not know them. */
const INSTALL_ONLY: Readonly<Record<string, Resource>> = {
  CSIDriver: { group: 'storage.k8s.io', version: 'v1', plural: 'csidrivers', namespaced: false },
  PodDisruptionBudget: { group: 'policy', version: 'v1', plural: 'poddisruptionbudgets', namespaced: true },
  ServiceMonitor: { group: 'monitoring.coreos.com', version: 'v1', plural: 'servicemonitors', namespaced: true },
};

/** The REST path of an object. */
export function objectPath(kind: string, name: string, namespace?: string): string {
  return resourcePath(INSTALL_ONLY[kind] ?? resourceOf(kind), namespace, name);
}

export async function applyObject(kc: k8s.KubeConfig, obj: AppliedObject, fieldManager: string): Promise<void> {
  const path = objectPath(obj.kind ?? '', obj.metadata.name, obj.metadata.namespace);
  await kubeRequest(kc, 'PATCH', `${path}?fieldManager=${encodeURIComponent(fieldManager)}&force=true`, obj, 'application/apply-patch+yaml');
}

/** Asks for the deletion; an object already gone is no error. */
export async function deleteObject(kc: k8s.KubeConfig, kind: string, name: string, namespace?: string): Promise<void> {
  try {
    await kubeRequest(kc, 'DELETE', objectPath(kind, name, namespace));
  } catch (err) {
    if (!(err instanceof KubeApiError && err.status === 404)) throw err;
  }
}

/** The object, or undefined when there is none. */
export async function getObject(kc: k8s.KubeConfig, kind: string, name: string, namespace?: string): Promise<any> {
  try {
    return (await kubeRequest(kc, 'GET', objectPath(kind, name, namespace))).body;
  } catch (err) {
    if (err instanceof KubeApiError && err.status === 404) return undefined;
    throw err;
  }
}
