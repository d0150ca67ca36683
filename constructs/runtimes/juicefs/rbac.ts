// ServiceAccount, Role and RoleBinding `<name>-loader` (charts/juicefs/templates/role/rbac.yaml): JuiceFS DataLoad pods
// run as this account and exec into the workers to warm the cache.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { libraryLabels } from '../../fluid-labels';
import type { Permission } from '../../operator/permission';
import { chartIdentity, names } from './labels';
import type { JuiceValues } from './values';

/**
 * What the operator needs to create the loader's Role and RoleBinding: the kinds themselves, and pods/exec, because
 * Kubernetes lets a Role be created only by someone holding what it grants.
 */
export const LOADER_RBAC_PERMISSIONS: readonly Permission[] = [
  { apiGroup: 'rbac.authorization.k8s.io', resources: ['roles', 'rolebindings'], verbs: ['create', 'patch', 'delete'], why: 'JuiceFS renders a Role and RoleBinding for its DataLoad pods' },
  { apiGroup: '', resources: ['pods/exec'], verbs: ['get', 'list', 'create'], why: 'held so the operator may grant it in the JuiceFS loader Role' },
];

export function addLoaderRbac(scope: Construct, v: JuiceValues): void {
  const name = names.loader(v);
  const metadata = { name, namespace: v.ds.namespace, labels: libraryLabels(chartIdentity(v)) };
  new ApiObject(scope, 'LoaderServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata });
  new ApiObject(scope, 'LoaderRole', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata,
    rules: [
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['get', 'create', 'list'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
    ],
  });
  new ApiObject(scope, 'LoaderRoleBinding', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name, namespace: v.ds.namespace }],
  });
}
