// Container resources: as the runtime sets them, except that MEM tiers size the worker's memory request and the
// fuse's memory limit (pkg/ddc/alluxio/transform_resources.go).
import type { ResourceRequirements } from '../../../crds/schema/k8s/core.generated';
import { canonicalQuantity, parseQuantity, Quantity } from '../../quantity';
import { withMemoryRequest } from '../memory-tier';
import { FUSE_MEMORY_LIMIT_WHEN_ZERO } from './defaults';

type Quantities = Record<string, string | number>;

/** Requests and limits only; Fluid drops `claims` and leaves out an empty block. */
export function containerResources(resources: ResourceRequirements | undefined): ResourceRequirements | undefined {
  const out: { limits?: Quantities; requests?: Quantities } = {};
  if (resources?.limits && Object.keys(resources.limits).length) out.limits = { ...resources.limits };
  if (resources?.requests && Object.keys(resources.requests).length) out.requests = { ...resources.requests };
  return out.limits || out.requests ? out : undefined;
}

/** The worker requests at least the memory its MEM tiers hold, so the cache fits on the node it lands on. */
export function workerResources(resources: ResourceRequirements | undefined, memTiers: Quantity | undefined): ResourceRequirements | undefined {
  return withMemoryRequest(containerResources(resources), memTiers);
}

/**
 * Only a fuse with a memory limit gets resources at all: without one Fluid passes none of the fuse's resources
 * on. The limit grows by the MEM tiers' quota (transformResourcesForFuse).
 */
export function fuseResources(resources: ResourceRequirements | undefined, memTiers: Quantity | undefined): ResourceRequirements | undefined {
  const written = resources?.limits?.memory;
  const limit = written === undefined ? undefined : parseQuantity(written);
  if (!limit) return undefined;
  const base = limit.nanos === 0n ? parseQuantity(FUSE_MEMORY_LIMIT_WHEN_ZERO)! : limit;
  const total: Quantity = { nanos: base.nanos + (memTiers?.nanos ?? 0n), binary: base.binary };
  const out = containerResources(resources)!;
  return { ...out, limits: { ...out.limits, memory: canonicalQuantity(total) } };
}

/** The memory the worker requests, passed to Alluxio as alluxio.worker.memory.size. */
export function requestedMemory(resources: ResourceRequirements | undefined): string | undefined {
  const value = resources?.requests?.memory;
  return value === undefined ? undefined : String(value);
}
