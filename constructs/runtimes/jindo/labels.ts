// Names and labels of the jindocache chart's objects (charts/jindocache/templates/**). Selectors keep Fluid's keys,
// so Fluid's tools and users' scripts find the pods.
import { ChartIdentity, libraryLabels, releaseLabels } from '../../fluid-labels';
import { CHART_NAME, CHART_VERSION } from './defaults';
import type { JindoValues } from './values';

export type Role = 'jindofs-master' | 'jindofs-worker' | 'jindofs-fuse';

export function chartIdentity(v: JindoValues): ChartIdentity {
  return { chartName: CHART_NAME, chartVersion: CHART_VERSION, release: v.ds.name, datasetId: v.datasetId };
}

/** app, chart, release, heritage, role and the library block: what every object and pod of a component carries. */
export function componentLabels(v: JindoValues, role: Role): Record<string, string> {
  const id = chartIdentity(v);
  return { ...releaseLabels(id), role, ...libraryLabels(id) };
}

export const names = {
  master: (v: JindoValues) => `${v.fullname}-master`,
  worker: (v: JindoValues) => `${v.fullname}-worker`,
  fuse: (v: JindoValues) => `${v.fullname}-fuse`,
  config: (v: JindoValues) => `${v.fullname}-config`,
  clientConfig: (v: JindoValues) => `${v.fullname}-client-config`,
};

/** The master StatefulSet selects by app, role and name (master/statefulset.yaml). */
export function masterSelector(v: JindoValues): Record<string, string> {
  return { app: CHART_NAME, role: 'jindofs-master', name: names.master(v) };
}

/** worker/statefulset.yaml. */
export function workerSelector(v: JindoValues): Record<string, string> {
  return { app: CHART_NAME, release: v.ds.name, role: 'jindofs-worker' };
}

/** fuse/daemonset.yaml selects by the whole release block. */
export function fuseSelector(v: JindoValues): Record<string, string> {
  return { ...releaseLabels(chartIdentity(v)), role: 'jindofs-fuse' };
}
