// Names and labels of the efc chart's objects (charts/efc/templates/**): fullnameOverride is the runtime's name, so
// objects are `<name>-master`, `<name>-worker`, `<name>-fuse` and `<name>-worker-endpoints`. Each template picks its
// own subset of the release labels for its selector, and the master adds a `name` label.
import { ChartIdentity, libraryLabels, NO_SIDECAR, releaseLabels } from '../../fluid-labels';
import { CHART_NAME, CHART_VERSION } from './defaults';
import type { EfcValues } from './values';

export type Role = 'efc-master' | 'efc-worker' | 'efc-fuse' | 'efc-worker-endpoints';

export const names = {
  master: (v: EfcValues) => `${v.ds.name}-master`,
  worker: (v: EfcValues) => `${v.ds.name}-worker`,
  fuse: (v: EfcValues) => `${v.ds.name}-fuse`,
  endpoints: (v: EfcValues) => `${v.ds.name}-worker-endpoints`,
};

function chartIdentity(v: EfcValues): ChartIdentity {
  return { chartName: CHART_NAME, chartVersion: CHART_VERSION, release: v.ds.name, datasetId: v.datasetId };
}

/** app, chart, release, heritage and the role: what every pod of the chart carries. */
export function podLabels(v: EfcValues, role: Role): Record<string, string> {
  return { ...NO_SIDECAR, ...releaseLabels(chartIdentity(v)), role, ...(role === 'efc-master' ? { name: names.master(v) } : {}) };
}

/** Labels of the objects themselves: the release block, the role and the library block (and the master's name). */
export function objectLabels(v: EfcValues, role: Role): Record<string, string> {
  return { ...(role === 'efc-master' ? { name: names.master(v) } : {}), ...releaseLabels(chartIdentity(v)), role, ...libraryLabels(chartIdentity(v)) };
}

/** The library block alone: worker pods carry it, master and fuse pods do not. */
export function podLibraryLabels(v: EfcValues): Record<string, string> {
  return libraryLabels(chartIdentity(v));
}

/** Each workload's selector, as its template writes it. */
export function selectorOf(v: EfcValues, role: 'efc-master' | 'efc-worker' | 'efc-fuse'): Record<string, string> {
  const r = releaseLabels(chartIdentity(v));
  if (role === 'efc-master') return { app: r.app, role, name: names.master(v) };
  if (role === 'efc-worker') return { app: r.app, release: r.release, role };
  return { ...r, role };
}
