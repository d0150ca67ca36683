import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Container } from '../../crds/schema/k8s/core.generated';
import { PodTemplate, renderPodTemplate } from './pod-template';

/** Once (and OnEvent) run a Job; Cron runs a CronJob on the schedule (Fluid's charts/fluid-dataloader). */
export type DataLoadSchedule = { readonly policy: 'Once' } | { readonly policy: 'Cron'; readonly schedule: string };

/** Scripts the loader runs, in a ConfigMap mounted into the loader container. */
export interface LoaderScript {
  /** ConfigMap name, e.g. `<dataload>-loader-data-load-script`. */
  readonly configMapName: string;
  /** File name to content. */
  readonly data: Record<string, string>;
  /** Where container[0] sees the files. @default '/scripts' */
  readonly mountPath?: string;
  /** File mode of the scripts. @default 0o755 (executable) */
  readonly defaultMode?: number;
}

export interface DataLoadJobProps {
  /** Name of the Job or CronJob, e.g. `<dataload>-loader-job`. */
  readonly name: string;
  /** Labels of the Job or CronJob. */
  readonly labels: Record<string, string>;
  /** Once → Job, Cron → CronJob with this schedule. */
  readonly schedule: DataLoadSchedule;
  /** The loader pod; container[0] runs the load and gets the script mounted. restartPolicy defaults to Never. */
  readonly template: PodTemplate;
  /** The load scripts. @default - none */
  readonly script?: LoaderScript;
  /** Retries before the Job fails. @default 3 (Fluid's chart) */
  readonly backoffLimit?: number;
  /** Seconds to keep a finished Job (the DataLoad's own TTL is handled by its controller). @default - kept */
  readonly ttlSecondsAfterFinished?: number;
}

/** The Job (or CronJob) that warms a dataset's cache, with its script ConfigMap. */
export class DataLoadJob extends Construct {
  readonly name: string;
  readonly kind: 'Job' | 'CronJob';

  constructor(scope: Construct, id: string, props: DataLoadJobProps) {
    super(scope, id);
    this.name = props.name;
    this.kind = props.schedule.policy === 'Cron' ? 'CronJob' : 'Job';
    const [loader, ...others] = props.template.spec.containers;
    if (!loader) throw new Error(`DataLoadJob ${props.name}: the pod template has no container`);

    let spec = { ...props.template.spec, restartPolicy: props.template.spec.restartPolicy ?? 'Never' };
    if (props.script) {
      new ApiObject(this, 'Script', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: props.script.configMapName, labels: props.labels }, data: props.script.data });
      const volume = { name: 'data-load-script', configMap: { name: props.script.configMapName, defaultMode: props.script.defaultMode ?? 0o755 } };
      const withScript: Container = { ...loader, volumeMounts: [...(loader.volumeMounts ?? []), { name: volume.name, mountPath: props.script.mountPath ?? '/scripts' }] };
      spec = { ...spec, containers: [withScript, ...others], volumes: [...(spec.volumes ?? []), volume] };
    }
    const jobSpec: Record<string, unknown> = {
      backoffLimit: props.backoffLimit ?? 3,
      completions: 1,
      parallelism: 1,
      template: renderPodTemplate({ ...props.template, spec }, {}),
    };
    if (props.ttlSecondsAfterFinished !== undefined) jobSpec.ttlSecondsAfterFinished = props.ttlSecondsAfterFinished;
    const metadata = { name: props.name, labels: props.labels };
    if (props.schedule.policy === 'Cron') {
      new ApiObject(this, 'CronJob', { apiVersion: 'batch/v1', kind: 'CronJob', metadata, spec: { schedule: props.schedule.schedule, jobTemplate: { metadata: { labels: props.labels }, spec: jobSpec } } });
    } else {
      new ApiObject(this, 'Job', { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: jobSpec });
    }
  }
}
