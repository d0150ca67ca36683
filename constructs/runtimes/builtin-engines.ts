// The engines this repository ships. A new engine is one folder under constructs/runtimes/ and one line here.
import { EngineRegistry } from './engine-registry';
import type { RuntimeEngine } from './runtime-engine';
import { alluxioEngine } from './alluxio/engine';
import { cacheEngine } from './cache/engine';
import { thinEngine } from './thin/engine';
import { jindoEngine } from './jindo/engine';
import { juicefsEngine } from './juicefs/engine';
import { vineyardEngine } from './vineyard/engine';
import { efcEngine } from './efc/engine';

export const BUILTIN_ENGINES: readonly RuntimeEngine[] = [
  alluxioEngine,
  cacheEngine,
  thinEngine,
  jindoEngine,
  juicefsEngine,
  vineyardEngine,
  efcEngine,
];

export function builtinEngines(): EngineRegistry {
  return new EngineRegistry(BUILTIN_ENGINES);
}
