import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export interface ServicePort {
  /** Port name, e.g. rpc. */
  readonly name: string;
  /** Port number; the target port is the same. */
  readonly port: number;
}

export interface HeadlessServiceProps {
  /** Name of the Service. */
  readonly name: string;
  /** Labels of the Service. */
  readonly labels?: Record<string, string>;
  /** Pod labels the Service selects. */
  readonly selector: Record<string, string>;
  /** Ports the Service publishes. @default - none (a headless Service for DNS only) */
  readonly ports?: readonly ServicePort[];
  /**
   * Publish pods before they are ready, so peers can find each other while they start (CacheRuntime sets it).
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
}

/** A headless Service (clusterIP: None): stable DNS names for the pods of a cache component. */
export class HeadlessService extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: HeadlessServiceProps) {
    super(scope, id);
    this.name = props.name;
    new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: props.name, labels: props.labels },
      spec: {
        clusterIP: 'None',
        selector: props.selector,
        ports: props.ports?.length ? props.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.port, protocol: 'TCP' })) : undefined,
        publishNotReadyAddresses: props.publishNotReadyAddresses ? true : undefined,
      },
    });
  }
}
