// CacheRuntime: the generic runtime whose cache system is described by a CacheRuntimeClass rather than by code.
// Fluid builds these objects in Go without Helm (pkg/ddc/cache/engine, pkg/ddc/cache/component); we build the same
// names, labels, volumes and runtime.json, as plain apps/v1 workloads.
import type { Construct } from 'constructs';
import type { CacheRuntimeSpec } from '../../../crds/schema/cache-runtime';
import { fluidKind } from '../../../crds/schema/kinds';
import { RuntimeConfigMap } from '../../components/runtime-config-map';
import { BuiltRuntime, datasetRefOf, RenderInput, RuntimeEngine, WorkloadRef } from '../runtime-engine';
import { cacheRuntimeCacheClient } from './cache-client';
import { checkCacheRuntime } from './check';
import { componentPodTemplate } from './component-pod';
import { cacheDataLoad } from './data-load';
import { CACHE_MOUNT_TYPE, CACHE_RUNTIME_TYPE, cacheFuseMountPath, COMPONENT_NAME_LABEL, componentName, ComponentType, RUNTIME_CONFIG_FILE, RUNTIME_NAME_LABEL, runtimeConfigMapName } from './names';
import { runtimeConfig, runtimeConfigJson } from './runtime-config';
import { observeComponentPods } from './observed-pods';
import { enabledComponents } from './topology';
import { addComponent } from './workloads';

type Input = RenderInput<CacheRuntimeSpec>;

/** The class's extra ConfigMaps, exactly as declared, and runtime.json (pkg/ddc/cache/engine/cm.go). */
function addConfigMaps(scope: Construct, input: Input): void {
  for (const [i, cm] of (input.runtimeClass?.extraResources?.configMaps ?? []).entries()) {
    new RuntimeConfigMap(scope, `extra-${i}`, { name: cm.name ?? '', data: cm.data ?? {} });
  }
  new RuntimeConfigMap(scope, 'runtime-config', {
    name: runtimeConfigMapName(input.runtime.metadata.name),
    data: { [RUNTIME_CONFIG_FILE]: runtimeConfigJson(runtimeConfig(input)) },
  });
}

function build(scope: Construct, input: Input): BuiltRuntime {
  const name = input.runtime.metadata.name;
  if (!input.runtimeClass) throw new Error(`CacheRuntime ${name}: CacheRuntimeClass "${input.runtime.spec.runtimeClassName}" was not resolved`);
  addConfigMaps(scope, input);
  const refs: Partial<Record<ComponentType, WorkloadRef>> = {};
  for (const component of enabledComponents(name, input.runtime.spec, input.runtimeClass)) {
    if (!component.template.spec?.containers?.length) throw new Error(`CacheRuntime ${name}: the ${component.type} template has no container`);
    refs[component.type] = addComponent(scope, component, componentPodTemplate(component, input), input);
  }
  const clientNodeSelector = input.runtime.spec.client?.nodeSelector;
  return {
    master: refs.master,
    workers: refs.worker,
    fuse: refs.client,
    volume: {
      fluidPath: cacheFuseMountPath(input.settings.mountRoot, datasetRefOf(input)),
      mountType: CACHE_MOUNT_TYPE,
      // Fluid pins the PV to the client's node selector (pkg/ddc/base/runtime.go SetFuseNodeSelector).
      fuseNodeSelector: clientNodeSelector && Object.keys(clientNodeSelector).length ? clientNodeSelector : undefined,
    },
    // Fluid leaves status.selector unset for CacheRuntime (status.go TODO); the worker selector is what scaling needs.
    statusSelector: refs.worker ? `${RUNTIME_NAME_LABEL}=${name},${COMPONENT_NAME_LABEL}=${componentName(name, 'worker')}` : undefined,
  };
}

export const cacheEngine: RuntimeEngine<CacheRuntimeSpec> = {
  kind: 'CacheRuntime',
  runtimeType: CACHE_RUNTIME_TYPE,
  definition: fluidKind('CacheRuntime'),
  references: { kind: 'CacheRuntimeClass', field: 'spec.runtimeClassName' },
  status: { form: 'per-component', valueFile: runtimeConfigMapName },
  // No cacheQuota: Fluid builds a CacheRuntime's runtime info with an empty tiered store (pkg/ddc/cache/engine
  // runtime.go getRuntimeInfo), so its cache nodes carry only the total label, 0B.
  cache: cacheRuntimeCacheClient,
  observe: observeComponentPods,
  check: checkCacheRuntime,
  build,
  operations: { DataLoad: cacheDataLoad },
};
