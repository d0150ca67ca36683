// The labels every object of a runtime carries, as Fluid's charts write them
// (charts/library/templates/_recommended_labels.tpl plus each chart's app/chart/release/heritage block).
// We keep Fluid's keys so selectors, dashboards and scripts keep working; the values that would claim Helm
// rendered the object say fluid-cdk8s instead (README: "Where we differ from Fluid").

export const MANAGED_BY = 'fluid-cdk8s';

export interface ChartIdentity {
  /** Fluid's chart name, e.g. alluxio, jindofs, juicefs, thin; the `app` label of most objects. */
  readonly chartName: string;
  /** Fluid's chart version, so `chart: alluxio-0.9.14` matches what Fluid users see. */
  readonly chartVersion: string;
  /** The release name: the runtime's name. */
  readonly release: string;
  /** Value of fluid.io/dataset-id. */
  readonly datasetId: string;
}

/** app, chart, release and heritage: the block Fluid's charts put on objects and into most selectors. */
export function releaseLabels(id: ChartIdentity): Record<string, string> {
  return { app: id.chartName, chart: `${id.chartName}-${id.chartVersion}`, release: id.release, heritage: MANAGED_BY };
}

/** The library block: recommended labels plus Fluid's own. */
export function libraryLabels(id: ChartIdentity): Record<string, string> {
  return {
    'app.kubernetes.io/name': id.chartName,
    'app.kubernetes.io/instance': id.release,
    'app.kubernetes.io/managed-by': MANAGED_BY,
    'fluid.io/managed-by': 'fluid',
    'fluid.io/dataset-id': id.datasetId,
  };
}

/** Fluid marks every runtime pod so an Istio mesh does not inject a sidecar into it. */
export const NO_SIDECAR = { 'sidecar.istio.io/inject': 'false' } as const;

/** A podMetadata block of a runtime spec. */
export interface PodMetadataFields {
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * One component's pod labels and annotations: the component's podMetadata over the runtime's, after the Istio
 * opt-out (transformPodMetadata in Fluid's vineyard and efc engines).
 */
export function componentPodMetadata(common: PodMetadataFields | undefined, own: PodMetadataFields | undefined): { labels: Record<string, string>; annotations: Record<string, string> } {
  return {
    labels: { ...common?.labels, ...own?.labels },
    annotations: { ...NO_SIDECAR, ...common?.annotations, ...own?.annotations },
  };
}

/** Labels as a selector in kubectl's `k=v,k=v` form, keys sorted (status.selector, `kubectl get -l`). */
export function selectorText(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}
