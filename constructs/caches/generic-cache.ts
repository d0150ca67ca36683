// A Dataset served by a CacheRuntime: a cache system described entirely by a CacheRuntimeClass, as one construct.
import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { toJson_CacheRuntimeSpec, type CacheRuntimeSpec } from '../../imports/cacheruntimes';
import { FluidCache, FluidCacheProps } from './fluid-cache';
import { referencedName } from './referenced-name';

export interface GenericCacheProps extends FluidCacheProps {
  /** The CacheRuntime's spec; `runtimeClassName` names the class (it must match `runtimeClass` when that is given). */
  readonly runtime: CacheRuntimeSpec;
  /**
   * The CacheRuntimeClass the runtime uses (a `CacheRuntimeClass` from `fluid-cdk8s/imports/cacheruntimeclasses` in
   * any chart), needed to render the objects; the construct does not emit it. @default - the class exists
   * elsewhere; only `CacheOutput.CUSTOM_RESOURCES` is possible
   */
  readonly runtimeClass?: ApiObject;
}

/** A Dataset and the CacheRuntime that serves it, both named `name`. */
export class GenericCache extends FluidCache {
  constructor(scope: Construct, id: string, props: GenericCacheProps) {
    const runtimeClassName = referencedName(scope, id, props.runtime.runtimeClassName, props.runtimeClass, 'spec.runtimeClassName');
    super(scope, id, props, {
      kind: 'CacheRuntime',
      spec: toJson_CacheRuntimeSpec({ ...props.runtime, runtimeClassName: runtimeClassName ?? props.runtime.runtimeClassName }),
      referenced: props.runtimeClass,
      referenceField: 'CacheRuntimeClass (spec.runtimeClassName)',
    });
  }
}
