import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export interface RuntimeConfigMapProps {
  /** Name of the ConfigMap, e.g. `<runtime>-config` or `fluid-runtime-config-<runtime>`. */
  readonly name: string;
  /** Labels of the ConfigMap. @default - none */
  readonly labels?: Record<string, string>;
  /** File name to content. Never put a secret value here: engines mount Secrets instead. */
  readonly data: Record<string, string>;
}

/** Configuration an engine's pods read: property files, scripts, runtime.json. */
export class RuntimeConfigMap extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: RuntimeConfigMapProps) {
    super(scope, id);
    this.name = props.name;
    new ApiObject(this, 'Resource', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: props.name, labels: props.labels }, data: props.data });
  }
}
