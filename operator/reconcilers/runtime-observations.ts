// The "write only when it differs" rule for status.
import type { ObservedObject } from './cluster-view';
import { hashOf } from './desired-objects';
import { keyOf, Write } from './plan';

/** A status write when `desired` differs from the stored status; nothing otherwise. */
export function statusWrite(obj: ObservedObject, desired: Record<string, unknown>): Write | undefined {
  if (obj.status && hashOf(obj.status) === hashOf(desired)) return undefined;
  return { op: 'status', key: keyOf(obj), status: desired };
}

/** Dataset status fields the operation reconciler owns (merge-patched); the runtime and Dataset plans leave them out. */
const OPERATION_OWNED = new Set(['operationRef']);

function withoutOperationFields(status: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(status).filter(([k]) => !OPERATION_OWNED.has(k)));
}

/**
 * A Dataset status write that neither carries nor compares `operationRef`: a runtime reconcile working from a cache
 * a moment old must not put back the running operations it last saw.
 */
export function datasetStatusWrite(dataset: ObservedObject, desired: Record<string, unknown>): Write | undefined {
  const wanted = withoutOperationFields(desired);
  if (dataset.status && hashOf(withoutOperationFields(dataset.status)) === hashOf(wanted)) return undefined;
  return { op: 'status', key: keyOf(dataset), status: wanted };
}
