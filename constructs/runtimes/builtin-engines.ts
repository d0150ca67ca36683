// The engines this repository ships. A new engine is one folder under constructs/runtimes/ and one line here.
import { EngineRegistry } from './engine-registry';
import type { RuntimeEngine } from './runtime-engine';

export const BUILTIN_ENGINES: readonly RuntimeEngine[] = [];

export function builtinEngines(): EngineRegistry {
  return new EngineRegistry(BUILTIN_ENGINES);
}
