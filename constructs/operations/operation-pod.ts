// The parts of an operation pod every engine fills the same way from the operation's spec (Fluid's value builders
// copy them one by one: pkg/ddc/*/load_data.go, pkg/dataprocess/generate_values.go).
import type { Affinity, EnvVar, PodSpec, Toleration } from '../../crds/schema/k8s/core.generated';
import { NO_SIDECAR } from '../fluid-labels';

/** Spec fields that place and label the operation's pod. */
export interface PodPlacement {
  readonly podMetadata?: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly affinity?: Affinity;
  readonly tolerations?: readonly Toleration[];
  readonly nodeSelector?: Record<string, string>;
  readonly schedulerName?: string;
}

/** An operation annotation Fluid copies onto its pods, so data-flow affinity can find where they ran. */
const DATAFLOW_AFFINITY_LABELS = 'affinity.dataflow.fluid.io/labels';

/** Scheduling fields of the pod spec, only those the user set (a chart renders nothing for unset values). */
export function placementOf(spec: PodPlacement): Pick<PodSpec, 'affinity' | 'tolerations' | 'nodeSelector' | 'schedulerName'> {
  return {
    ...(spec.schedulerName ? { schedulerName: spec.schedulerName } : {}),
    ...(spec.nodeSelector && Object.keys(spec.nodeSelector).length ? { nodeSelector: spec.nodeSelector } : {}),
    ...(spec.affinity ? { affinity: spec.affinity } : {}),
    ...(spec.tolerations?.length ? { tolerations: [...spec.tolerations] } : {}),
  };
}

/** Pod annotations: no mesh sidecar, then the user's podMetadata, then the data-flow annotation of the operation. */
export function podAnnotations(podMetadata: PodPlacement['podMetadata'], operationAnnotations: Record<string, string> | undefined): Record<string, string> {
  const flow = operationAnnotations?.[DATAFLOW_AFFINITY_LABELS];
  return { ...NO_SIDECAR, ...podMetadata?.annotations, ...(flow !== undefined ? { [DATAFLOW_AFFINITY_LABELS]: flow } : {}) };
}

/** Paths to load and their replicas; the whole dataset once when no target is given (the chart's default). */
export function targetPaths(target: readonly { path: string; replicas?: number }[] | undefined): { paths: string[]; replicas: string[] } {
  const items = target?.length ? target : [{ path: '/', replicas: 1 }];
  return { paths: items.map((t) => t.path.trim()), replicas: items.map((t) => String(t.replicas ?? 1)) };
}

export const valueEnv = (name: string, value: string): EnvVar => ({ name, value });

export const podIpEnv = (name: string): EnvVar => ({ name, valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } });
