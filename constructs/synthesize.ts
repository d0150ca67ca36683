// `synth` as a function: documents in, the objects the operator would apply out, grouped per runtime and in a
// stable order (same input, byte-identical output). The operator calls renderRuntime with what it observed; here
// nothing is observed, so the output is the full desired state (every phase of setup at once).
import { SpecError } from '../crds/spec-error';
import { KubeObject, renderRuntime } from './render-runtime';
import { collectInputs, resolveRuntimes } from './runtime-inputs';
import { EngineRegistry } from './runtimes/engine-registry';
import type { EngineSettings } from './runtimes/runtime-engine';
import { DEFAULT_MOUNT_ROOT } from './object-names';

export interface SynthOptions {
  /** Namespace of namespaced objects that name none. @default 'default' */
  readonly defaultNamespace?: string;
  /** Controller settings (MOUNT_ROOT, image variables). @default Fluid's chart defaults */
  readonly settings?: EngineSettings;
}

export interface SynthGroup {
  /** `Kind namespace/name` of the runtime the objects belong to. */
  readonly source: string;
  readonly objects: readonly KubeObject[];
}

export type SynthResult = { readonly ok: true; readonly groups: readonly SynthGroup[] } | { readonly ok: false; readonly errors: readonly SpecError[] };

export const DEFAULT_SETTINGS: EngineSettings = { mountRoot: DEFAULT_MOUNT_ROOT, env: {} };

export function synthesize(docs: readonly unknown[], registry: EngineRegistry, options: SynthOptions = {}): SynthResult {
  const collected = collectInputs(docs, registry, options.defaultNamespace ?? 'default');
  const { resolved, errors } = resolveRuntimes(collected.inputs, registry, options.settings ?? DEFAULT_SETTINGS);
  const allErrors = [...collected.errors, ...errors];
  if (allErrors.length) return { ok: false, errors: allErrors };
  const groups: SynthGroup[] = [];
  const renderErrors: SpecError[] = [];
  for (const { engine, input } of resolved) {
    const ref = { kind: input.runtime.kind, name: input.runtime.metadata.name, namespace: input.runtime.metadata.namespace };
    try {
      groups.push({ source: `${ref.kind} ${ref.namespace}/${ref.name}`, objects: renderRuntime(engine, input).objects });
    } catch (e) {
      renderErrors.push(SpecError.of(ref, '', `the ${engine.kind} engine failed to render this runtime: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
  if (renderErrors.length) return { ok: false, errors: renderErrors };
  return { ok: true, groups: groups.sort((a, b) => a.source.localeCompare(b.source)) };
}
