// A Dataset cached by Alluxio, as one cdk8s construct.
import type { Construct } from 'constructs';
import { toJson_AlluxioRuntimeSpec, type AlluxioRuntimeSpec } from '../../imports/alluxioruntimes';
import { FluidCache, FluidCacheProps } from './fluid-cache';

export interface AlluxioCacheProps extends FluidCacheProps {
  /** The AlluxioRuntime's spec: workers (`replicas`), `tieredstore`, master, fuse, properties ... */
  readonly runtime: AlluxioRuntimeSpec;
}

/**
 * A Dataset and the AlluxioRuntime that caches it, both named `name`:
 * `new AlluxioCache(chart, 'web', { dataset: { mounts: [...] }, runtime: { replicas: 2, tieredstore: ... } })`.
 */
export class AlluxioCache extends FluidCache {
  constructor(scope: Construct, id: string, props: AlluxioCacheProps) {
    super(scope, id, props, { kind: 'AlluxioRuntime', spec: toJson_AlluxioRuntimeSpec(props.runtime) });
  }
}
