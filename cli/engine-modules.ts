// Engines written outside this repository, loaded from compiled JavaScript modules: `--engine MODULE.js` of
// `synth`, `operator` and `install`, so a runtime author's engine runs the same way in all three.
import { resolve } from 'node:path';
import { builtinEngines } from '../constructs/runtimes/builtin-engines';
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import type { RuntimeEngine } from '../constructs/runtimes/runtime-engine';

/** Every RuntimeEngine a module exports. */
export function loadEngines(module: string): RuntimeEngine[] {
  const exported = require(resolve(module)) as Record<string, unknown>;
  const engines = Object.values(exported).filter(
    (v): v is RuntimeEngine => typeof v === 'object' && v !== null && typeof (v as RuntimeEngine).build === 'function' && typeof (v as RuntimeEngine).kind === 'string',
  );
  if (!engines.length) throw new Error(`${module} exports no runtime engine (an object with kind, runtimeType, check and build)`);
  return engines;
}

/** The built-in engines plus those of the given modules. */
export function registryWith(modules: readonly string[]): EngineRegistry {
  const registry = builtinEngines();
  for (const module of modules) for (const engine of loadEngines(module)) registry.register(engine);
  return registry;
}
