// What a ThinRuntime adds to its status (pkg/ddc/thin): the Dataset's mounts, without options and secrets, and no
// cache figures, since a thin runtime caches nothing of its own.
import type { ThinRuntimeSpec } from '../../../crds/schema/thin-runtime';
import type { RenderInput } from '../render-input';

const NOT_APPLICABLE = 'N/A';

export function thinStatusExtras(input: RenderInput<ThinRuntimeSpec>): Record<string, unknown> {
  const mounts = (input.dataset.spec.mounts ?? []).map(({ options: _o, encryptOptions: _e, ...rest }) => rest);
  const na = NOT_APPLICABLE;
  return { mounts, cacheStates: { cacheCapacity: na, cached: na, cachedPercentage: na, cacheHitRatio: na, cacheThroughputRatio: na } };
}
