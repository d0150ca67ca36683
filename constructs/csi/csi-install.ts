import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { Toleration } from '../operator/operator-install';
import { defaultOperatorImage } from '../operator/operator-image';
import { FluidCsiDriver } from './csi-driver';
import { CsiNodePlugin, CsiNodePluginProps } from './csi-node-plugin';
import { CsiPluginAccount } from './csi-plugin-account';

/** Name of the plugin's DaemonSet, ServiceAccount, ClusterRole and ClusterRoleBinding. */
export const CSI_PLUGIN_NAME = 'fluid-cdk8s-csi';

export interface CsiInstallProps {
  /** Namespace of the DaemonSet and ServiceAccount. @default 'fluid-system' */
  readonly namespace?: string;
  /** @default `ghcr.io/fluid-cdk8s/operator:<package version>` (defaultOperatorImage()) */
  readonly image?: string;
  /** @default 'IfNotPresent' */
  readonly imagePullPolicy?: CsiNodePluginProps['imagePullPolicy'];
  /** @default '/var/lib/kubelet' */
  readonly kubeletDir?: string;
  /** @default '/runtime-mnt' */
  readonly mountRoot?: string;
  /** @default {} (every node) */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default [{ operator: 'Exists' }] */
  readonly tolerations?: readonly Toleration[];
}

/** What `fluid-cdk8s install` prints for the CSI node plugin: the CSIDriver, the plugin's account and its DaemonSet. */
export class CsiInstall extends Chart {
  constructor(scope: Construct, id: string, props: CsiInstallProps = {}) {
    super(scope, id, { namespace: props.namespace ?? 'fluid-system', disableResourceNameHashes: true });
    const labels = { 'app.kubernetes.io/part-of': 'fluid-cdk8s' };
    new FluidCsiDriver(this, 'Driver');
    const account = new CsiPluginAccount(this, 'Account', { name: CSI_PLUGIN_NAME, namespace: this.namespace!, labels: { ...labels, 'app.kubernetes.io/name': CSI_PLUGIN_NAME } });
    new CsiNodePlugin(this, 'NodePlugin', {
      name: CSI_PLUGIN_NAME,
      labels,
      image: props.image ?? defaultOperatorImage(),
      imagePullPolicy: props.imagePullPolicy,
      serviceAccountName: account.serviceAccountName,
      kubeletDir: props.kubeletDir,
      mountRoot: props.mountRoot,
      nodeSelector: props.nodeSelector,
      tolerations: props.tolerations,
    });
  }
}
