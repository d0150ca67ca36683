// ServiceAccount, Role and RoleBinding `<name>-loader` (charts/juicefs/templates/role/rbac.yaml): JuiceFS DataLoad pods
// run as this account and exec into the workers to warm the cache.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { libraryLabels } from '../../fluid-labels';
import { chartIdentity, names } from './labels';
import type { JuiceValues } from './values';

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
