// A NAS or CPFS file system read through EFC with a distributed cache, as one cdk8s construct.
import type { Construct } from 'constructs';
import { toJson_EfcRuntimeSpec, type EfcRuntimeSpec } from '../../imports/efcruntimes';
import { FluidCache, FluidCacheProps } from './fluid-cache';

export interface EFCCacheProps extends FluidCacheProps {
  /** The EFCRuntime's spec: workers (`replicas`), the worker's cache tier (`tieredstore`), master, worker, fuse ... */
  readonly runtime: EfcRuntimeSpec;
}

/** A Dataset whose first mount is a NAS (`nfs://`) or CPFS (`cpfs://`) mount point, and the EFCRuntime that serves it. */
export class EFCCache extends FluidCache {
  constructor(scope: Construct, id: string, props: EFCCacheProps) {
    super(scope, id, props, { kind: 'EFCRuntime', spec: toJson_EfcRuntimeSpec(props.runtime) });
  }
}
