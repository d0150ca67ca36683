// `fluid-cdk8s/engines`: what a runtime author builds an engine from (README "Write a runtime"), the built-in
// engines, and the renderers `synth` and the operator share.
export * from './runtime-engine';
export * from './engine-registry';
export * from './builtin-engines';
export * from './cache-client';
export * from './cache-quota';
export * from './secret-reference';
export * from '../operations/operation-contract';
export * from '../operations/operation-identity';
export * from '../components/cache-master';
export * from '../components/cache-worker';
export * from '../components/dataset-volume';
export * from '../components/fuse-daemon-set';
export * from '../components/headless-service';
export * from '../components/operation-job';
export * from '../components/runtime-config-map';
export * from '../object-names';
export { libraryLabels, releaseLabels, selectorText, NO_SIDECAR, ChartIdentity } from '../fluid-labels';
export * from '../render-runtime';
export { renderDocuments, SynthGroup, SynthOptions, SynthResult, DEFAULT_SETTINGS } from '../render-documents';
export { synthesize } from '../../operator/reconcilers/synthesize';
