// runtime.json: everything a cache image needs to configure itself, mounted into every component pod at
// /etc/fluid/config/runtime.json. Fluid's keys (pkg/common/cacheruntime.go CacheRuntimeConfig, filled in
// pkg/ddc/cache/engine/cm.go) plus the CacheRuntime guide's `topology`: each component's pods and Service, so
// peers can find each other without guessing DNS names. Secrets appear only as file paths.
import { unifiedNamespacePath } from '../ufs-namespace';
import type { CacheRuntimeSpec } from '../../../crds/schema/cache-runtime';
import type { Mount } from '../../../crds/schema/common/mount';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import { datasetRefOf, ObservedPod, RenderInput } from '../runtime-engine';
import { cacheFuseMountPath, ComponentType } from './names';
import { encryptOptionPaths } from './secrets';
import { TieredStoreLevelConfig, tieredStoreLevelConfigs } from './tiered-store';
import { CacheComponent, enabledComponents } from './topology';

export interface MountConfig {
  /** The data source URI, passed verbatim: the cache system decides what it understands. */
  readonly mountPoint: string;
  /** Dataset sharedOptions under the mount's options, keys sorted. @default - left out when empty */
  readonly options?: Record<string, string>;
  /** Option name -> file of the mounted Secret key, keys sorted. @default - left out when empty */
  readonly encryptOptions?: Record<string, string>;
  /** The mount's name. @default - left out when empty */
  readonly name?: string;
  /** The mount's absolute `path`, else `/<name>`. */
  readonly path: string;
  /** @default - left out unless true */
  readonly readOnly?: boolean;
  /** @default - left out unless true */
  readonly shared?: boolean;
}

export interface ComponentConfig {
  /** Only enabled components are described. */
  readonly enabled: true;
  /** `<name>-<component>`. */
  readonly name: string;
  /** Class options < runtime options < component options, keys sorted. @default - left out when empty */
  readonly options?: Record<string, string>;
  /** Master and worker only. @default - left out for the client and when 0 */
  readonly replicas?: number;
  /** Always present; the name is "" without a headless Service. */
  readonly service: { readonly name: string };
  /** Worker and client only. @default - left out without tiers */
  readonly tieredStoreLevels?: readonly TieredStoreLevelConfig[];
}

export interface ComponentTopology {
  /** The component's pods as last observed; empty until they run (and always in `synth`). */
  readonly podConfigs: readonly ObservedPod[];
  /** The component's headless Service; the name is "" without one. */
  readonly service: { readonly name: string };
}

export interface CacheRuntimeConfig {
  /** One entry per Dataset mount. @default - left out without mounts */
  readonly mounts?: readonly MountConfig[];
  /** Dataset accessModes. @default ['ReadOnlyMany'] */
  readonly accessModes: readonly string[];
  /** Where the client mounts the data on the host. */
  readonly targetPath: string;
  /** @default - left out when the master is not run */
  readonly master?: ComponentConfig;
  /** @default - left out when the worker is not run */
  readonly worker?: ComponentConfig;
  /** @default - left out when the client is not run */
  readonly client?: ComponentConfig;
  /** The CacheRuntime guide's view: pods and Service of each component that runs. */
  readonly topology: Partial<Record<ComponentType, ComponentTopology>>;
}

/** Keeps the JSON as Go's `omitempty` would: no empty maps, lists, strings, false or zero. */
function nonEmpty<T>(value: T): T | undefined {
  if (value === undefined || value === '' || value === false || value === 0) return undefined;
  if (Array.isArray(value)) return value.length ? value : undefined;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length ? value : undefined;
  return value;
}

/** Go writes map keys sorted; so do we, so the file is the same whatever order the YAML used. */
function sortedMap(map: Record<string, string>): Record<string, string> | undefined {
  return nonEmpty(Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** Fluid's unified-namespace path of a mount. */
export const mountPath = unifiedNamespacePath;

function mountConfig(mount: Mount, dataset: DatasetSpec): MountConfig {
  return {
    mountPoint: mount.mountPoint,
    options: sortedMap({ ...dataset.sharedOptions, ...mount.options }),
    encryptOptions: sortedMap(encryptOptionPaths([...(dataset.sharedEncryptOptions ?? []), ...(mount.encryptOptions ?? [])])),
    name: nonEmpty(mount.name),
    path: mountPath(mount),
    readOnly: nonEmpty(mount.readOnly),
    shared: nonEmpty(mount.shared),
  };
}

function componentConfig(component: CacheComponent, runtimeOptions: Record<string, string> | undefined): ComponentConfig {
  return {
    enabled: true,
    name: component.name,
    options: sortedMap({ ...component.definition.options, ...runtimeOptions, ...component.spec.options }),
    replicas: component.type === 'client' ? undefined : nonEmpty(component.replicas),
    service: { name: component.serviceName ?? '' },
    tieredStoreLevels: nonEmpty(tieredStoreLevelConfigs(component.tieredLevels)),
  };
}

/** runtime.json of a CacheRuntime, from the runtime, its class, its Dataset and the pods observed so far. */
export function runtimeConfig(input: RenderInput<CacheRuntimeSpec>): CacheRuntimeConfig {
  if (!input.runtimeClass) throw new Error(`CacheRuntime ${input.runtime.metadata.name}: its CacheRuntimeClass was not resolved`);
  const dataset = input.dataset.spec;
  const components = enabledComponents(input.runtime.metadata.name, input.runtime.spec, input.runtimeClass);
  const sections: Partial<Record<ComponentType, ComponentConfig>> = {};
  const topology: Partial<Record<ComponentType, ComponentTopology>> = {};
  for (const component of components) {
    sections[component.type] = componentConfig(component, input.runtime.spec.options);
    topology[component.type] = { podConfigs: input.observed.componentPods?.[component.type] ?? [], service: { name: component.serviceName ?? '' } };
  }
  return {
    mounts: nonEmpty((dataset.mounts ?? []).map((m) => mountConfig(m, dataset))),
    accessModes: dataset.accessModes?.length ? dataset.accessModes : ['ReadOnlyMany'],
    targetPath: cacheFuseMountPath(input.settings.mountRoot, datasetRefOf(input)),
    ...sections,
    topology,
  };
}

/** The file content: indented so the ConfigMap reads well in `synth` output; the keys are what images parse. */
export function runtimeConfigJson(config: CacheRuntimeConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}
