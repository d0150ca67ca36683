// The StatefulSet body shared by CacheMaster and CacheWorker.
import { PodTemplate, renderPodTemplate } from './pod-template';

export interface StatefulSetManifest {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
  readonly replicas: number;
  /** Governing Service; left out when undefined (a CacheRuntime component without service.headless). */
  readonly serviceName?: string;
  readonly podManagementPolicy: 'Parallel' | 'OrderedReady';
  readonly updateStrategy: 'OnDelete' | 'RollingUpdate';
  readonly template: PodTemplate;
  readonly volumeClaimTemplates?: readonly unknown[];
}

export function statefulSetObject(m: StatefulSetManifest): { apiVersion: string; kind: string; metadata: object; spec: object } {
  const spec: Record<string, unknown> = {
    replicas: m.replicas,
    selector: { matchLabels: m.selector },
    ...(m.serviceName === undefined ? {} : { serviceName: m.serviceName }),
    podManagementPolicy: m.podManagementPolicy,
    updateStrategy: { type: m.updateStrategy },
    template: renderPodTemplate(m.template, m.selector),
  };
  if (m.volumeClaimTemplates?.length) spec.volumeClaimTemplates = m.volumeClaimTemplates;
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: m.name, labels: m.labels }, spec };
}
