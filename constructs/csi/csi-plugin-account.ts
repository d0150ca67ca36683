import { JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { Permission } from '../operator/permission';
import { rulesOf } from '../operator/permission';
import { CSI_PERMISSIONS } from './csi-permissions';

export interface CsiPluginAccountProps {
  /** Name of the ServiceAccount, ClusterRole and ClusterRoleBinding. */
  readonly name: string;
  /** Namespace of the ServiceAccount. */
  readonly namespace: string;
  /** Labels of all three. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** What the ClusterRole grants. @default CSI_PERMISSIONS, only the calls the node plugin makes */
  readonly permissions?: readonly Permission[];
}

/** The node plugin's own identity: a ServiceAccount bound to a ClusterRole with only what the plugin uses. */
export class CsiPluginAccount extends Construct {
  readonly serviceAccountName: string;

  constructor(scope: Construct, id: string, props: CsiPluginAccountProps) {
    super(scope, id);
    this.serviceAccountName = props.name;
    const metadata = { name: props.name, labels: { ...props.labels } };
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { ...metadata, namespace: props.namespace } });
    const role = new k8s.KubeClusterRole(this, 'ClusterRole', { metadata, rules: rulesOf(props.permissions ?? CSI_PERMISSIONS) });
    const binding = new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: props.name },
      subjects: [{ kind: 'ServiceAccount', name: props.name, namespace: props.namespace }],
    });
    for (const obj of [role, binding]) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}
