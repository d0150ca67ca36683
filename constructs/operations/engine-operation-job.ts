// The Job (or CronJob) of an engine's data operation, with what Fluid's operation charts share: names, labels, the
// no-sidecar annotation, the user's pod metadata and placement, the schedule, and scripts mounted at /scripts.
// An engine supplies only what differs: its container, extra pod fields, its scripts.
import type { Construct } from 'constructs';
import type { Container, LocalObjectReference, PodSpec } from '../../crds/schema/k8s/core.generated';
import { OperationJob, OperationScript } from '../components/operation-job';
import type { FluidObject } from '../runtimes/runtime-engine';
import type { BuiltOperation } from './operation-contract';
import { jobLabels, OperationIdentity, podLabels, scheduleOf, scriptLabels } from './operation-identity';
import { PodPlacement, placementOf, podAnnotations } from './operation-pod';

/** Scripts an engine's operation runs: ConfigMap key → file name under /scripts, and each key's content. */
export interface EngineScripts {
  /** Fluid's ConfigMap name suffix after the release name, e.g. data-load-script. */
  readonly suffix: string;
  /** Name of the pod volume, e.g. data-load-script. */
  readonly volumeName: string;
  readonly files: Readonly<Record<string, string>>;
  readonly data: Readonly<Record<string, string>>;
}

export interface EngineOperationJobProps {
  /** Names and labels of the operation. */
  readonly id: OperationIdentity;
  /** The operation; its podMetadata, placement, schedule and annotations apply to the pod. */
  readonly operation: FluidObject<PodPlacement & { readonly schedule?: string }>;
  /** The container doing the work. */
  readonly container: Container;
  /** More pod fields: serviceAccountName, volumes. @default - none */
  readonly pod?: Omit<Partial<PodSpec>, 'containers'>;
  /** Pull secrets of the pod. @default - none */
  readonly pullSecrets?: readonly LocalObjectReference[];
  /** Scripts mounted at /scripts. @default - none */
  readonly scripts?: EngineScripts;
  /** @default 3 (Fluid's charts) */
  readonly backoffLimit?: number;
  /** Labels an engine's chart adds to the Job or CronJob. @default - none */
  readonly extraJobLabels?: Record<string, string>;
  /** Labels an engine's chart adds to the pod (the user's podMetadata labels still come last). @default - none */
  readonly extraPodLabels?: Record<string, string>;
  /** Cron only: runs start suspended until the operator resumes them (OperationJobProps.suspendRuns). @default false */
  readonly suspendRuns?: boolean;
}

function scriptOf(id: OperationIdentity, scripts: EngineScripts): OperationScript {
  return {
    configMapName: `${id.release}-${scripts.suffix}`,
    labels: scriptLabels(id),
    data: { ...scripts.data },
    volumeName: scripts.volumeName,
    mountPath: '/scripts',
    items: Object.entries(scripts.files).map(([key, path]) => ({ key, path })),
  };
}

export function addEngineOperationJob(scope: Construct, props: EngineOperationJobProps): BuiltOperation {
  const { id, operation } = props;
  const spec = operation.spec;
  const job = new OperationJob(scope, id.kind, {
    name: id.jobName,
    labels: { ...jobLabels(id), ...props.extraJobLabels },
    schedule: scheduleOf(id, spec.schedule),
    backoffLimit: props.backoffLimit,
    suspendRuns: props.suspendRuns,
    template: {
      labels: podLabels(id, { ...props.extraPodLabels, ...spec.podMetadata?.labels }),
      annotations: podAnnotations(spec.podMetadata, operation.metadata.annotations),
      spec: {
        ...placementOf(spec),
        ...props.pod,
        ...(props.pullSecrets?.length ? { imagePullSecrets: [...props.pullSecrets] } : {}),
        containers: [props.container],
      },
    },
    script: props.scripts && scriptOf(id, props.scripts),
  });
  return { kind: job.kind, name: job.name };
}
