// What the vineyard chart's pods have in common (charts/vineyard/templates/*): the runtime's podMetadata under the
// component's, the Istio opt-out, host network with its DNS policy, and KEY=VALUE environment maps in key order.
import type { VineyardRuntimeSpec } from '../../../crds/schema/vineyard-runtime';
import type { EnvVar, PodSpec } from '../../../crds/schema/k8s/core.generated';
import { componentPodMetadata } from '../../fluid-labels';

export type Component = 'master' | 'worker' | 'fuse';

/** The runtime's podMetadata under the component's (transform.go transformPodMetadata). */
export function podMetadata(spec: VineyardRuntimeSpec, component: Component): { labels: Record<string, string>; annotations: Record<string, string> } {
  return componentPodMetadata(spec.podMetadata, spec[component]?.podMetadata);
}

export function networkParts(hostNetwork: boolean): Partial<PodSpec> {
  return hostNetwork ? { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } : {};
}

/** A map as the chart's `range` writes it: one variable per key, keys in order. */
export function envOf(map: Readonly<Record<string, string>> | undefined, name: (key: string) => string = (k) => k): EnvVar[] {
  return Object.keys(map ?? {})
    .sort()
    .map((key) => ({ name: name(key), value: map![key] }));
}
