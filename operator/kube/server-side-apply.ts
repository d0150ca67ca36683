// Server-side apply: the only way we write objects. The field manager makes our ownership of each field visible
// (kubectl get --show-managed-fields) and lets a user's own edits to other fields survive.
import * as k8s from '@kubernetes/client-node';
import { FIELD_MANAGER } from '../reconcilers/owner-tag';

export { FIELD_MANAGER };

/** Where a kind is served: enough to address it with CustomObjectsApi, which sends bodies untouched. */
export interface ResourceRef {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

export interface AppliedObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

const APPLY = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply);

/**
 * Applies `body` with strict field validation, so a field the server does not know is an error, not a silent drop.
 * CustomObjectsApi is used even for CRDs because the typed clients pass bodies through client-node's model
 * serializer, which drops fields its Kubernetes version does not know.
 */
export async function serverSideApply(kc: k8s.KubeConfig, resource: ResourceRef, body: AppliedObject, fieldManager = FIELD_MANAGER): Promise<AppliedObject> {
  const api = kc.makeApiClient(k8s.CustomObjectsApi);
  const common = { group: resource.group, version: resource.version, plural: resource.plural, name: body.metadata.name, body, fieldManager, force: true, fieldValidation: 'Strict' };
  const result = resource.namespaced
    ? await api.patchNamespacedCustomObject({ ...common, namespace: body.metadata.namespace ?? 'default' }, APPLY)
    : await api.patchClusterCustomObject(common, APPLY);
  return result as AppliedObject;
}
