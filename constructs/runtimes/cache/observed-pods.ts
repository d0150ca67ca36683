// The pods of each CacheRuntime component that have an address, by name: the topology section of runtime.json
// (pkg/ddc/cache/engine/cm.go), which cache images read to find each other.
import type { ObservedCluster, ObservedPod, PodSummary } from '../render-input';
import { COMPONENT_NAME_LABEL, COMPONENT_TYPES, componentName, RUNTIME_NAME_LABEL } from './names';

export function observeComponentPods(pods: readonly PodSummary[], runtimeName: string): ObservedCluster {
  const running = pods.filter((p) => p.labels[RUNTIME_NAME_LABEL] === runtimeName && p.podIP !== '' && !p.deleting);
  const componentPods: Record<string, ObservedPod[]> = {};
  for (const type of COMPONENT_TYPES) {
    const name = componentName(runtimeName, type);
    componentPods[type] = running
      .filter((p) => p.labels[COMPONENT_NAME_LABEL] === name)
      .map((p) => ({ podName: p.name, podIP: p.podIP }))
      .sort((a, b) => a.podName.localeCompare(b.podName));
  }
  return { componentPods };
}
