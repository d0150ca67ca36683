// Dataset status.operationRef: operation kind → comma-separated names of the operations running on it, as Fluid
// records them (pkg/ddc/base/operation_lock.go). Written by merge patch so the runtime's view of the rest of the
// Dataset status is left alone; a DataMigrate moves the phase in the same patch (dataset-status.ts boundPhase).
import type { ObservedObject } from './cluster-view';
import { boundPhase, isBoundPhase } from './dataset-status';
import { keyOf, Write } from './plan';

export function runningOperations(dataset: ObservedObject, kind: string): string[] {
  const value = dataset.status?.operationRef?.[kind];
  return typeof value === 'string' ? value.split(',').filter(Boolean) : [];
}

/** The write that lists (or unlists) `name` under `kind`; nothing when the Dataset already says so. */
export function operationRefWrite(dataset: ObservedObject, kind: string, name: string, running: boolean): Write | undefined {
  const names = runningOperations(dataset, kind);
  if (names.includes(name) === running) return undefined;
  const next = running ? [...names, name] : names.filter((n) => n !== name);
  const operationRef = { ...dataset.status?.operationRef, [kind]: next.length ? next.join(',') : null };
  // Only a bound Dataset changes phase: one that is Failed or NotBound keeps saying so.
  const phase = isBoundPhase(dataset.status?.phase) ? { phase: boundPhase({ operationRef }) } : {};
  return {
    op: 'status-merge',
    key: keyOf(dataset),
    resourceVersion: dataset.metadata.resourceVersion ?? '',
    status: { operationRef: { [kind]: operationRef[kind] }, ...(phase.phase !== dataset.status?.phase ? phase : {}) },
  };
}
