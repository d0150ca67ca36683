// Which components a CacheRuntime runs and how: the class topology joined with the runtime's component settings.
// Both class spellings resolve here, so nothing downstream asks which one the author used.
import type { RuntimeComponentDefinition } from '../../../crds/schema/cache-runtime-class';
import type { CacheRuntimeSpec, RuntimeTieredStoreLevel } from '../../../crds/schema/cache-runtime';
import type { PodTemplateSpec } from '../../../crds/schema/k8s/core.generated';
import type { CacheRuntimeClassObject, WorkloadKind } from '../runtime-engine';
import { ComponentType, COMPONENT_TYPES, componentName, componentServiceName } from './names';

/** The settings every runtime component shares (RuntimeComponentCommonSpec). */
export type ComponentSpec = NonNullable<CacheRuntimeSpec['master'] | CacheRuntimeSpec['worker'] | CacheRuntimeSpec['client']>;

export interface CacheComponent {
  readonly type: ComponentType;
  /** `<name>-<component>`: the workload's name. */
  readonly name: string;
  /** The class definition of the component. */
  readonly definition: RuntimeComponentDefinition;
  /** The class field holding the pod template: Fluid's `template` or the guide's `podTemplateSpec`. */
  readonly templateField: 'template' | 'podTemplateSpec';
  /** The class pod template. @default - empty (check() reports it) */
  readonly template: PodTemplateSpec;
  /** The runtime's settings of the component. @default - none */
  readonly spec: Partial<ComponentSpec>;
  /** Workload kind from `workloadType.kind`. @default StatefulSet for master and worker, DaemonSet for client */
  readonly kind: WorkloadKind;
  /** Whether `workloadType` names the kind (the guide's form) rather than Fluid's fixed default. */
  readonly kindDeclared: boolean;
  /** `svc-<name>-<component>` when the class asks for a headless Service. @default - no Service */
  readonly serviceName?: string;
  /** Mount the Dataset's encrypt-option Secrets. @default true for master and worker, false for client */
  readonly mountSecrets: boolean;
  /** Pods wanted: the runtime's replicas for master and worker, 1 for a client that is not a DaemonSet. */
  readonly replicas: number;
  /** Cache tiers of the component (worker and client only). @default - none */
  readonly tieredLevels: readonly RuntimeTieredStoreLevel[];
}

/** Fluid runs master and worker as (Advanced)StatefulSets and the client as a DaemonSet (component_manager.go). */
const DEFAULT_KIND: Record<ComponentType, WorkloadKind> = { master: 'StatefulSet', worker: 'StatefulSet', client: 'DaemonSet' };

/**
 * An explicit `secretMount.enabled` wins; the guide's `encryptOption: {}` asks for the Secrets; otherwise Fluid's
 * default applies: master and worker mount them, the client does not (transform_volumes.go shouldMountSecrets).
 */
function mountsSecrets(type: ComponentType, definition: RuntimeComponentDefinition): boolean {
  const deps = definition.dependencies;
  if (deps?.secretMount) return deps.secretMount.enabled ?? false;
  if (deps?.encryptOption) return true;
  return type !== 'client';
}

function runtimeSpecOf(spec: CacheRuntimeSpec, type: ComponentType): Partial<ComponentSpec> {
  return spec[type] ?? {};
}

/** Replicas default to 1 also when the runtime leaves the whole component section out (Fluid's CRD default). */
function replicasOf(spec: CacheRuntimeSpec, type: ComponentType): number {
  if (type === 'client') return 1;
  return spec[type]?.replicas ?? 1;
}

function tieredLevelsOf(spec: CacheRuntimeSpec, type: ComponentType): readonly RuntimeTieredStoreLevel[] {
  if (type === 'master') return [];
  return spec[type]?.tieredStore?.levels ?? [];
}

function resolveComponent(type: ComponentType, definition: RuntimeComponentDefinition, runtimeName: string, spec: CacheRuntimeSpec): CacheComponent {
  const templateField = definition.template === undefined && definition.podTemplateSpec !== undefined ? 'podTemplateSpec' : 'template';
  return {
    type,
    name: componentName(runtimeName, type),
    definition,
    templateField,
    template: definition[templateField] ?? {},
    spec: runtimeSpecOf(spec, type),
    kind: definition.workloadType?.kind ?? DEFAULT_KIND[type],
    kindDeclared: definition.workloadType !== undefined,
    serviceName: definition.service?.headless ? componentServiceName(runtimeName, type) : undefined,
    mountSecrets: mountsSecrets(type, definition),
    replicas: replicasOf(spec, type),
    tieredLevels: tieredLevelsOf(spec, type),
  };
}

/** The components to run: set in the class topology and not `disabled` in the runtime, in master, worker, client order. */
export function enabledComponents(runtimeName: string, spec: CacheRuntimeSpec, runtimeClass: CacheRuntimeClassObject): CacheComponent[] {
  return COMPONENT_TYPES.flatMap((type) => {
    const definition = runtimeClass.topology?.[type];
    if (!definition || spec[type]?.disabled) return [];
    return [resolveComponent(type, definition, runtimeName, spec)];
  });
}
