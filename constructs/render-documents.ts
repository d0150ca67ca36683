// Documents in, what each engine renders for them out, grouped per runtime and data operation, in a stable order:
// the engines' own output, before the operator adds its owner references and annotations. The engine tests read
// this; `synth` (operator/reconcilers/synthesize.ts) validates with it and then prints what the operator's plan
// applies. Nothing is observed here, so the output is the full desired state (every phase of setup at once).
import { SpecError } from '../crds/spec-error';
import { objectRefOf } from '../crds/validate';
import { checkOperation, renderOperation } from './render-operation';
import { KubeObject, renderRuntime } from './render-runtime';
import { collectInputs, ResolvedRuntime, resolveRuntimes } from './runtime-inputs';
import { OperationProblem, operationProblems, operationTarget } from './operations/operation-rules';
import { EngineRegistry } from './runtimes/engine-registry';
import type { EngineSettings, FluidObject } from './runtimes/runtime-engine';
import { DEFAULT_MOUNT_ROOT } from './object-names';

export interface SynthOptions {
  /** Namespace of namespaced objects that name none. @default 'default' */
  readonly defaultNamespace?: string;
  /** Controller settings (MOUNT_ROOT, image variables). @default Fluid's chart defaults */
  readonly settings?: EngineSettings;
}

export interface SynthGroup {
  /** `Kind namespace/name` of the runtime or data operation the objects belong to. */
  readonly source: string;
  readonly objects: readonly KubeObject[];
}

export type SynthResult = { readonly ok: true; readonly groups: readonly SynthGroup[] } | { readonly ok: false; readonly errors: readonly SpecError[] };

export const DEFAULT_SETTINGS: EngineSettings = { mountRoot: DEFAULT_MOUNT_ROOT, env: {} };

export function renderDocuments(docs: readonly unknown[], registry: EngineRegistry, options: SynthOptions = {}): SynthResult {
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
  for (const op of collected.inputs.operations) {
    const result = synthOperation(op as FluidObject<Record<string, any>>, resolved, collected.inputs.datasets);
    if (result instanceof SpecError) renderErrors.push(result);
    else groups.push(result);
  }
  if (renderErrors.length) return { ok: false, errors: renderErrors };
  return { ok: true, groups: groups.sort((a, b) => a.source.localeCompare(b.source)) };
}

/** A data operation rendered against the runtime that serves its Dataset in the same files. */
function synthOperation(op: FluidObject<Record<string, any>>, resolved: readonly ResolvedRuntime[], datasets: readonly { metadata: { name: string; namespace?: string } }[]): SynthGroup | SpecError {
  const ref = objectRefOf(op);
  const toError = (problems: readonly OperationProblem[]) => new SpecError(ref, problems.map((p) => ({ path: p.path, message: p.message })));
  const target = operationTarget(op);
  if (!target) return toError(operationProblems(op));
  const runtime = resolved.find((r) => r.input.dataset.metadata.name === target.name && r.input.dataset.metadata.namespace === target.namespace);
  if (!runtime) {
    const known = datasets.some((d) => d.metadata.name === target.name && (d.metadata.namespace ?? 'default') === target.namespace);
    const what = known ? `no runtime serves Dataset ${target.namespace}/${target.name} in these files` : `no Dataset ${target.namespace}/${target.name} in these files`;
    return SpecError.of(ref, target.path, `${what}; give the Dataset and its runtime with the ${op.kind}`);
  }
  const input = { operation: op, runtime: runtime.input };
  const problems = checkOperation(runtime.engine, input);
  if (problems.length) return toError(problems);
  try {
    return { source: `${op.kind} ${ref.namespace}/${ref.name}`, objects: renderOperation(runtime.engine, input).objects };
  } catch (e) {
    return SpecError.of(ref, '', `the ${runtime.engine.kind} engine failed to render this ${op.kind}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
