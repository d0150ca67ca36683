// Names and labels of the vineyard chart's objects (charts/vineyard/templates/**): fullnameOverride is the runtime's
// name, so objects are `<name>-master`, `<name>-worker`, `<name>-fuse` and `<name>-rpc-conf`.
import { ChartIdentity, libraryLabels, releaseLabels } from '../../fluid-labels';
import { CHART_NAME, CHART_VERSION } from './defaults';
import type { VineyardValues } from './values';

export type Role = 'vineyard-master' | 'vineyard-worker' | 'vineyard-fuse' | 'vineyard-rpc-conf';

export function chartIdentity(v: VineyardValues): ChartIdentity {
  return { chartName: CHART_NAME, chartVersion: CHART_VERSION, release: v.ds.name, datasetId: v.datasetId };
}

/** Workload and Service selector: app, chart and release, and the role; heritage stays out of selectors. */
export function selectorOf(v: VineyardValues, role: Role): Record<string, string> {
  const { heritage: _h, ...release } = releaseLabels(chartIdentity(v));
  return { ...release, role };
}

/** Labels of a component's objects and pods: the release block with heritage, the role, the library block. */
export function componentLabels(v: VineyardValues, role: Role): Record<string, string> {
  return { ...releaseLabels(chartIdentity(v)), role, ...libraryLabels(chartIdentity(v)) };
}

export const names = {
  master: (v: VineyardValues) => `${v.ds.name}-master`,
  worker: (v: VineyardValues) => `${v.ds.name}-worker`,
  fuse: (v: VineyardValues) => `${v.ds.name}-fuse`,
  rpcConf: (v: VineyardValues) => `${v.ds.name}-rpc-conf`,
};
