// The engines this repository ships. A new engine is one folder under constructs/runtimes/ and one line here.
//
// Each line names the runtime kind and requires the engine's module only when a runtime of that kind is first
// looked up, so `synth` of an AlluxioRuntime evaluates the Alluxio engine and none of the others (a require inside
// a function, never an import at the top: an import would load every engine for every command).
import { EngineRegistry, LazyEngine } from './engine-registry';

export const BUILTIN_ENGINES: readonly LazyEngine[] = [
  { kind: 'AlluxioRuntime', load: () => (require('./alluxio/engine') as typeof import('./alluxio/engine')).alluxioEngine },
  { kind: 'CacheRuntime', load: () => (require('./cache/engine') as typeof import('./cache/engine')).cacheEngine },
  { kind: 'ThinRuntime', load: () => (require('./thin/engine') as typeof import('./thin/engine')).thinEngine },
  { kind: 'JindoRuntime', load: () => (require('./jindo/engine') as typeof import('./jindo/engine')).jindoEngine },
  { kind: 'JuiceFSRuntime', load: () => (require('./juicefs/engine') as typeof import('./juicefs/engine')).juicefsEngine },
  { kind: 'VineyardRuntime', load: () => (require('./vineyard/engine') as typeof import('./vineyard/engine')).vineyardEngine },
  { kind: 'EFCRuntime', load: () => (require('./efc/engine') as typeof import('./efc/engine')).efcEngine },
];

export function builtinEngines(): EngineRegistry {
  return new EngineRegistry(BUILTIN_ENGINES);
}
