import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { HeadlessService, ServicePort } from './headless-service';
import { PodTemplate } from './pod-template';
import { statefulSetObject } from './stateful-set-manifest';

/** How a master is published: one headless Service per replica (Alluxio, Jindo) or one for all (CacheRuntime). */
export type MasterServices =
  | {
      readonly kind: 'per-replica';
      /** Ports every per-replica Service publishes. */
      readonly ports: readonly ServicePort[];
      /** Labels of the Services. */
      readonly labels: Record<string, string>;
      /** Pod labels the Services select, besides the pod name. */
      readonly selector: Record<string, string>;
    }
  | {
      readonly kind: 'single';
      /** Labels of the Service. */
      readonly labels: Record<string, string>;
      /** Ports it publishes. @default - none */
      readonly ports?: readonly ServicePort[];
      /** Publish pods before they are ready. @default false */
      readonly publishNotReadyAddresses?: boolean;
    }
  | { readonly kind: 'none' };

export interface CacheMasterProps {
  /** Name of the StatefulSet, e.g. `<runtime>-master` (Alluxio) or `<runtime>-jindofs-master` (Jindo). */
  readonly name: string;
  /** Labels of the StatefulSet. */
  readonly labels: Record<string, string>;
  /** Selector labels; immutable once applied, and added to the pod labels. */
  readonly selector: Record<string, string>;
  /** Master replicas. @default 1 */
  readonly replicas?: number;
  /**
   * The governing Service name of the StatefulSet. With `services.kind: 'single'` this Service is created.
   * @default `name`
   */
  readonly serviceName?: string;
  /** Pods of the master. */
  readonly template: PodTemplate;
  /** Services that publish the master. @default { kind: 'none' } */
  readonly services?: MasterServices;
  /** Fluid's charts start every master pod at once. @default 'Parallel' */
  readonly podManagementPolicy?: 'Parallel' | 'OrderedReady';
  /** Fluid's charts roll masters by hand. @default 'OnDelete' */
  readonly updateStrategy?: 'OnDelete' | 'RollingUpdate';
}

/** A cache master: a StatefulSet plus the headless Service(s) that give its pods stable names. */
export class CacheMaster extends Construct {
  readonly name: string;
  readonly replicas: number;
  readonly serviceName: string;

  constructor(scope: Construct, id: string, props: CacheMasterProps) {
    super(scope, id);
    this.name = props.name;
    this.replicas = props.replicas ?? 1;
    this.serviceName = props.serviceName ?? props.name;
    new ApiObject(
      this,
      'StatefulSet',
      statefulSetObject({
        name: props.name,
        labels: props.labels,
        selector: props.selector,
        replicas: this.replicas,
        serviceName: this.serviceName,
        podManagementPolicy: props.podManagementPolicy ?? 'Parallel',
        updateStrategy: props.updateStrategy ?? 'OnDelete',
        template: props.template,
      }),
    );
    this.addServices(props.services ?? { kind: 'none' }, props.selector);
  }

  private addServices(services: MasterServices, selector: Record<string, string>): void {
    if (services.kind === 'single') {
      new HeadlessService(this, 'Service', { name: this.serviceName, selector, ...services });
    } else if (services.kind === 'per-replica') {
      for (let i = 0; i < this.replicas; i++) {
        const podName = `${this.name}-${i}`;
        new HeadlessService(this, `Service${i}`, {
          name: podName,
          labels: services.labels,
          selector: { ...services.selector, 'statefulset.kubernetes.io/pod-name': podName },
          ports: services.ports,
        });
      }
    }
  }
}
