// What an engine provides to run data operations, and what they are built from. Fluid asks an engine for a value
// file per operation (GetDataOperationValueFile) and renders a chart from it; here an engine gives a builder that
// adds the operation's constructs, next to the runtime's own.
import type { Construct } from 'constructs';
import type { OperationKind } from '../../crds/schema/common/operation';
import type { NodeAffinity } from '../../crds/schema/k8s/core.generated';
import type { FluidObject, RenderInput } from '../runtimes/render-input';

export type { OperationKind };

/** A data operation with the runtime that serves its Dataset. */
export interface OperationInput<Spec> {
  /** The DataLoad, DataMigrate, DataBackup or DataProcess, validated, defaults applied. */
  readonly operation: FluidObject<Spec>;
  /** The runtime serving the target Dataset, as its engine renders it (dataset, settings, profile or class). */
  readonly runtime: RenderInput<any>;
  /**
   * status.nodeAffinity of the operation this one follows (affinityStrategy.dependOn, else runAfter), when its
   * affinity policy is Require or Prefer and that operation recorded one. @default - none: no data-flow affinity
   */
  readonly precedingNodeAffinity?: NodeAffinity;
  /**
   * No run of the operation is going on: a Once run has ended (Complete or Failed), a Cron operation is between
   * runs. What an engine runs beside the Job, such as the workers of a parallel DataMigrate, is then rendered scaled
   * to zero, as Fluid scales them (pkg/ddc/base/operation.go, datamigrate/status_handler.go).
   * @default false: rendered running
   */
  readonly runEnded?: boolean;
}

/** The object whose status tells how the operation went. */
export interface BuiltOperation {
  readonly kind: 'Job' | 'CronJob' | 'Pod';
  readonly name: string;
}

/** A problem with the operation's spec, found by the engine (an option it does not know ...). */
export interface OperationFieldError {
  /** Path in the operation, e.g. spec.options.threadNum. */
  readonly path: string;
  readonly message: string;
}

export interface OperationBuilder<Spec = any> {
  /** Rules the engine enforces on the operation's spec. @default - none */
  check?(input: OperationInput<Spec>): readonly OperationFieldError[];
  /** Adds the operation's objects (Job or CronJob, scripts ...) to `scope`. */
  build(scope: Construct, input: OperationInput<Spec>): BuiltOperation;
}

/** The operations an engine runs besides DataProcess, which every engine runs the same way. */
export type EngineOperations = Partial<Record<Exclude<OperationKind, 'DataProcess'>, OperationBuilder>>;
