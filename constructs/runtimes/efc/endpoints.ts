// ConfigMap `<name>-worker-endpoints`: the RPC endpoints of the running workers, which master and fuse read at
// /etc/efc/efc-worker-endpoints.json to find the distributed cache. The chart creates it empty
// (charts/efc/templates/worker/configmap.yaml); Fluid's health check then writes the ready workers' `<podIP>:<rpc>`
// into it (pkg/ddc/efc/worker.go syncWorkersEndpoints). Here the operator observes the worker pods and renders
// the same list.
import { Construct } from 'constructs';
import type { Volume } from '../../../crds/schema/k8s/core.generated';
import { RuntimeConfigMap } from '../../components/runtime-config-map';
import type { ObservedCluster, ObservedPod, PodSummary } from '../render-input';
import { ENDPOINTS_FILE } from './defaults';
import { names, objectLabels } from './labels';
import type { EfcValues } from './values';

export const ENDPOINTS_VOLUME = 'efc-worker-endpoints';

/** The chart's initial content, kept until a worker runs. */
const EMPTY = '{"containerendpoints":[]}\n';

/**
 * The runtime's worker pods that run and have an address, by name. Fluid lists only ready pods; a pod summary has no
 * readiness, so a running pod with an IP stands for one.
 */
export function observeWorkers(pods: readonly PodSummary[], runtimeName: string): ObservedCluster {
  const worker: ObservedPod[] = pods
    .filter((p) => p.labels.release === runtimeName && p.labels.role === 'efc-worker' && p.labels.app === 'efc')
    .filter((p) => p.podIP !== '' && !p.deleting && p.phase === 'Running')
    .map((p) => ({ podName: p.name, podIP: p.podIP }))
    .sort((a, b) => a.podName.localeCompare(b.podName));
  return { componentPods: { worker } };
}

/** The JSON file: Go's encoding of WorkerEndPoints (types.go), or the chart's when no worker runs. */
export function endpointsJson(v: EfcValues, workers: readonly ObservedPod[]): string {
  if (!workers.length) return EMPTY;
  return JSON.stringify({ containerendpoints: workers.map((p) => `${p.podIP}:${v.workerRpcPort}`) });
}

export function endpointsVolume(v: EfcValues): Volume {
  return { name: ENDPOINTS_VOLUME, configMap: { name: names.endpoints(v) } };
}

export function addEndpoints(scope: Construct, v: EfcValues, observed: ObservedCluster): RuntimeConfigMap {
  return new RuntimeConfigMap(scope, 'WorkerEndpoints', {
    name: names.endpoints(v),
    labels: objectLabels(v, 'efc-worker-endpoints'),
    data: { [ENDPOINTS_FILE]: endpointsJson(v, observed.componentPods?.worker ?? []) },
  });
}
