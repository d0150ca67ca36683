// A Vineyard object store for a pipeline's pods, as one cdk8s construct.
import type { Construct } from 'constructs';
import { toJson_VineyardRuntimeSpec, type VineyardRuntimeSpec } from '../../imports/vineyardruntimes';
import { FluidCache, FluidCacheProps } from './fluid-cache';

export interface VineyardCacheProps extends FluidCacheProps {
  /** The VineyardRuntime's spec: workers (`replicas`), the MEM tier each worker shares (`tieredstore`), master, fuse ... */
  readonly runtime: VineyardRuntimeSpec;
}

/** A Dataset (usually with no mounts: Vineyard holds what pods put there) and the VineyardRuntime that serves it. */
export class VineyardCache extends FluidCache {
  constructor(scope: Construct, id: string, props: VineyardCacheProps) {
    super(scope, id, props, { kind: 'VineyardRuntime', spec: toJson_VineyardRuntimeSpec(props.runtime) });
  }
}
