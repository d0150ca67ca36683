// One data operation in, the objects that run it out: the renderer `synth` and the operator share, like
// renderRuntime for runtimes.
import { App, Chart } from 'cdk8s';
import { dataProcess } from './operations/data-process';
import type { BuiltOperation, OperationBuilder, OperationInput, OperationKind } from './operations/operation-contract';
import { OperationProblem, operationProblems } from './operations/operation-rules';
import { byApplyOrder, KubeObject } from './render-runtime';
import type { RuntimeEngine } from './runtimes/runtime-engine';

export interface RenderedOperation {
  readonly objects: readonly KubeObject[];
  readonly built: BuiltOperation;
}

/** How the engine runs an operation of this kind; DataProcess runs the same way on every engine. */
export function operationBuilder(engine: RuntimeEngine, kind: OperationKind): OperationBuilder | undefined {
  return kind === 'DataProcess' ? dataProcess : engine.operations?.[kind];
}

/** Everything that stops the operation from running: Fluid's rules, the engine's support, the engine's own checks. */
export function checkOperation(engine: RuntimeEngine, input: OperationInput<unknown>): OperationProblem[] {
  const op = input.operation as OperationInput<Record<string, unknown>>['operation'];
  const rules = operationProblems(op);
  if (rules.length) return rules;
  const builder = operationBuilder(engine, op.kind as OperationKind);
  if (!builder) {
    const supported = ['DataProcess', ...Object.keys(engine.operations ?? {})].sort().join(', ');
    return [{ reason: 'DataOperationNotSupport', path: 'kind', message: `${engine.kind} does not run ${op.kind}; it runs ${supported}` }];
  }
  return (builder.check?.(input) ?? []).map((e) => ({ reason: 'DataOperationNotValid', ...e }));
}

/** Renders a checked operation (call checkOperation first). */
export function renderOperation(engine: RuntimeEngine, input: OperationInput<unknown>): RenderedOperation {
  const builder = operationBuilder(engine, input.operation.kind as OperationKind);
  if (!builder) throw new Error(`${engine.kind} does not run ${input.operation.kind}`);
  const namespace = input.operation.metadata.namespace ?? 'default';
  const chart = new Chart(new App(), `${namespace}-${input.operation.metadata.name}`, { namespace, disableResourceNameHashes: true });
  const built = builder.build(chart, input);
  return { objects: (chart.toJson() as KubeObject[]).slice().sort(byApplyOrder), built };
}
