// A memory cache tier lives in a container's memory, so Fluid raises that container's memory request to the tier's
// size and refuses a memory limit below it (pkg/ddc/jindocache/transform_resources.go,
// pkg/ddc/juicefs/transform_resources.go). Fluid also writes the raised request back into the runtime's spec; we
// only render it.
import type { ResourceRequirements } from '../../crds/schema/k8s/core.generated';
import { canonicalQuantity, compareQuantities, parseQuantity, Quantity } from '../quantity';

function parsed(value: string | number | undefined): Quantity | undefined {
  return value === undefined ? undefined : parseQuantity(value);
}

/** The resources with requests.memory raised to `tier` when it is unset, zero or smaller. */
export function withMemoryRequest(own: ResourceRequirements | undefined, tier: Quantity | undefined): ResourceRequirements | undefined {
  if (!tier) return own;
  const requested = parsed(own?.requests?.memory);
  if (requested && requested.nanos > 0n && compareQuantities(tier, requested) <= 0) return own;
  return { ...own, requests: { ...own?.requests, memory: canonicalQuantity(tier) } };
}

/** The memory limit when it is set and smaller than the tier; undefined when the tier fits. */
export function limitBelowTier(own: ResourceRequirements | undefined, tier: Quantity | undefined): string | number | undefined {
  const limit = own?.limits?.memory;
  const q = parsed(limit);
  if (!tier || !q || q.nanos === 0n || compareQuantities(tier, q) <= 0) return undefined;
  return limit;
}
