// A Dataset cached by JindoCache (Jindo), as one cdk8s construct.
import type { Construct } from 'constructs';
import { toJson_JindoRuntimeSpec, type JindoRuntimeSpec } from '../../imports/jindoruntimes';
import { FluidCache, FluidCacheProps } from './fluid-cache';

export interface JindoCacheProps extends FluidCacheProps {
  /** The JindoRuntime's spec: workers (`replicas`), `tieredstore`, master, fuse, properties ... */
  readonly runtime: JindoRuntimeSpec;
}

/** A Dataset and the JindoRuntime that caches it, both named `name`. */
export class JindoCache extends FluidCache {
  constructor(scope: Construct, id: string, props: JindoCacheProps) {
    super(scope, id, props, { kind: 'JindoRuntime', spec: toJson_JindoRuntimeSpec(props.runtime) });
  }
}
