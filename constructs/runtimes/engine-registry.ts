// Which engine serves which runtime kind. The operator and `synth` share one registry; a runtime author adds an
// engine with one `register` call.
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
}
