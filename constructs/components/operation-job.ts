import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Container, KeyToPath } from '../../crds/schema/k8s/core.generated';
import { PodTemplate, renderPodTemplate } from './pod-template';

/** Once and OnEvent run a Job; Cron runs a CronJob on the schedule (Fluid's fluid-dataloader, -datamigrate and -dataprocess charts). */
export type OperationSchedule = { readonly policy: 'Once' } | { readonly policy: 'Cron'; readonly schedule: string };

/** Scripts the operation runs, in a ConfigMap mounted into the first container. */
export interface OperationScript {
  /** ConfigMap name, e.g. `<dataload>-loader-data-load-script`. */
  readonly configMapName: string;
  /** Labels of the ConfigMap. */
  readonly labels: Record<string, string>;
  /** ConfigMap key to content. */
  readonly data: Record<string, string>;
  /** Name of the pod volume. */
  readonly volumeName: string;
  /** Where container[0] sees the files. */
  readonly mountPath: string;
  /** Keys projected to file names (Fluid maps `dataloader.distributedLoad` to `alluxio_dataload.sh`). @default - every key under its own name */
  readonly items?: readonly KeyToPath[];
  /** File mode of the scripts. @default 0o555: readable and executable, as Fluid's charts mount them */
  readonly defaultMode?: number;
}

export interface OperationJobProps {
  /** Name of the Job or CronJob, e.g. `<dataload>-loader-job`. */
  readonly name: string;
  /** Labels of the Job, or of the CronJob and the Jobs it creates. */
  readonly labels: Record<string, string>;
  /** Once → Job, Cron → CronJob with this schedule. */
  readonly schedule: OperationSchedule;
  /** The operation pod; container[0] does the work and gets the script mounted. restartPolicy defaults to Never. */
  readonly template: PodTemplate;
  /** The scripts. @default - none */
  readonly script?: OperationScript;
  /** Retries before the Job fails. @default 3 (Fluid's charts) */
  readonly backoffLimit?: number;
  /**
   * Cron only: each run's Job starts suspended, and the operator resumes it once what runs beside it is up (the
   * workers of a parallel DataMigrate). @default false
   */
  readonly suspendRuns?: boolean;
}

/** The Job (or CronJob) of a data operation, with its script ConfigMap. */
export class OperationJob extends Construct {
  readonly name: string;
  readonly kind: 'Job' | 'CronJob';

  constructor(scope: Construct, id: string, props: OperationJobProps) {
    super(scope, id);
    this.name = props.name;
    this.kind = props.schedule.policy === 'Cron' ? 'CronJob' : 'Job';
    const [main, ...others] = props.template.spec.containers;
    if (!main) throw new Error(`OperationJob ${props.name}: the pod template has no container`);

    let spec = { ...props.template.spec, restartPolicy: props.template.spec.restartPolicy ?? 'Never' };
    const script = props.script;
    if (script) {
      new ApiObject(this, 'Script', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: script.configMapName, labels: script.labels }, data: script.data });
      const configMap = { name: script.configMapName, defaultMode: script.defaultMode ?? 0o555, ...(script.items ? { items: [...script.items] } : {}) };
      const withScript: Container = { ...main, volumeMounts: [...(main.volumeMounts ?? []), { name: script.volumeName, mountPath: script.mountPath }] };
      spec = { ...spec, containers: [withScript, ...others], volumes: [...(spec.volumes ?? []), { name: script.volumeName, configMap }] };
    }
    const jobSpec = {
      backoffLimit: props.backoffLimit ?? 3,
      completions: 1,
      parallelism: 1,
      template: renderPodTemplate({ ...props.template, spec }, {}),
    };
    const metadata = { name: props.name, labels: props.labels };
    if (props.schedule.policy === 'Cron') {
      const runSpec = props.suspendRuns ? { ...jobSpec, suspend: true } : jobSpec;
      new ApiObject(this, 'CronJob', { apiVersion: 'batch/v1', kind: 'CronJob', metadata, spec: { schedule: props.schedule.schedule, jobTemplate: { metadata: { labels: props.labels }, spec: runSpec } } });
    } else {
      new ApiObject(this, 'Job', { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: jobSpec });
    }
  }
}
