// The containers' resources. A worker needs its MEM tier plus vineyardd's 500Mi overhead, as Fluid's controller
// computes it (transform_resources.go transformResourcesForWorker, which also writes the request back into the
// runtime's spec; we only render it).
import type { ResourceRequirements } from '../../../crds/schema/k8s/core.generated';
import { canonicalQuantity, compareQuantities, parseQuantity, Quantity } from '../../quantity';
import { VINEYARDD_OVERHEAD_MI } from './defaults';

type ResourceMap = Record<string, string | number>;
const OVERHEAD: Quantity = parseQuantity(`${VINEYARDD_OVERHEAD_MI}Mi`)!;
const ZERO: Quantity = { nanos: 0n, binary: false };

function quantityOf(value: string | number | undefined): Quantity {
  return (value === undefined ? undefined : parseQuantity(value)) ?? ZERO;
}

/**
 * Go's first step: the memory request and limit the worker gets, when the user's request is missing, below the tier
 * or less than the overhead above it; undefined when the user's resources stand. Where Fluid would write a zero
 * request (its limit check fires without the request check), the user's own request is kept instead.
 */
function goWorkerMemory(own: ResourceRequirements | undefined, tier: Quantity): { request: string; limit: string } | undefined {
  const request = quantityOf(own?.requests?.memory);
  const limit = quantityOf(own?.limits?.memory);
  const belowRequest = { nanos: request.nanos - OVERHEAD.nanos, binary: request.binary };
  const raise =
    request.nanos === 0n || compareQuantities(tier, request) > 0 || (compareQuantities(tier, request) < 0 && compareQuantities(tier, belowRequest) > 0);
  const limitCheck =
    limit.nanos === 0n || compareQuantities(tier, limit) > 0 || (compareQuantities(tier, limit) < 0 && compareQuantities(tier, belowRequest) > 0);
  if (!raise && !limitCheck) return undefined;
  // Quantity.Add keeps the format of the first quantity added: the tier's.
  const wanted = raise ? canonicalQuantity({ nanos: tier.nanos + OVERHEAD.nanos, binary: tier.binary }) : String(own?.requests?.memory ?? '0');
  const wantedQ = quantityOf(wanted);
  const keepLimit = limit.nanos !== 0n && compareQuantities(wantedQ, limit) < 0;
  return { request: wanted, limit: keepLimit ? canonicalQuantity(limit) : wanted };
}

/**
 * The worker container's resources for a worker with `size` shared memory: Fluid's controller step. Fluid's chart
 * then compares these quantities as text and can drop the memory line altogether (a 30Gi request over a 20Gi tier
 * renders none); we keep the controller's figures instead (README: where we differ from Fluid).
 */
export function workerResources(own: ResourceRequirements | undefined, size: string): ResourceRequirements {
  const go = goWorkerMemory(own, parseQuantity(size) ?? ZERO);
  if (!go) return own ?? {};
  return { ...own, limits: { ...own?.limits, memory: go.limit }, requests: { ...own?.requests, memory: go.request } };
}

/**
 * The master's resources (cpu and memory only, as vineyard.master.resources copies them), which the chart also gives
 * the client container (fuse/daemonset.yaml includes the master's block). Undefined when none are set.
 */
export function masterResources(own: ResourceRequirements | undefined): ResourceRequirements | undefined {
  const pick = (m: Record<string, unknown> | undefined): ResourceMap | undefined => {
    const out: ResourceMap = {};
    for (const key of ['cpu', 'memory']) if (m?.[key] !== undefined && m[key] !== '') out[key] = m[key] as string | number;
    return Object.keys(out).length ? out : undefined;
  };
  const limits = pick(own?.limits);
  const requests = pick(own?.requests);
  if (!limits && !requests) return undefined;
  return { ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) };
}
