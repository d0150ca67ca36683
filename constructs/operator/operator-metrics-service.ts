// How Prometheus finds the operator's /metrics: a Service over the operator pods' `metrics` port and, for clusters
// that run the Prometheus Operator, a ServiceMonitor selecting that Service. Every replica is scraped (a standby
// reports leader_election_master_status 0 and its process figures).
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export interface OperatorMetricsServiceProps {
  readonly name: string;
  /** The operator pods' labels: the Service selects them. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** The container port named `metrics`. */
  readonly port: number;
  /** Also print a monitoring.coreos.com/v1 ServiceMonitor (its CRD comes with the Prometheus Operator). @default false */
  readonly serviceMonitor?: boolean;
}

export class OperatorMetricsService extends Construct {
  /** The Service's own labels, which the ServiceMonitor selects on (the pods do not carry `component: metrics`). */
  readonly labels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: OperatorMetricsServiceProps) {
    super(scope, id);
    this.labels = { ...props.podLabels, 'app.kubernetes.io/component': 'metrics' };
    new ApiObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: props.name, labels: { ...this.labels } },
      spec: {
        selector: { ...props.podLabels },
        ports: [{ name: 'metrics', port: props.port, targetPort: 'metrics', protocol: 'TCP' }],
      },
    });
    if (props.serviceMonitor) {
      new ApiObject(this, 'ServiceMonitor', {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: props.name, labels: { ...this.labels } },
        spec: { selector: { matchLabels: { ...this.labels } }, endpoints: [{ port: 'metrics', path: '/metrics' }] },
      });
    }
  }
}
