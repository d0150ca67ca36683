// One data operation in, the objects that run it out: the renderer `synth` and the operator share, like
// renderRuntime for runtimes.
import { App, Chart } from 'cdk8s';
import type { OperationRef } from '../crds/schema/common/operation';
import { dataProcess } from './operations/data-process';
import type { BuiltOperation, OperationBuilder, OperationInput, OperationKind } from './operations/operation-contract';
import { flowAffinity, followsPrecedingNode } from './operations/flow-affinity';
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
  const runsPods = (o: KubeObject) => (o.kind === built.kind && o.metadata.name === built.name) || o.kind === 'StatefulSet';
  const objects = (chart.toJson() as KubeObject[]).map((o) => (runsPods(o) ? withPrecedingNode(o, input) : o));
  return { objects: objects.sort(byApplyOrder), built };
}

/** Where the pod spec sits in each kind an operation runs as, and in the workers some run beside it. */
const POD_SPEC_PATH: Record<BuiltOperation['kind'] | 'StatefulSet', readonly string[]> = {
  Pod: ['spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
};

/**
 * The operation's pods follow the node of the operation it runs after. Applied here, on the pods the engine built,
 * because Fluid adds it to whatever affinity the engine's values already hold, for every kind and engine alike
 * (the workers of a parallel DataMigrate share the launcher's affinity values, so they follow too).
 */
function withPrecedingNode(obj: KubeObject, input: OperationInput<unknown>): KubeObject {
  const strategy = (input.operation.spec as { runAfter?: OperationRef } | undefined)?.runAfter?.affinityStrategy;
  if (!input.precedingNodeAffinity || !followsPrecedingNode(strategy)) return obj;
  const set = (node: any, path: readonly string[]): any => {
    if (!path.length) {
      const affinity = flowAffinity(strategy, input.precedingNodeAffinity, node.affinity);
      return affinity ? { ...node, affinity } : node;
    }
    return { ...node, [path[0]]: set(node[path[0]] ?? {}, path.slice(1)) };
  };
  return set(obj, POD_SPEC_PATH[obj.kind as keyof typeof POD_SPEC_PATH]);
}
