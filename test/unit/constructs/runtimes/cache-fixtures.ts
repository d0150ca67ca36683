// Typed CacheRuntime inputs for the cache engine tests: documents validated like `synth` validates them, so zod
// defaults apply, then paired by hand.
import { validateObject } from '../../../../crds/validate';
import type { CacheRuntimeSpec } from '../../../../crds/schema/cache-runtime';
import type { DatasetSpec } from '../../../../crds/schema/dataset';
import { KubeObject, renderRuntime } from '../../../../constructs/render-runtime';
import { cacheEngine } from '../../../../constructs/runtimes/cache/engine';
import type { CacheRuntimeClassObject, FluidObject, ObservedCluster, RenderInput } from '../../../../constructs/runtimes/runtime-engine';

export type Obj = KubeObject & { spec?: any; data?: any; metadata: any };

function valid<T>(doc: Record<string, unknown>): T {
  const result = validateObject(doc);
  if (!result.ok) throw new Error(`test input does not validate: ${JSON.stringify(result.errors)}`);
  return result.object as T;
}

/** A Fluid-spelled class: master and worker with headless Services, a privileged client. */
export function fluidClass(extra: Record<string, unknown> = {}, topology: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'CacheRuntimeClass',
    metadata: { name: 'demofs' },
    fileSystemType: 'demofs',
    topology: {
      master: {
        options: { level: 'class', 'class-only': 'm' },
        service: { headless: {} },
        template: {
          spec: {
            initContainers: [{ name: 'init-config', image: 'example/init:v1' }],
            containers: [{ name: 'master', image: 'example/demofs:v1', env: [{ name: 'FROM_TEMPLATE', value: '1' }] }, { name: 'sidecar', image: 'example/sidecar:v1' }],
          },
        },
      },
      worker: {
        service: { headless: {} },
        template: { spec: { containers: [{ name: 'worker', image: 'example/demofs:v1' }] } },
      },
      client: {
        template: { spec: { containers: [{ name: 'client', image: 'example/demofs:v1', securityContext: { privileged: true } }] } },
      },
      ...topology,
    },
    ...extra,
  };
}

export function runtimeDoc(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'data.fluid.io/v1alpha1', kind: 'CacheRuntime', metadata: { name: 'demo', namespace: 'team-a' }, spec: { runtimeClassName: 'demofs', ...spec } };
}

export function datasetDoc(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'Dataset',
    metadata: { name: 'demo', namespace: 'team-a' },
    spec: { mounts: [{ mountPoint: 'demofs:///data', name: 'data' }], ...spec },
  };
}

export interface Docs {
  readonly runtime?: Record<string, unknown>;
  readonly dataset?: Record<string, unknown>;
  readonly runtimeClass?: Record<string, unknown>;
  readonly observed?: ObservedCluster;
}

export function inputOf(docs: Docs = {}): RenderInput<CacheRuntimeSpec> {
  return {
    runtime: valid<FluidObject<CacheRuntimeSpec>>(docs.runtime ?? runtimeDoc()),
    dataset: valid<FluidObject<DatasetSpec>>(docs.dataset ?? datasetDoc()),
    runtimeClass: valid<CacheRuntimeClassObject>(docs.runtimeClass ?? fluidClass()),
    settings: { mountRoot: '/runtime-mnt', env: {} },
    observed: docs.observed ?? {},
  };
}

export function render(docs: Docs = {}): Obj[] {
  return renderRuntime(cacheEngine, inputOf(docs)).objects as Obj[];
}

export function find(objects: readonly Obj[], kind: string, name: string): Obj {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}; have ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

/** container[0] of a workload's pod template. */
export function mainContainer(workload: Obj): any {
  return workload.spec.template.spec.containers[0];
}

export function runtimeJson(objects: readonly Obj[]): any {
  return JSON.parse(find(objects, 'ConfigMap', 'fluid-runtime-config-demo').data['runtime.json']);
}
