// The package's main entry (`fluid-cdk8s`, `fluid-cdk8s/constructs`): one construct per runtime kind for cdk8s
// charts. Its declarations name only cdk8s, constructs and the per-kind imports, so a consumer's type-check reads a
// few hundred kilobytes of them, not the schemas or the engines.
export { AlluxioCache, AlluxioCacheProps } from './alluxio-cache';
export { EFCCache, EFCCacheProps } from './efc-cache';
export { CacheOutput, CacheSettings, FluidCache, FluidCacheProps, ObjectMetadataProps } from './fluid-cache';
export { GenericCache, GenericCacheProps } from './generic-cache';
export { JindoCache, JindoCacheProps } from './jindo-cache';
export { JuiceFSCache, JuiceFSCacheProps } from './juicefs-cache';
export { ThinCache, ThinCacheProps } from './thin-cache';
export { VineyardCache, VineyardCacheProps } from './vineyard-cache';
export type { KubeObject } from '../kube-object';
