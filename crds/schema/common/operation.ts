// Types shared by the data operations: DataLoad, DataMigrate, DataBackup and DataProcess.
import { z } from 'zod';
import { dateTime, int32, opt, req, stringMap } from '../fields';
import { NodeAffinity } from '../k8s/core.generated';

export const OperationKind = z.enum(['DataLoad', 'DataBackup', 'DataMigrate', 'DataProcess']);
export type OperationKind = z.infer<typeof OperationKind>;

/** Once, Cron (with `schedule`) or OnEvent. */
export const Policy = z.enum(['Once', 'Cron', 'OnEvent']);
export type Policy = z.infer<typeof Policy>;

export const ObjectRef = z.strictObject({
  apiVersion: opt('API version of the operation referred to.', z.string()),
  kind: req('Kind of the operation referred to.', OperationKind),
  name: req('Name of the operation referred to.', z.string()),
  namespace: opt('Namespace of the operation referred to; defaults to this one.', z.string()),
});

export const AffinityStrategy = z.strictObject({
  dependOn: opt('The preceding operation whose pods this one follows; defaults to runAfter.', ObjectRef),
  policy: opt('"", Require or Prefer.', z.string()),
  prefers: opt(
    'Node labels to prefer, with weights.',
    z.array(z.strictObject({ name: req('Node label key.', z.string()), weight: req('Preference weight.', int32()) })),
  ),
  requires: opt('Node labels to require.', z.array(z.strictObject({ name: req('Node label key.', z.string()) }))),
});

/** The operation that must complete before this one starts. */
export const OperationRef = ObjectRef.extend({
  affinityStrategy: opt('Pod affinity with the preceding operation.', AffinityStrategy),
});
export type OperationRef = z.infer<typeof OperationRef>;

/** A transition of an operation: type Complete or Failed, copied from its Job. */
export const OperationCondition = z.strictObject({
  type: req('Complete or Failed.', z.string()),
  status: req('True, False or Unknown.', z.string()),
  reason: opt('Machine-readable reason of the transition.', z.string()),
  message: opt('Human-readable details of the transition.', z.string()),
  lastProbeTime: opt('When the condition was last updated.', dateTime()),
  lastTransitionTime: opt('When the status last changed.', dateTime()),
});

/** Status of every data operation (api/v1alpha1/status.go OperationStatus). */
export const OperationStatus = z.strictObject({
  phase: req('"", Pending, Executing, Complete or Failed.', z.string()),
  duration: req('Time spent; "Unfinished" while running.', z.string()),
  conditions: req('Transitions of the operation.', z.array(OperationCondition)),
  infos: opt('Operation-specific name/value results.', stringMap()),
  lastScheduleTime: opt('Last time a Cron operation was scheduled.', dateTime()),
  lastSuccessfulTime: opt('Last time a Cron operation completed.', dateTime()),
  waitingFor: opt(
    'What the operation waits for.',
    z.strictObject({ operationComplete: opt('Waiting for the runAfter operation to complete.', z.boolean()) }),
  ),
  nodeAffinity: opt('Where the operation pods ran, for operations that follow this one.', NodeAffinity),
});
export type OperationStatus = z.infer<typeof OperationStatus>;
