// Names and labels of the juicefs chart's objects (charts/juicefs/templates/**): fullnameOverride is the runtime's
// name, so objects are `<name>-worker`, `<name>-fuse` and so on.
import { ChartIdentity, libraryLabels, releaseLabels } from '../../fluid-labels';
import { CHART_NAME, CHART_VERSION } from './defaults';
import type { JuiceValues } from './values';

export type Role = 'juicefs-worker' | 'juicefs-fuse';

export function chartIdentity(v: JuiceValues): ChartIdentity {
  return { chartName: CHART_NAME, chartVersion: CHART_VERSION, release: v.ds.name, datasetId: v.datasetId };
}

/** Workload and pod selector: the release block and the role (worker/statefulset.yaml, fuse/daemonset.yaml). */
export function selectorOf(v: JuiceValues, role: Role): Record<string, string> {
  return { ...releaseLabels(chartIdentity(v)), role };
}

/** Labels of a component's objects: its selector plus the library block. */
export function componentLabels(v: JuiceValues, role: Role): Record<string, string> {
  return { ...selectorOf(v, role), ...libraryLabels(chartIdentity(v)) };
}

export const names = {
  worker: (v: JuiceValues) => `${v.ds.name}-worker`,
  workerScript: (v: JuiceValues) => `${v.ds.name}-worker-script`,
  fuse: (v: JuiceValues) => `${v.ds.name}-fuse`,
  fuseScript: (v: JuiceValues) => `${v.ds.name}-fuse-script`,
  loader: (v: JuiceValues) => `${v.ds.name}-loader`,
};
