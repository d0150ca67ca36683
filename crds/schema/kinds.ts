// Every kind we serve in data.fluid.io/v1alpha1, with the CRD facts Fluid declares for it
// (names, scope, short names, categories, subresources, printer columns; config/crd/bases/*.yaml in Fluid).
import { z } from 'zod';
import { opt } from './fields';
import { AlluxioRuntimeSpec } from './alluxio-runtime';
import { CacheRuntimeClassFields } from './cache-runtime-class';
import { CacheRuntimeSpec, CacheRuntimeStatus } from './cache-runtime';
import { OperationStatus } from './common/operation';
import { RuntimeStatus } from './common/runtime-status';
import { DataBackupSpec } from './data-backup';
import { DataLoadSpec } from './data-load';
import { DataMigrateSpec } from './data-migrate';
import { DataProcessSpec } from './data-process';
import { DatasetSpec, DatasetStatus } from './dataset';
import { EFCRuntimeSpec } from './efc-runtime';
import { JindoRuntimeSpec } from './jindo-runtime';
import { JuiceFSRuntimeSpec } from './juicefs-runtime';
import { ThinRuntimeSpec } from './thin-runtime';
import { ThinRuntimeProfileSpec, ThinRuntimeProfileStatus } from './thin-runtime-profile';
import { VineyardRuntimeSpec } from './vineyard-runtime';

export const GROUP = 'data.fluid.io';
export const VERSION = 'v1alpha1';
export const API_VERSION = `${GROUP}/${VERSION}`;

export interface PrinterColumn {
  readonly name: string;
  readonly jsonPath: string;
  readonly type: 'string' | 'integer' | 'date';
  readonly priority?: number;
}

export interface ScaleSubresource {
  readonly specReplicasPath: string;
  readonly statusReplicasPath: string;
  readonly labelSelectorPath?: string;
}

export interface KindDefinition {
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  /** The fields beside apiVersion, kind and metadata: usually `spec` and `status`. */
  readonly body: z.ZodObject;
  readonly statusSubresource: boolean;
  readonly scale?: ScaleSubresource;
  readonly printerColumns: readonly PrinterColumn[];
}

const AGE: PrinterColumn = { name: 'Age', jsonPath: '.metadata.creationTimestamp', type: 'date' };

function componentColumns(component: 'Master' | 'Worker' | 'Fuse'): PrinterColumn[] {
  const field = component.toLowerCase();
  return [
    { name: `Ready ${component}s`, jsonPath: `.status.${field}NumberReady`, type: 'integer', priority: 10 },
    { name: `Desired ${component}s`, jsonPath: `.status.desired${component}NumberScheduled`, type: 'integer', priority: 10 },
    { name: `${component} Phase`, jsonPath: `.status.${field}Phase`, type: 'string' },
  ];
}

const API_GATEWAY: PrinterColumn = { name: 'API Gateway', jsonPath: '.status.apiGateway.endpoint', type: 'string', priority: 10 };
const ALL_COMPONENTS = [...componentColumns('Master'), ...componentColumns('Worker'), ...componentColumns('Fuse')];
const SCALE: ScaleSubresource = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.currentWorkerNumberScheduled' };
const SCALE_WITH_SELECTOR: ScaleSubresource = { ...SCALE, labelSelectorPath: '.status.selector' };

const PHASE: PrinterColumn = { name: 'Phase', jsonPath: '.status.phase', type: 'string' };
const DURATION: PrinterColumn = { name: 'Duration', jsonPath: '.status.duration', type: 'string' };
const DATASET_NAME: PrinterColumn = { name: 'Dataset', jsonPath: '.spec.dataset.name', type: 'string' };

function specAndStatus(kind: string, spec: z.ZodType, status: z.ZodType): z.ZodObject {
  return z.strictObject({
    spec: opt(`Desired state of the ${kind}.`, spec),
    status: opt(`Observed state of the ${kind}, written by the operator.`, status),
  });
}

/**
 * A runtime kind's CRD facts: namespaced, in the `fluid` category, a spec and Fluid's RuntimeStatus, a status
 * subresource; `<kind lowercased>s` as plural unless `extra` says otherwise. Also what a runtime written outside
 * this repository uses for its own kind.
 */
export function runtimeKindDefinition(
  kind: string,
  spec: z.ZodType,
  extra: Partial<KindDefinition> & Pick<KindDefinition, 'shortNames' | 'printerColumns'>,
): KindDefinition {
  return {
    kind,
    plural: `${kind.toLowerCase()}s`,
    scope: 'Namespaced',
    categories: ['fluid'],
    body: specAndStatus(kind, spec, RuntimeStatus),
    statusSubresource: true,
    ...extra,
  };
}

function operation(
  kind: string,
  plural: string,
  spec: z.ZodType,
  extra: Pick<KindDefinition, 'shortNames' | 'categories' | 'printerColumns'>,
): KindDefinition {
  return {
    kind,
    plural,
    scope: 'Namespaced',
    body: specAndStatus(kind, spec, OperationStatus),
    statusSubresource: true,
    ...extra,
  };
}

export const KINDS: readonly KindDefinition[] = [
  {
    kind: 'Dataset',
    plural: 'datasets',
    scope: 'Namespaced',
    shortNames: ['dataset'],
    categories: ['fluid'],
    body: specAndStatus('Dataset', DatasetSpec, DatasetStatus),
    statusSubresource: true,
    printerColumns: [
      { name: 'Ufs Total Size', jsonPath: '.status.ufsTotal', type: 'string' },
      { name: 'Cached', jsonPath: '.status.cacheStates.cached', type: 'string' },
      { name: 'Cache Capacity', jsonPath: '.status.cacheStates.cacheCapacity', type: 'string' },
      { name: 'Cached Percentage', jsonPath: '.status.cacheStates.cachedPercentage', type: 'string' },
      PHASE,
      { name: 'HCFS URL', jsonPath: '.status.hcfs.endpoint', type: 'string', priority: 10 },
      { name: 'TOTAL FILES', jsonPath: '.status.fileNum', type: 'string', priority: 11 },
      { name: 'CACHE HIT RATIO', jsonPath: '.status.cacheStates.cacheHitRatio', type: 'string', priority: 10 },
      AGE,
    ],
  },
  runtimeKindDefinition('AlluxioRuntime', AlluxioRuntimeSpec, {
    shortNames: ['alluxio'],
    scale: SCALE_WITH_SELECTOR,
    printerColumns: [...ALL_COMPONENTS, API_GATEWAY, AGE],
  }),
  runtimeKindDefinition('JindoRuntime', JindoRuntimeSpec, { shortNames: ['jindo'], scale: SCALE, printerColumns: [...ALL_COMPONENTS, AGE] }),
  runtimeKindDefinition('JuiceFSRuntime', JuiceFSRuntimeSpec, {
    shortNames: ['juicefs'],
    scale: SCALE_WITH_SELECTOR,
    printerColumns: [...componentColumns('Worker'), ...componentColumns('Fuse'), AGE],
  }),
  runtimeKindDefinition('ThinRuntime', ThinRuntimeSpec, { shortNames: [], categories: [], printerColumns: [] }),
  {
    kind: 'ThinRuntimeProfile',
    plural: 'thinruntimeprofiles',
    scope: 'Cluster',
    shortNames: [],
    categories: [],
    body: specAndStatus('ThinRuntimeProfile', ThinRuntimeProfileSpec, ThinRuntimeProfileStatus),
    statusSubresource: true,
    printerColumns: [],
  },
  {
    kind: 'CacheRuntime',
    plural: 'cacheruntimes',
    scope: 'Namespaced',
    shortNames: [],
    categories: ['fluid'],
    body: specAndStatus('CacheRuntime', CacheRuntimeSpec, CacheRuntimeStatus),
    statusSubresource: true,
    // Fluid's "Status" column points at .status.phase, which CacheRuntimeStatus does not have; we keep it for parity.
    printerColumns: [AGE, { name: 'Status', jsonPath: '.status.phase', type: 'string' }],
  },
  {
    kind: 'CacheRuntimeClass',
    plural: 'cacheruntimeclasses',
    scope: 'Cluster',
    shortNames: [],
    categories: ['fluid'],
    body: CacheRuntimeClassFields,
    statusSubresource: false,
    printerColumns: [],
  },
  operation('DataLoad', 'dataloads', DataLoadSpec, {
    shortNames: ['load'],
    categories: ['fluid'],
    printerColumns: [DATASET_NAME, PHASE, AGE, DURATION],
  }),
  operation('DataMigrate', 'datamigrates', DataMigrateSpec, { shortNames: ['migrate'], categories: ['fluid'], printerColumns: [PHASE, AGE, DURATION] }),
  operation('DataBackup', 'databackups', DataBackupSpec, {
    shortNames: ['backup'],
    categories: ['fluid'],
    printerColumns: [
      { name: 'Dataset', jsonPath: '.spec.dataset', type: 'string' },
      PHASE,
      { name: 'Path', jsonPath: '.status.infos.BackupLocationPath', type: 'string' },
      { name: 'NodeName', jsonPath: '.status.infos.BackupLocationNodeName', type: 'string' },
      DURATION,
      AGE,
    ],
  }),
  operation('DataProcess', 'dataprocesses', DataProcessSpec, { shortNames: [], categories: [], printerColumns: [DATASET_NAME, PHASE, AGE, DURATION] }),
  runtimeKindDefinition('EFCRuntime', EFCRuntimeSpec, { shortNames: ['efc'], scale: SCALE, printerColumns: [...ALL_COMPONENTS, AGE] }),
  runtimeKindDefinition('VineyardRuntime', VineyardRuntimeSpec, {
    shortNames: ['v6d'],
    scale: SCALE_WITH_SELECTOR,
    printerColumns: [...ALL_COMPONENTS, API_GATEWAY, AGE],
  }),
];

const BY_KIND = new Map(KINDS.map((k) => [k.kind, k]));

export function kindDefinition(kind: string): KindDefinition | undefined {
  return BY_KIND.get(kind);
}

/** The definition of one of Fluid's kinds; for the engines that serve them. */
export function fluidKind(kind: string): KindDefinition {
  const def = BY_KIND.get(kind);
  if (!def) throw new Error(`${kind} is not a kind of ${API_VERSION}`);
  return def;
}
