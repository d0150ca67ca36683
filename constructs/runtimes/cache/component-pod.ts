// The pod template of one CacheRuntime component: the class template with the runtime's settings and what Fluid
// provides layered on, in Fluid's order (pkg/ddc/cache/engine/transform_common.go transformComponentPodTemplate,
// then transform_tiered_store.go, then transform_volumes.go). Only container[0] (and initContainer[0]) are edited:
// the class author decides what the other containers do.
import type { CacheRuntimeSpec } from '../../../crds/schema/cache-runtime';
import type { Container, EnvVar, LocalObjectReference, PodSpec, ResourceRequirements, Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import type { PodTemplate } from '../../components/pod-template';
import { canonicalQuantity, parseQuantity } from '../../quantity';
import { datasetRefOf, RenderInput } from '../runtime-engine';
import {
  cacheFuseMountPath,
  extraConfigMapVolumeName,
  RUNTIME_CONFIG_DIR,
  RUNTIME_CONFIG_PATH,
  runtimeConfigMapName,
  runtimeConfigVolumeName,
} from './names';
import { secretsToMount, secretVolumes } from './secrets';
import { tierMedium, tierVolumes } from './tiered-store';
import type { CacheComponent } from './topology';
import { upsertByName } from '../../components/pod-template';

type Input = RenderInput<CacheRuntimeSpec>;

function mergeMaps(...maps: (Record<string, string> | undefined)[]): Record<string, string> | undefined {
  const merged = Object.assign({}, ...maps.map((m) => m ?? {}));
  return Object.keys(merged).length ? merged : undefined;
}

/** The FLUID_* variables every component reads, first in container[0] and initContainer[0]. */
function fluidEnv(component: CacheComponent, input: Input): EnvVar[] {
  const ds = datasetRefOf(input);
  return [
    { name: 'FLUID_DATASET_NAME', value: ds.name },
    { name: 'FLUID_DATASET_NAMESPACE', value: ds.namespace },
    { name: 'FLUID_RUNTIME_CONFIG_PATH', value: RUNTIME_CONFIG_PATH },
    { name: 'FLUID_RUNTIME_MOUNT_PATH', value: cacheFuseMountPath(input.settings.mountRoot, ds) },
    { name: 'FLUID_RUNTIME_COMPONENT_TYPE', value: component.type },
    // curvine's master names itself after this Service (transform_common.go).
    { name: 'FLUID_RUNTIME_COMPONENT_SVC_NAME', value: component.serviceName ?? '' },
  ];
}

/** Image only when both image and tag are set; resources replace the template's; args replace; env appends. */
function withRuntimeOverrides(container: Container, component: CacheComponent): Container {
  const { runtimeVersion: version, resources, args, env } = component.spec;
  const out: Container = { ...container };
  if (version?.image && version.imageTag) out.image = `${version.image}:${version.imageTag}`;
  if (version?.imagePullPolicy) out.imagePullPolicy = version.imagePullPolicy;
  if (resources?.limits || resources?.requests) out.resources = resources;
  if (args) out.args = args;
  if (env) out.env = [...(container.env ?? []), ...env];
  return out;
}

/** `memory + quota`, printed in the unit style of `memory` as Go's Quantity.Add keeps the receiver's format. */
function grownMemory(list: Record<string, string | number> | undefined, quota: string | number): Record<string, string | number> | undefined {
  const current = list?.memory === undefined ? undefined : parseQuantity(list.memory);
  const extra = parseQuantity(quota);
  // Only a set, non-zero memory amount grows: an unset one means the container is not constrained.
  if (!list || !current || current.nanos === 0n || !extra) return list;
  return { ...list, memory: canonicalQuantity({ nanos: current.nanos + extra.nanos, binary: current.binary }) };
}

/** Memory-backed tiers take their quota from the container (transform_tiered_store.go handleProcessMemory). */
function withMemory(resources: ResourceRequirements | undefined, quota: string | number): ResourceRequirements | undefined {
  if (!resources) return resources;
  return { ...resources, requests: grownMemory(resources.requests, quota), limits: grownMemory(resources.limits, quota) };
}

function withMounts(container: Container, mounts: readonly VolumeMount[]): Container {
  return mounts.length ? { ...container, volumeMounts: upsertByName(container.volumeMounts, mounts) } : container;
}

/** Cache tiers: one volume per medium (per path for hostPath), mounted in container[0]. */
function withTieredStore(spec: PodSpec, component: CacheComponent): PodSpec {
  let [main, ...rest] = spec.containers;
  let volumes = spec.volumes;
  component.tieredLevels.forEach((level, i) => {
    const tier = tierVolumes(tierMedium(level), i);
    volumes = upsertByName(volumes, tier.volumes);
    main = withMounts(main, tier.mounts);
    if (tier.memory !== undefined) main = { ...main, resources: withMemory(main.resources, tier.memory) };
  });
  return { ...spec, containers: [main, ...rest], volumes };
}

/** Volumes and the mounts of container[0] (`main`) and initContainer[0] (`init`). */
interface VolumeSet {
  readonly volumes: readonly Volume[];
  readonly main: readonly VolumeMount[];
  readonly init: readonly VolumeMount[];
}

function configVolumes(component: CacheComponent, runtimeName: string): VolumeSet {
  const configMount = { name: runtimeConfigVolumeName(runtimeName), mountPath: RUNTIME_CONFIG_DIR, readOnly: true };
  const extras = component.definition.dependencies?.extraResources?.configMaps ?? [];
  const extraMounts = extras.map((cm) => ({ name: extraConfigMapVolumeName(runtimeName, cm.name ?? ''), mountPath: cm.mountPath ?? '', readOnly: true }));
  const volumes = [
    { name: runtimeConfigVolumeName(runtimeName), configMap: { name: runtimeConfigMapName(runtimeName) } },
    ...extras.map((cm) => ({ name: extraConfigMapVolumeName(runtimeName, cm.name ?? ''), configMap: { name: cm.name } })),
  ];
  return { volumes, main: [configMount, ...extraMounts], init: [configMount, ...extraMounts] };
}

/** Runtime volumes named by the component's volumeMounts, unless the pod already has a volume of that name. */
function runtimeVolumes(spec: PodSpec, component: CacheComponent, input: Input): VolumeSet {
  const mounts = component.spec.volumeMounts ?? [];
  const wanted = new Set(mounts.map((m) => m.name));
  const present = new Set((spec.volumes ?? []).map((v) => v.name));
  const volumes = (input.runtime.spec.volumes ?? []).filter((v) => wanted.has(v.name) && !present.has(v.name));
  return { volumes, main: mounts, init: [] };
}

function applyVolumes(spec: PodSpec, set: VolumeSet): PodSpec {
  const [main, ...rest] = spec.containers;
  const [init, ...restInit] = spec.initContainers ?? [];
  return {
    ...spec,
    volumes: upsertByName(spec.volumes, set.volumes),
    containers: [withMounts(main, set.main), ...rest],
    ...(init ? { initContainers: [withMounts(init, set.init), ...restInit] } : {}),
  };
}

function withFluidEnv(spec: PodSpec, env: readonly EnvVar[]): PodSpec {
  const prepend = (c: Container): Container => ({ ...c, env: [...env, ...(c.env ?? [])] });
  const [main, ...rest] = spec.containers;
  const [init, ...restInit] = spec.initContainers ?? [];
  return { ...spec, containers: [prepend(main), ...rest], ...(init ? { initContainers: [prepend(init), ...restInit] } : {}) };
}

/** Scheduling and pull settings: class template first, then the Dataset, then the runtime. */
function withScheduling(spec: PodSpec, component: CacheComponent, input: Input): PodSpec {
  const tolerations = [...(spec.tolerations ?? []), ...(input.dataset.spec.tolerations ?? []), ...(component.spec.tolerations ?? [])];
  return {
    ...spec,
    nodeSelector: mergeMaps(spec.nodeSelector, component.spec.nodeSelector),
    tolerations: tolerations.length ? tolerations : undefined,
    imagePullSecrets: pullSecrets(spec.imagePullSecrets, input.runtime.spec.imagePullSecrets),
  };
}

/** The class template's pull secrets, then the runtime's, each name once. */
function pullSecrets(fromClass: readonly LocalObjectReference[] = [], fromRuntime: readonly LocalObjectReference[] = []): LocalObjectReference[] | undefined {
  const names = [...new Set([...fromClass, ...fromRuntime].map((s) => s.name ?? ''))];
  return names.length ? names.map((name) => ({ name })) : undefined;
}

/**
 * The component's pod template, before its workload adds the selector, worker placement or the client mount.
 * Runtime-wide podMetadata and imagePullSecrets apply under the component's own (Fluid declares them but ignores them).
 */
export function componentPodTemplate(component: CacheComponent, input: Input): PodTemplate {
  const runtimeName = input.runtime.metadata.name;
  // Every step copies what it changes, so the class object is never modified and needs no deep copy (a
  // structuredClone'd object from another realm would also trip cdk8s's union-type resolver on `{name, value}`).
  const classSpec: PodSpec = component.template.spec ?? { containers: [] };
  const [main, ...rest] = classSpec.containers;
  let spec = withScheduling({ ...classSpec, containers: [withRuntimeOverrides(main, component), ...rest] }, component, input);
  spec = withFluidEnv(spec, fluidEnv(component, input));
  spec = withTieredStore(spec, component);
  spec = applyVolumes(spec, configVolumes(component, runtimeName));
  spec = applyVolumes(spec, runtimeVolumes(spec, component, input));
  if (component.mountSecrets) {
    const secrets = secretVolumes(secretsToMount(input.dataset.spec));
    spec = applyVolumes(spec, { ...secrets, main: secrets.mounts, init: [] });
  }
  const meta = component.template.metadata;
  return {
    labels: mergeMaps(meta?.labels, input.runtime.spec.podMetadata?.labels, component.spec.podMetadata?.labels),
    annotations: mergeMaps(meta?.annotations, input.runtime.spec.podMetadata?.annotations, component.spec.podMetadata?.annotations),
    spec,
  };
}
