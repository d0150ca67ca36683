// What the runtime plan reads from the cluster beyond the runtime itself, and the "write only when it differs" rule
// for status.
import { COMPONENT_NAME_LABEL, COMPONENT_TYPES, componentName, RUNTIME_NAME_LABEL } from '../../constructs/runtimes/cache/names';
import type { ObservedCluster, ObservedPod } from '../../constructs/runtimes/runtime-engine';
import type { ClusterView, ObservedObject } from './cluster-view';
import { hashOf } from './desired-objects';
import { keyOf, Write } from './plan';

/** Pods of each CacheRuntime component with an IP, by name: the topology section of runtime.json. */
export function observedTopology(view: ClusterView, runtimeName: string, namespace: string): ObservedCluster {
  const pods = view.list('Pod', namespace).filter((p) => p.metadata.labels?.[RUNTIME_NAME_LABEL] === runtimeName && p.status?.podIP && !p.metadata.deletionTimestamp);
  const componentPods: Record<string, ObservedPod[]> = {};
  for (const type of COMPONENT_TYPES) {
    const name = componentName(runtimeName, type);
    componentPods[type] = pods
      .filter((p) => p.metadata.labels?.[COMPONENT_NAME_LABEL] === name)
      .map((p) => ({ podName: p.metadata.name, podIP: p.status.podIP as string }))
      .sort((a, b) => a.podName.localeCompare(b.podName));
  }
  return { componentPods };
}

/** A status write when `desired` differs from the stored status; nothing otherwise. */
export function statusWrite(obj: ObservedObject, desired: Record<string, unknown>): Write | undefined {
  if (obj.status && hashOf(obj.status) === hashOf(desired)) return undefined;
  return { op: 'status', key: keyOf(obj), status: desired };
}

/** Dataset status fields the operation reconciler owns (merge-patched); the runtime and Dataset plans leave them out. */
const OPERATION_OWNED = new Set(['operationRef']);

function withoutOperationFields(status: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(status).filter(([k]) => !OPERATION_OWNED.has(k)));
}

/**
 * A Dataset status write that neither carries nor compares `operationRef`: a runtime reconcile working from a cache
 * a moment old must not put back the running operations it last saw.
 */
export function datasetStatusWrite(dataset: ObservedObject, desired: Record<string, unknown>): Write | undefined {
  const wanted = withoutOperationFields(desired);
  if (dataset.status && hashOf(withoutOperationFields(dataset.status)) === hashOf(wanted)) return undefined;
  return { op: 'status', key: keyOf(dataset), status: wanted };
}
