// A Dataset served by a ThinRuntime (any fuse described by a ThinRuntimeProfile), as one cdk8s construct.
import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { toJson_ThinRuntimeSpec, type ThinRuntimeSpec } from '../../imports/thinruntimes';
import { FluidCache, FluidCacheProps } from './fluid-cache';
import { referencedName } from './referenced-name';

export interface ThinCacheProps extends FluidCacheProps {
  /** The ThinRuntime's spec; `profileName` may be left out when `profile` is given. */
  readonly runtime: ThinRuntimeSpec;
  /**
   * The cluster-wide ThinRuntimeProfile the runtime uses (a `ThinRuntimeProfile` from `fluid-cdk8s/imports/thinruntimeprofiles`
   * in any chart), needed to render the objects; the construct does not emit it. @default - the profile named by
   * `runtime.profileName` exists elsewhere; only `CacheOutput.CUSTOM_RESOURCES` is possible
   */
  readonly profile?: ApiObject;
}

/** A Dataset and the ThinRuntime that serves it, both named `name`. */
export class ThinCache extends FluidCache {
  constructor(scope: Construct, id: string, props: ThinCacheProps) {
    const profileName = referencedName(scope, id, props.runtime.profileName, props.profile, 'spec.profileName');
    super(scope, id, props, {
      kind: 'ThinRuntime',
      spec: toJson_ThinRuntimeSpec({ ...props.runtime, profileName }),
      referenced: props.profile,
      referenceField: 'ThinRuntimeProfile (spec.profileName)',
    });
  }
}
