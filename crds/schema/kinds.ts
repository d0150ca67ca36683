// Every kind we serve in data.fluid.io/v1alpha1, with the CRD facts Fluid declares for it
// (names, scope, short names, categories, subresources, printer columns; config/crd/bases/*.yaml in Fluid).
import { z } from 'zod';
import { opt } from './fields';

// The kinds' zod schemas are built when a kind's `body` is first read, each from its own module: building all of
// them costs a short command (`validate` of one file, `synth` of one runtime) more than its own work does.
// `schema(module, name)` names the module and its export; the `require` runs on the first read of a body that
// uses it, so a kind nobody reads never loads its module.
type Module = Record<string, z.ZodType>;
const schemaModules: Record<string, () => Module> = {
  'alluxio-runtime': () => require('./alluxio-runtime') as Module,
  'cache-runtime-class': () => require('./cache-runtime-class') as Module,
  'cache-runtime': () => require('./cache-runtime') as Module,
  'common/operation': () => require('./common/operation') as Module,
  'common/runtime-status': () => require('./common/runtime-status') as Module,
  'data-backup': () => require('./data-backup') as Module,
  'data-load': () => require('./data-load') as Module,
  'data-migrate': () => require('./data-migrate') as Module,
  'data-process': () => require('./data-process') as Module,
  dataset: () => require('./dataset') as Module,
  'efc-runtime': () => require('./efc-runtime') as Module,
  'jindo-runtime': () => require('./jindo-runtime') as Module,
  'juicefs-runtime': () => require('./juicefs-runtime') as Module,
  'thin-runtime': () => require('./thin-runtime') as Module,
  'thin-runtime-profile': () => require('./thin-runtime-profile') as Module,
  'vineyard-runtime': () => require('./vineyard-runtime') as Module,
};

/** A schema by its module (a file of this folder) and export name, loaded on first call. */
const schema = (module: string, name: string) => (): z.ZodType => {
  const found = schemaModules[module]()[name];
  if (!found) throw new Error(`crds/schema/${module} exports no schema ${name}`);
  return found;
};

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

/** The definition `facts` with a `body` that `build` makes the first time it is read, then keeps. */
function withLazyBody(facts: Omit<KindDefinition, 'body'>, build: () => z.ZodObject): KindDefinition {
  let body: z.ZodObject | undefined;
  return Object.defineProperty({ ...facts }, 'body', { enumerable: true, get: () => (body ??= build()) }) as KindDefinition;
}

/** A schema given as such, or as a function that builds (or loads) it on first use. */
type SchemaSource = z.ZodType | (() => z.ZodType);
const resolveSchema = (source: SchemaSource): z.ZodType => (typeof source === 'function' ? source() : source);

/**
 * A runtime kind's CRD facts: namespaced, in the `fluid` category, a spec and Fluid's RuntimeStatus, a status
 * subresource; `<kind lowercased>s` as plural unless `extra` says otherwise. Also what a runtime written outside
 * this repository uses for its own kind.
 */
export function runtimeKindDefinition(
  kind: string,
  spec: SchemaSource,
  extra: Partial<KindDefinition> & Pick<KindDefinition, 'shortNames' | 'printerColumns'>,
): KindDefinition {
  const facts = { kind, plural: `${kind.toLowerCase()}s`, scope: 'Namespaced' as const, categories: ['fluid'], statusSubresource: true, ...extra };
  if (extra.body) return { ...facts, body: extra.body };
  return withLazyBody(facts, () => specAndStatus(kind, resolveSchema(spec), schema('common/runtime-status', 'RuntimeStatus')()));
}

function operation(
  kind: string,
  plural: string,
  spec: () => z.ZodType,
  extra: Pick<KindDefinition, 'shortNames' | 'categories' | 'printerColumns'>,
): KindDefinition {
  return withLazyBody({ kind, plural, scope: 'Namespaced', statusSubresource: true, ...extra }, () =>
    specAndStatus(kind, spec(), schema('common/operation', 'OperationStatus')()),
  );
}

export const KINDS: readonly KindDefinition[] = [
  withLazyBody({
    kind: 'Dataset',
    plural: 'datasets',
    scope: 'Namespaced',
    shortNames: ['dataset'],
    categories: ['fluid'],
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
  }, () => specAndStatus('Dataset', schema('dataset', 'DatasetSpec')(), schema('dataset', 'DatasetStatus')())),
  runtimeKindDefinition('AlluxioRuntime', schema('alluxio-runtime', 'AlluxioRuntimeSpec'), {
    shortNames: ['alluxio'],
    scale: SCALE_WITH_SELECTOR,
    printerColumns: [...ALL_COMPONENTS, API_GATEWAY, AGE],
  }),
  runtimeKindDefinition('JindoRuntime', schema('jindo-runtime', 'JindoRuntimeSpec'), { shortNames: ['jindo'], scale: SCALE, printerColumns: [...ALL_COMPONENTS, AGE] }),
  runtimeKindDefinition('JuiceFSRuntime', schema('juicefs-runtime', 'JuiceFSRuntimeSpec'), {
    shortNames: ['juicefs'],
    scale: SCALE_WITH_SELECTOR,
    printerColumns: [...componentColumns('Worker'), ...componentColumns('Fuse'), AGE],
  }),
  runtimeKindDefinition('ThinRuntime', schema('thin-runtime', 'ThinRuntimeSpec'), { shortNames: [], categories: [], printerColumns: [] }),
  withLazyBody(
    { kind: 'ThinRuntimeProfile', plural: 'thinruntimeprofiles', scope: 'Cluster', shortNames: [], categories: [], statusSubresource: true, printerColumns: [] },
    () => specAndStatus('ThinRuntimeProfile', schema('thin-runtime-profile', 'ThinRuntimeProfileSpec')(), schema('thin-runtime-profile', 'ThinRuntimeProfileStatus')()),
  ),
  withLazyBody(
    {
      kind: 'CacheRuntime',
      plural: 'cacheruntimes',
      scope: 'Namespaced',
      shortNames: [],
      categories: ['fluid'],
      statusSubresource: true,
      // Fluid's "Status" column points at .status.phase, which CacheRuntimeStatus does not have; we keep it for parity.
      printerColumns: [AGE, { name: 'Status', jsonPath: '.status.phase', type: 'string' }],
    },
    () => specAndStatus('CacheRuntime', schema('cache-runtime', 'CacheRuntimeSpec')(), schema('cache-runtime', 'CacheRuntimeStatus')()),
  ),
  withLazyBody(
    { kind: 'CacheRuntimeClass', plural: 'cacheruntimeclasses', scope: 'Cluster', shortNames: [], categories: ['fluid'], statusSubresource: false, printerColumns: [] },
    () => schema('cache-runtime-class', 'CacheRuntimeClassFields')() as z.ZodObject,
  ),
  operation('DataLoad', 'dataloads', schema('data-load', 'DataLoadSpec'), {
    shortNames: ['load'],
    categories: ['fluid'],
    printerColumns: [DATASET_NAME, PHASE, AGE, DURATION],
  }),
  operation('DataMigrate', 'datamigrates', schema('data-migrate', 'DataMigrateSpec'), { shortNames: ['migrate'], categories: ['fluid'], printerColumns: [PHASE, AGE, DURATION] }),
  operation('DataBackup', 'databackups', schema('data-backup', 'DataBackupSpec'), {
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
  operation('DataProcess', 'dataprocesses', schema('data-process', 'DataProcessSpec'), { shortNames: [], categories: [], printerColumns: [DATASET_NAME, PHASE, AGE, DURATION] }),
  runtimeKindDefinition('EFCRuntime', schema('efc-runtime', 'EFCRuntimeSpec'), { shortNames: ['efc'], scale: SCALE, printerColumns: [...ALL_COMPONENTS, AGE] }),
  runtimeKindDefinition('VineyardRuntime', schema('vineyard-runtime', 'VineyardRuntimeSpec'), {
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
