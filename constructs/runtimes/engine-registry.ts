// Which engine serves which runtime kind. The operator and `synth` share one registry; a runtime author adds an
// engine with one `register` call.
import { KindDefinition, kindDefinition, runtimeKindDefinition } from '../../crds/schema/kinds';
import type { RuntimeEngine } from './runtime-engine';

export class EngineRegistry {
  private readonly engines = new Map<string, RuntimeEngine>();

  constructor(engines: readonly RuntimeEngine[] = []) {
    for (const engine of engines) this.register(engine);
  }

  register(engine: RuntimeEngine): this {
    const existing = this.engines.get(engine.kind);
    if (existing) throw new Error(`an engine for ${engine.kind} is already registered (runtime type ${existing.runtimeType})`);
    this.engines.set(engine.kind, engine);
    return this;
  }

  get(kind: string): RuntimeEngine | undefined {
    return this.engines.get(kind);
  }

  kinds(): string[] {
    return [...this.engines.keys()];
  }

  all(): RuntimeEngine[] {
    return [...this.engines.values()];
  }

  /** The CRD of each engine's runtime kind: its own, Fluid's, or the default for a kind outside Fluid's API. */
  definitions(): KindDefinition[] {
    return this.all().map(definitionOf);
  }

  /** The cluster-scoped kinds runtimes name (ThinRuntimeProfile, CacheRuntimeClass), each once. */
  referencedKinds(): string[] {
    return [...new Set(this.all().flatMap((e) => (e.references ? [e.references.kind] : [])))];
  }
}

export function definitionOf(engine: RuntimeEngine): KindDefinition {
  const def = engine.definition ?? kindDefinition(engine.kind);
  if (def) return def;
  if (!engine.specSchema) throw new Error(`engine ${engine.kind} gives neither a definition nor a specSchema, and ${engine.kind} is not one of Fluid's kinds`);
  return runtimeKindDefinition(engine.kind, engine.specSchema, { shortNames: [], printerColumns: [] });
}
