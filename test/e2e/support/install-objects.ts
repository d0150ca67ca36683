// Where the objects `fluid-cdk8s install` prints are served, for tests that apply them one by one. resourceOf()
// knows only the kinds the operator itself writes; install also prints a CSIDriver and a PodDisruptionBudget.
import { resourceOf, resourcePath } from '../../../operator/kube/resources';
import type { AppliedObject } from '../../../operator/kube/server-side-apply';

export function installObjectPath(obj: AppliedObject): string {
  const { name, namespace } = obj.metadata;
  if (obj.kind === 'CSIDriver') return `/apis/storage.k8s.io/v1/csidrivers/${name}`;
  if (obj.kind === 'PodDisruptionBudget') return `/apis/policy/v1/namespaces/${namespace}/poddisruptionbudgets/${name}`;
  return resourcePath(resourceOf(obj.kind!), namespace, name);
}
