// Labels, selectors and pod metadata of the Alluxio chart's objects (charts/alluxio/templates/**), plus the
// runtime's podMetadata merged under each component's (pkg/ddc/alluxio/transform.go transformPodMetadata).
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import { ChartIdentity, libraryLabels, NO_SIDECAR, releaseLabels } from '../../fluid-labels';

export type Role = 'alluxio-master' | 'alluxio-worker' | 'alluxio-fuse';

/** Labels of an object of the chart with a role (workloads, master Services). */
export function roleLabels(id: ChartIdentity, role: Role): Record<string, string> {
  return { ...releaseLabels(id), role, ...libraryLabels(id) };
}

/** Labels of the chart's ConfigMaps, which carry their own name. */
export function configMapLabels(id: ChartIdentity, name: string): Record<string, string> {
  return { name, ...releaseLabels(id), ...libraryLabels(id) };
}

/** Selectors: masters by name, workers by release, fuse by the whole release block (immutable once applied). */
export function masterSelector(id: ChartIdentity): Record<string, string> {
  return { app: id.chartName, role: 'alluxio-master', name: `${id.release}-master` };
}

export function workerSelector(id: ChartIdentity): Record<string, string> {
  return { app: id.chartName, release: id.release, role: 'alluxio-worker' };
}

export function fuseSelector(id: ChartIdentity): Record<string, string> {
  return { ...releaseLabels(id), role: 'alluxio-fuse' };
}

export interface PodMetadataOut {
  /** Pod labels: the sidecar opt-out, the component's own, then podMetadata labels. */
  readonly labels: Record<string, string>;
  /** Pod annotations: the sidecar opt-out, then podMetadata annotations. */
  readonly annotations: Record<string, string>;
}

/** Pod labels and annotations: Fluid's, then the runtime's podMetadata, then the component's. */
export function podMetadata(spec: AlluxioRuntimeSpec, component: 'master' | 'worker' | 'fuse', own: Record<string, string>): PodMetadataOut {
  return {
    labels: { ...NO_SIDECAR, ...own, ...spec.podMetadata?.labels, ...spec[component]?.podMetadata?.labels },
    annotations: { ...NO_SIDECAR, ...spec.podMetadata?.annotations, ...spec[component]?.podMetadata?.annotations },
  };
}
