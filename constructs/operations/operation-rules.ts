// What Fluid checks on a data operation before running it (pkg/controllers/v1alpha1/*/implement.go Validate), each
// with Fluid's condition reason, plus the target Dataset each kind names. Pure: the operator turns a problem into a
// Failed phase, a condition and an Event; `synth` into an exit code.
import { OperationKind } from '../../crds/schema/common/operation';
import type { FluidObject } from '../runtimes/runtime-engine';
import { AFFINITY_POLICIES } from './flow-affinity';

export const OPERATION_KINDS: readonly OperationKind[] = OperationKind.options;

export function isOperationKind(kind: string | undefined): kind is OperationKind {
  return OPERATION_KINDS.includes(kind as OperationKind);
}

/** pvc://<claim>/<path> or local://<path> (pkg/utils/databackup.go ParseBackupRestorePath); the path ends with '/'. */
export function parseBackupPath(backupPath: string): { pvc?: string; path: string } | undefined {
  const folder = (p: string) => `/${p.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  if (backupPath.startsWith('pvc://')) {
    const [pvc, ...rest] = backupPath.slice('pvc://'.length).split('/');
    return pvc ? { pvc, path: folder(rest.join('/')) } : undefined;
  }
  if (backupPath.startsWith('local://')) return { path: folder(backupPath.slice('local://'.length)) };
  return undefined;
}

/** A problem that stops the operation: Fluid's condition reason, the field, and what is wrong with it. */
export interface OperationProblem {
  readonly reason: string;
  readonly path: string;
  readonly message: string;
}

/** The Dataset an operation works on, and the field that names it (for messages). */
export interface OperationTarget {
  readonly name: string;
  readonly namespace: string;
  readonly path: string;
}

type AnySpec = Record<string, any>;

/**
 * The target Dataset: spec.dataset for DataLoad and DataProcess, the name in spec.dataset for DataBackup, and the
 * Dataset end of a DataMigrate (`to` first, as Fluid's GetTargetDatasetOfMigrate). Undefined when none is named.
 */
export function operationTarget(op: FluidObject<AnySpec>): OperationTarget | undefined {
  const ns = op.metadata.namespace ?? 'default';
  const spec = op.spec ?? {};
  switch (op.kind) {
    case 'DataBackup':
      return spec.dataset ? { name: spec.dataset, namespace: ns, path: 'spec.dataset' } : undefined;
    case 'DataMigrate': {
      const end = spec.to?.dataset ? 'to' : spec.from?.dataset ? 'from' : undefined;
      if (!end) return undefined;
      const ds = spec[end].dataset;
      return { name: ds.name, namespace: ds.namespace ?? ns, path: `spec.${end}.dataset` };
    }
    default:
      return spec.dataset?.name ? { name: spec.dataset.name, namespace: spec.dataset.namespace ?? ns, path: 'spec.dataset' } : undefined;
  }
}

function dataProcessProblems(spec: AnySpec): OperationProblem[] {
  const processor = spec.processor ?? {};
  if (!processor.job && !processor.script) return [{ reason: 'ProcessorNotSpecified', path: 'spec.processor', message: 'set one of job or script' }];
  if (processor.job && processor.script) return [{ reason: 'MultipleProcessorSpecified', path: 'spec.processor', message: 'set only one of job and script' }];
  const mountPath = spec.dataset?.mountPath;
  const mounts: { path: string; mountPath: string }[] = processor.script
    ? (processor.script.volumeMounts ?? []).map((m: { mountPath: string }, i: number) => ({ path: `spec.processor.script.volumeMounts[${i}].mountPath`, mountPath: m.mountPath }))
    : (['containers', 'initContainers'] as const).flatMap((list) =>
        (processor.job?.podSpec?.[list] ?? []).flatMap((c: { volumeMounts?: { mountPath: string }[] }, i: number) =>
          (c.volumeMounts ?? []).map((m, j) => ({ path: `spec.processor.job.podSpec.${list}[${i}].volumeMounts[${j}].mountPath`, mountPath: m.mountPath })),
        ),
      );
  return mounts
    .filter((m) => m.mountPath === mountPath)
    .map((m) => ({ reason: 'ConflictMountPath', path: m.path, message: `"${mountPath}" is where spec.dataset.mountPath mounts the Dataset` }));
}

/** Fluid's checks, in Fluid's order; empty when the operation may run. */
export function operationProblems(op: FluidObject<AnySpec>): OperationProblem[] {
  const spec = op.spec ?? {};
  const ns = op.metadata.namespace ?? 'default';
  const target = operationTarget(op);
  if (!target) return [{ reason: 'TargetDatasetNotFound', path: op.kind === 'DataMigrate' ? 'spec.to' : 'spec.dataset', message: `name the Dataset the ${op.kind} works on` }];
  const problems: OperationProblem[] = [];
  if (target.namespace !== ns) {
    problems.push({ reason: 'TargetDatasetNamespaceNotSame', path: `${target.path}.namespace`, message: `the Dataset must be in the ${op.kind}'s namespace "${ns}", not "${target.namespace}"` });
  }
  if (op.kind === 'DataProcess') problems.push(...dataProcessProblems(spec));
  if (op.kind === 'DataMigrate' && (spec.parallelism ?? 1) > 1 && !spec.parallelOptions?.sshSecretName) {
    problems.push({ reason: 'TargetSSHSecretNameNotSet', path: 'spec.parallelOptions.sshSecretName', message: 'a parallel migration (parallelism > 1) needs the Secret with the SSH keys of its workers' });
  }
  if (op.kind === 'DataBackup' && !parseBackupPath(spec.backupPath ?? '')) {
    problems.push({ reason: 'PathNotSupported', path: 'spec.backupPath', message: `expected pvc://<claim>/<path> or local://<path>, got "${spec.backupPath ?? ''}"` });
  }
  const affinityPolicy = spec.runAfter?.affinityStrategy?.policy ?? '';
  if (!(AFFINITY_POLICIES as readonly string[]).includes(affinityPolicy)) {
    problems.push({ reason: 'DataOperationNotValid', path: 'spec.runAfter.affinityStrategy.policy', message: `expected Require, Prefer or "" (none), got "${affinityPolicy}"` });
  }
  if (spec.policy === 'Cron' && !spec.schedule) {
    problems.push({ reason: 'ScheduleNotSpecified', path: 'spec.schedule', message: 'the Cron policy needs a cron schedule, e.g. "0 * * * *"' });
  }
  return problems;
}
