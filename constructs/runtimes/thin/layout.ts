// One ThinRuntime's identity: its dataset, paths and the labels each of its objects carries
// (charts/thin/templates/**: app/chart/release/heritage + role + the library block).
import type { DatasetRef } from '../../object-names';
import { datasetId } from '../../object-names';
import { ChartIdentity, libraryLabels, NO_SIDECAR, releaseLabels } from '../../fluid-labels';
import { datasetRefOf, RenderInput } from '../runtime-engine';
import { THIN_CHART } from './defaults';
import { fuseHostDir, targetPath } from './names';

export interface ThinLayout {
  /** The Dataset, whose namespace and name the runtime shares. */
  readonly dataset: DatasetRef;
  /** The runtime's name: the release name and the prefix of every object. */
  readonly name: string;
  /** The runtime's namespace. */
  readonly namespace: string;
  /** Value of fluid.io/dataset-id. */
  readonly datasetId: string;
  /** `<root>/thin/<ns>/<name>/thin-fuse`. */
  readonly targetPath: string;
  /** `<root>/thin/<ns>/<name>`, the host folder of the fuse's Bidirectional mount. */
  readonly hostDir: string;
  readonly chart: ChartIdentity;
}

/** Labels of the objects of one role (thin-fuse, thin-worker). */
export interface RoleLabels {
  /** app, chart, release, heritage and role: the immutable selector. */
  readonly selector: Record<string, string>;
  /** The selector plus the library block, on the workload and ConfigMap. */
  readonly object: Record<string, string>;
  /** The object labels plus sidecar.istio.io/inject: "false", on pods. */
  readonly pod: Record<string, string>;
}

export function thinLayout(input: RenderInput<unknown>): ThinLayout {
  const ds = datasetRefOf(input);
  const id = datasetId(ds);
  return {
    dataset: ds,
    name: input.runtime.metadata.name,
    namespace: input.runtime.metadata.namespace ?? ds.namespace,
    datasetId: id,
    targetPath: targetPath(input.settings.mountRoot, ds),
    hostDir: fuseHostDir(input.settings.mountRoot, ds),
    chart: { chartName: THIN_CHART.name, chartVersion: THIN_CHART.version, release: input.runtime.metadata.name, datasetId: id },
  };
}

export function roleLabels(layout: ThinLayout, role: string): RoleLabels {
  const selector = { ...releaseLabels(layout.chart), role };
  const object = { ...selector, ...libraryLabels(layout.chart) };
  return { selector, object, pod: { ...NO_SIDECAR, ...object } };
}
