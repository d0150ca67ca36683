// Which engine serves which runtime kind. The operator and `synth` share one registry; a runtime author adds an
// engine with one `register` call.
import { KindDefinition, kindDefinition, runtimeKindDefinition } from '../../crds/schema/kinds';
import type { RuntimeEngine } from './runtime-engine';

/**
 * An engine known by its kind and loaded on first use: evaluating an engine's module (its constructs, its schema)
 * costs a short command like `synth` more than rendering does, and a command needs only the engines of its input.
 */
export interface LazyEngine {
  /** The runtime kind the engine serves; `load()` must return an engine of this kind. */
  readonly kind: string;
  /** Requires the engine's module; called once, the first time the kind is looked up. */
  readonly load: () => RuntimeEngine;
}

const isLoaded = (e: RuntimeEngine | LazyEngine): e is RuntimeEngine => typeof (e as RuntimeEngine).build === 'function';

export class EngineRegistry {
  private readonly engines = new Map<string, RuntimeEngine | LazyEngine>();

  constructor(engines: readonly (RuntimeEngine | LazyEngine)[] = []) {
    for (const engine of engines) this.register(engine);
  }

  register(engine: RuntimeEngine | LazyEngine): this {
    if (this.engines.has(engine.kind)) throw new Error(`an engine for ${engine.kind} is already registered (runtime type ${this.get(engine.kind)!.runtimeType})`);
    this.engines.set(engine.kind, engine);
    return this;
  }

  get(kind: string): RuntimeEngine | undefined {
    const entry = this.engines.get(kind);
    if (!entry || isLoaded(entry)) return entry;
    const engine = entry.load();
    if (engine.kind !== kind) throw new Error(`the engine loaded for ${kind} serves ${engine.kind}`);
    this.engines.set(kind, engine);
    return engine;
  }

  /** The kinds served, without loading any engine. */
  kinds(): string[] {
    return [...this.engines.keys()];
  }

  /** Every engine, loading those not loaded yet. */
  all(): RuntimeEngine[] {
    return this.kinds().map((kind) => this.get(kind)!);
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
