// A Dataset served by JuiceFS, as one cdk8s construct.
import type { Construct } from 'constructs';
import { toJson_JuiceFsRuntimeSpec, type JuiceFsRuntimeSpec } from '../../imports/juicefsruntimes';
import { FluidCache, FluidCacheProps } from './fluid-cache';

export interface JuiceFSCacheProps extends FluidCacheProps {
  /** The JuiceFSRuntime's spec: workers (`replicas`), `tieredstore`, fuse, options ... */
  readonly runtime: JuiceFsRuntimeSpec;
}

/** A Dataset (a `juicefs:///` mount) and the JuiceFSRuntime that serves it, both named `name`. */
export class JuiceFSCache extends FluidCache {
  constructor(scope: Construct, id: string, props: JuiceFSCacheProps) {
    super(scope, id, props, { kind: 'JuiceFSRuntime', spec: toJson_JuiceFsRuntimeSpec(props.runtime) });
  }
}
