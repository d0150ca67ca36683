import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { DEFAULT_KUBELET_DIR } from '../../csi/plugin-paths';
import { DEFAULT_MOUNT_ROOT } from '../object-names';
import type { Toleration } from '../operator/operator-install';

export interface CsiNodePluginProps {
  /** Name of the DaemonSet, and the app.kubernetes.io/name of its pods. */
  readonly name: string;
  /** Labels of the DaemonSet and its pods, besides the selector. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** The operator image: the plugin is its `csi` command. */
  readonly image: string;
  /** @default 'IfNotPresent' */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** The ServiceAccount the plugin patches node labels and reads PVs, Datasets and runtimes as. */
  readonly serviceAccountName: string;
  /**
   * The kubelet's --root-dir on the nodes. The plugin serves its sockets and publishes volumes under it, and
   * mounts it at the same path with Bidirectional propagation so that its bind mounts reach the host.
   * @default '/var/lib/kubelet'
   */
  readonly kubeletDir?: string;
  /**
   * Fluid's MOUNT_ROOT, under which the runtimes' fuse pods mount. The plugin sees their mounts through it as a
   * slave (HostToContainer, as Fluid's chart): binds made from them are slaves too, so a mount the plugin stacks on a
   * target for recovery never travels back to fluid_path. @default '/runtime-mnt'
   */
  readonly mountRoot?: string;
  /** Nodes to run on. @default {} (every node a pod using a Fluid volume can land on) */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Taints to tolerate. The plugin must run wherever pods mount Fluid volumes.
   * @default [{ operator: 'Exists' }], every taint, as Fluid's chart (values.yaml csi.tolerations)
   */
  readonly tolerations?: readonly Toleration[];
  /** @default false, as Fluid's chart (values.yaml csi.config.hostNetwork) */
  readonly hostNetwork?: boolean;
  /** Seconds staging and publishing wait for the fuse mount (`csi --mount-timeout`). @default - the command's, 90 */
  readonly mountTimeoutSeconds?: number;
  /** Seconds between fuse recovery rounds, 0 for none (`csi --recovery-period`). @default - the command's, 5 */
  readonly recoveryPeriodSeconds?: number;
}

const KUBELET_VOLUME = 'kubelet-dir';
const MOUNT_ROOT_VOLUME = 'mount-root';

/** The fuse.csi.fluid.io node plugin on every node: `fluid-cdk8s csi`, registering itself with the kubelet. */
export class CsiNodePlugin extends Construct {
  readonly kubeletDir: string;
  readonly mountRoot: string;

  constructor(scope: Construct, id: string, props: CsiNodePluginProps) {
    super(scope, id);
    this.kubeletDir = props.kubeletDir ?? DEFAULT_KUBELET_DIR;
    this.mountRoot = props.mountRoot ?? DEFAULT_MOUNT_ROOT;
    const selector = { 'app.kubernetes.io/name': props.name };
    const labels = { ...props.labels, ...selector };
    const hostNetwork = props.hostNetwork ?? false;
    const args = ['csi', '--node-id=$(NODE_NAME)', `--kubelet-dir=${this.kubeletDir}`, `--mount-root=${this.mountRoot}`];
    if (props.mountTimeoutSeconds !== undefined) args.push(`--mount-timeout=${props.mountTimeoutSeconds}`);
    if (props.recoveryPeriodSeconds !== undefined) args.push(`--recovery-period=${props.recoveryPeriodSeconds}`);
    new ApiObject(this, 'DaemonSet', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: props.name, labels },
      spec: {
        selector: { matchLabels: selector },
        updateStrategy: { type: 'RollingUpdate' },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: props.serviceAccountName,
            hostNetwork,
            ...(hostNetwork ? { dnsPolicy: 'ClusterFirstWithHostNet' } : {}),
            ...(props.nodeSelector && Object.keys(props.nodeSelector).length ? { nodeSelector: { ...props.nodeSelector } } : {}),
            tolerations: [...(props.tolerations ?? [{ operator: 'Exists' }])],
            containers: [{
              name: 'plugin',
              image: props.image,
              imagePullPolicy: props.imagePullPolicy ?? 'IfNotPresent',
              args,
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
              resources: { requests: { cpu: '50m', memory: '64Mi' } },
              // Mounting needs CAP_SYS_ADMIN, and Bidirectional propagation a privileged container; the image's
              // default user is not root.
              securityContext: { privileged: true, runAsUser: 0, runAsGroup: 0, runAsNonRoot: false, allowPrivilegeEscalation: true },
              volumeMounts: [
                { name: KUBELET_VOLUME, mountPath: this.kubeletDir, mountPropagation: 'Bidirectional' },
                { name: MOUNT_ROOT_VOLUME, mountPath: this.mountRoot, mountPropagation: 'HostToContainer' },
              ],
            }],
            volumes: [
              { name: KUBELET_VOLUME, hostPath: { path: this.kubeletDir, type: 'Directory' } },
              { name: MOUNT_ROOT_VOLUME, hostPath: { path: this.mountRoot, type: 'DirectoryOrCreate' } },
            ],
          },
        },
      },
    });
  }
}
