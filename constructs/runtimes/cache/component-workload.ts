import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { PodTemplate } from '../../components/pod-template';
import { renderPodTemplate } from '../../components/pod-template';
import { statefulSetObject } from '../../components/stateful-set-manifest';
import type { WorkloadKind } from '../runtime-engine';

export interface ComponentWorkloadProps {
  /** apps/v1 kind of the workload. */
  readonly kind: WorkloadKind;
  /** `<name>-<component>`. */
  readonly name: string;
  /** Labels of the workload object. */
  readonly labels: Record<string, string>;
  /** Selector labels; immutable once applied, and added to the pod labels. */
  readonly selector: Record<string, string>;
  /** The finished pod template. */
  readonly template: PodTemplate;
  /** Pods of a StatefulSet or Deployment; a DaemonSet ignores it. @default 1 */
  readonly replicas?: number;
  /** Governing Service of a StatefulSet. @default - none */
  readonly serviceName?: string;
}

/**
 * A CacheRuntime component as a plain apps/v1 workload, for the kinds the shared components do not cover (a master
 * or client the class runs as a DaemonSet or Deployment, a client StatefulSet ...). StatefulSets start every pod at
 * once and roll, like Fluid's AdvancedStatefulSet (pkg/ddc/cache/component/advanced_statefulset_manager.go); a
 * DaemonSet keeps the Kubernetes default strategy, as daemonset_manager.go does.
 */
export class ComponentWorkload extends Construct {
  readonly kind: WorkloadKind;
  readonly name: string;

  constructor(scope: Construct, id: string, props: ComponentWorkloadProps) {
    super(scope, id);
    this.kind = props.kind;
    this.name = props.name;
    const replicas = props.replicas ?? 1;
    if (props.kind === 'StatefulSet') {
      new ApiObject(
        this,
        'Resource',
        statefulSetObject({ ...props, replicas, podManagementPolicy: 'Parallel', updateStrategy: 'RollingUpdate' }),
      );
      return;
    }
    const spec: Record<string, unknown> = { selector: { matchLabels: props.selector }, template: renderPodTemplate(props.template, props.selector) };
    if (props.kind === 'Deployment') spec.replicas = replicas;
    new ApiObject(this, 'Resource', { apiVersion: 'apps/v1', kind: props.kind, metadata: { name: props.name, labels: props.labels }, spec });
  }
}
