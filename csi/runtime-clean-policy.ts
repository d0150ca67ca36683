// Where a runtime keeps its fuse clean policy, and what an unset one means (pkg/ddc/base/runtime.go
// GetRuntimeInfo, SetupFuseCleanPolicy). The runtime's kind comes from the Dataset's status.runtimes[].type.

export type FuseCleanPolicy = 'OnDemand' | 'OnRuntimeDeleted' | 'OnFuseChanged';
const POLICIES: readonly FuseCleanPolicy[] = ['OnDemand', 'OnRuntimeDeleted', 'OnFuseChanged'];
/** Fluid's default for every runtime when the field is empty. */
export const DEFAULT_FUSE_CLEAN_POLICY: FuseCleanPolicy = 'OnRuntimeDeleted';

export interface RuntimeKind {
  /** Fluid's runtime type: the folder under the mount root, e.g. thin. */
  readonly type: string;
  readonly kind: string;
  readonly plural: string;
  /** The fuse component's field in spec: CacheRuntime calls its fuse the client. */
  readonly fuseField: 'fuse' | 'client';
}

/** Runtime types as Fluid records them in Dataset status.runtimes[].type (pkg/common/*.go). */
export const RUNTIME_KINDS: Readonly<Record<string, RuntimeKind>> = {
  alluxio: { type: 'alluxio', kind: 'AlluxioRuntime', plural: 'alluxioruntimes', fuseField: 'fuse' },
  jindo: { type: 'jindo', kind: 'JindoRuntime', plural: 'jindoruntimes', fuseField: 'fuse' },
  juicefs: { type: 'juicefs', kind: 'JuiceFSRuntime', plural: 'juicefsruntimes', fuseField: 'fuse' },
  thin: { type: 'thin', kind: 'ThinRuntime', plural: 'thinruntimes', fuseField: 'fuse' },
  efc: { type: 'efc', kind: 'EFCRuntime', plural: 'efcruntimes', fuseField: 'fuse' },
  vineyard: { type: 'vineyard', kind: 'VineyardRuntime', plural: 'vineyardruntimes', fuseField: 'fuse' },
  cache: { type: 'cache', kind: 'CacheRuntime', plural: 'cacheruntimes', fuseField: 'client' },
};

interface DatasetStatusRuntimes {
  readonly status?: { readonly runtimes?: readonly { readonly name?: string; readonly namespace?: string; readonly type?: string }[] };
}

/**
 * The bound runtime's kind, from the Dataset's status.runtimes: the entry naming the runtime, else the first, as
 * Fluid reads [0]. Undefined when the Dataset is bound to none (being deleted, or not set up yet).
 */
export function runtimeKindOf(dataset: DatasetStatusRuntimes, runtime: { namespace: string; name: string }): RuntimeKind | undefined {
  const entries = dataset.status?.runtimes ?? [];
  const entry = entries.find((r) => r.name === runtime.name && (r.namespace ?? runtime.namespace) === runtime.namespace) ?? entries[0];
  if (!entry?.type) return undefined;
  const kind = RUNTIME_KINDS[entry.type];
  if (!kind) {
    throw new Error(`Dataset ${runtime.namespace}/${runtime.name}: status.runtimes[].type: expected one of ${Object.keys(RUNTIME_KINDS).join(', ')}, got "${entry.type}"`);
  }
  return kind;
}

/** The runtime's spec.<fuse|client>.cleanPolicy, with Fluid's default for an empty one. */
export function fuseCleanPolicyOf(kind: RuntimeKind, runtime: { metadata?: { namespace?: string; name?: string }; spec?: Record<string, any> }): FuseCleanPolicy {
  const value: unknown = runtime.spec?.[kind.fuseField]?.cleanPolicy ?? '';
  if (value === '') return DEFAULT_FUSE_CLEAN_POLICY;
  if (typeof value === 'string' && (POLICIES as readonly string[]).includes(value)) return value as FuseCleanPolicy;
  throw new Error(`${kind.kind} ${runtime.metadata?.namespace}/${runtime.metadata?.name}: spec.${kind.fuseField}.cleanPolicy: expected one of ${POLICIES.join(', ')}, got ${JSON.stringify(value)}`);
}
