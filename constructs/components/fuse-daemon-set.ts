import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Container, Volume, VolumeMount } from '../../crds/schema/k8s/core.generated';
import { PodTemplate, renderPodTemplate } from './pod-template';

/** Where the fuse mounts the data on the host, seen through a Bidirectional mount so pods on the node see it. */
export interface FuseMountPoint {
  /** Volume name, e.g. alluxio-fuse-mount. */
  readonly volumeName: string;
  /** Host folder, `<root>/<runtimeType>/<ns>/<name>`. */
  readonly hostPath: string;
  /** Where the fuse container sees it. @default `hostPath` */
  readonly containerPath?: string;
}

export interface FuseDaemonSetProps {
  /** Name of the DaemonSet, e.g. `<runtime>-fuse`. */
  readonly name: string;
  /** Labels of the DaemonSet. */
  readonly labels: Record<string, string>;
  /** Selector labels; immutable once applied, and added to the pod labels. */
  readonly selector: Record<string, string>;
  /** Pods of the fuse; container[0] is the fuse container and gets the mount point and privileges. */
  readonly template: PodTemplate;
  /** The CSI plugin labels a node with this key when a pod there uses the dataset; the fuse runs only there. */
  readonly fuseLabelKey: string;
  /** The user's node selector for the fuse, merged under the fuse label. @default - none */
  readonly nodeSelector?: Record<string, string>;
  /** The host folder the fuse mounts into. */
  readonly mountPoint: FuseMountPoint;
  /** Mount /dev/fuse from the host under this volume name. @default - not mounted */
  readonly fuseDeviceVolume?: string;
  /** Fluid's chart marks fuse pods critical so eviction does not break mounts. @default 'system-node-critical' */
  readonly priorityClassName?: string | null;
  /** Fuse pods tolerate every taint, as a fuse must run wherever the data is used. @default true */
  readonly tolerateAllTaints?: boolean;
  /** A fuse is replaced only when its pod is deleted, so running mounts are never cut. @default 'OnDelete' */
  readonly updateStrategy?: 'OnDelete' | 'RollingUpdate';
}

/** The fuse clients of a dataset: a DaemonSet on the nodes that use it, mounting into a shared host folder. */
export class FuseDaemonSet extends Construct {
  readonly name: string;
  readonly nodeSelector: Record<string, string>;

  constructor(scope: Construct, id: string, props: FuseDaemonSetProps) {
    super(scope, id);
    this.name = props.name;
    this.nodeSelector = { ...props.nodeSelector, [props.fuseLabelKey]: 'true' };
    const [fuse, ...sidecars] = props.template.spec.containers;
    if (!fuse) throw new Error(`FuseDaemonSet ${props.name}: the pod template has no container`);

    const volumes: Volume[] = [
      ...(props.template.spec.volumes ?? []),
      { name: props.mountPoint.volumeName, hostPath: { path: props.mountPoint.hostPath, type: 'DirectoryOrCreate' } },
    ];
    const mounts: VolumeMount[] = [
      ...(fuse.volumeMounts ?? []),
      { name: props.mountPoint.volumeName, mountPath: props.mountPoint.containerPath ?? props.mountPoint.hostPath, mountPropagation: 'Bidirectional' },
    ];
    if (props.fuseDeviceVolume) {
      volumes.push({ name: props.fuseDeviceVolume, hostPath: { path: '/dev/fuse', type: 'CharDevice' } });
      mounts.push({ name: props.fuseDeviceVolume, mountPath: '/dev/fuse' });
    }
    const fuseContainer: Container = {
      ...fuse,
      // Bidirectional mount propagation is only allowed for privileged containers.
      securityContext: { ...fuse.securityContext, privileged: true },
      volumeMounts: mounts,
    };
    const spec = {
      ...props.template.spec,
      containers: [fuseContainer, ...sidecars],
      volumes,
      nodeSelector: this.nodeSelector,
      ...(props.tolerateAllTaints ?? true ? { tolerations: [...(props.template.spec.tolerations ?? []), { operator: 'Exists' }] } : {}),
      ...(props.priorityClassName === null ? {} : { priorityClassName: props.priorityClassName ?? 'system-node-critical' }),
    };
    new ApiObject(this, 'DaemonSet', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: props.name, labels: props.labels },
      spec: {
        selector: { matchLabels: props.selector },
        updateStrategy: { type: props.updateStrategy ?? 'OnDelete' },
        template: renderPodTemplate({ ...props.template, spec }, props.selector),
      },
    });
  }
}
