// Names and labels of an operation's objects, as Fluid's operation charts give them (pkg/utils/dataload.go,
// datamigrate.go, databackup.go, dataprocess.go; charts/fluid-data*/**/templates). Users' scripts and dashboards
// select on these, so the keys and values are Fluid's.
import type { OperationKind } from '../../crds/schema/common/operation';
import type { OperationSchedule } from '../components/operation-job';
import { libraryLabels } from '../fluid-labels';

interface KindNaming {
  /** Fluid's release name suffix. */
  readonly release: string;
  /** Name of the Job or CronJob, from the release name. */
  readonly job: (release: string) => string;
  /** Fluid's chart name: the app.kubernetes.io/name label. */
  readonly chart: string;
  /** Chart version, for the chart label of the library block. */
  readonly chartVersion: string;
  /** The `role` label prefix: dataload, datamigrate, dataprocess. */
  readonly role: string;
}

const NAMING: Record<OperationKind, KindNaming> = {
  DataLoad: { release: 'loader', job: (r) => `${r}-job`, chart: 'fluid-dataloader', chartVersion: '0.10.4', role: 'dataload' },
  DataMigrate: { release: 'migrate', job: (r) => `${r}-migrate`, chart: 'fluid-datamigrate', chartVersion: '0.2.0', role: 'datamigrate' },
  DataProcess: { release: 'processor', job: (r) => `${r}-job`, chart: 'fluid-dataprocess', chartVersion: '0.1.0', role: 'dataprocess' },
  DataBackup: { release: 'charts', job: (r) => r, chart: 'fluid-databackup', chartVersion: '0.1.0', role: 'databackup' },
};

export interface OperationIdentity {
  readonly kind: OperationKind;
  /** The operation's name. */
  readonly name: string;
  /** `<name>-loader`, `<name>-migrate`, `<name>-processor`, `<name>-charts`. */
  readonly release: string;
  /** The Job or CronJob name, e.g. `<name>-loader-job`. */
  readonly jobName: string;
  /** The `app` label: the engine (alluxio, jindocache, juicefs, cache) or fluid-dataprocess. */
  readonly app: string;
  /** Name of the target Dataset. */
  readonly targetDataset: string;
  /** Value of fluid.io/dataset-id. */
  readonly datasetId: string;
  readonly policy: 'Once' | 'Cron' | 'OnEvent';
}

export function operationIdentity(kind: OperationKind, name: string, app: string, targetDataset: string, datasetId: string, policy: OperationIdentity['policy'] = 'Once'): OperationIdentity {
  const naming = NAMING[kind];
  const release = `${name}-${naming.release}`;
  return { kind, name, release, jobName: naming.job(release), app, targetDataset, datasetId, policy };
}

function library(id: OperationIdentity): Record<string, string> {
  const naming = NAMING[id.kind];
  return libraryLabels({ chartName: naming.chart, chartVersion: naming.chartVersion, release: id.release, datasetId: id.datasetId });
}

/** Labels of the Job, or of the CronJob with Fluid's cron markers (which the Jobs it creates inherit). */
export function jobLabels(id: OperationIdentity): Record<string, string> {
  const role = NAMING[id.kind].role;
  const base = { release: id.release, app: id.app, targetDataset: id.targetDataset, ...library(id) };
  if (id.policy !== 'Cron') return { ...base, role: `${role}-job` };
  return { ...base, role: `${role}-cronjob`, [role]: id.name, 'fluid.io/jobPolicy': 'cron' };
}

/** Labels of the operation's pods; a CronJob's pods also name it, as Fluid finds each run's Job by `cronjob`. */
export function podLabels(id: OperationIdentity, own: Record<string, string> | undefined): Record<string, string> {
  const base = { release: id.release, role: `${NAMING[id.kind].role}-pod`, app: id.app, targetDataset: id.targetDataset, ...library(id) };
  return { ...base, ...(id.policy === 'Cron' ? { cronjob: id.jobName } : {}), ...own };
}

/** Labels of the script ConfigMap. */
export function scriptLabels(id: OperationIdentity): Record<string, string> {
  return { release: id.release, role: `${NAMING[id.kind].role}-job`, ...library(id) };
}

/** Job for Once and OnEvent, CronJob for Cron (operation rules make sure a Cron operation has its schedule). */
export function scheduleOf(id: OperationIdentity, schedule: string | undefined): OperationSchedule {
  return id.policy === 'Cron' ? { policy: 'Cron', schedule: schedule ?? '' } : { policy: 'Once' };
}
