// Typed runtime inputs for engine tests (Jindo, JuiceFS): documents validated the way `synth` validates them, so
// zod defaults apply, paired by hand, rendered with renderRuntime, and looked up by kind and name.
import type { DatasetSpec } from '../../../../crds/schema/dataset';
import { validateObject } from '../../../../crds/validate';
import { KubeObject, renderRuntime } from '../../../../constructs/render-runtime';
import type { FluidObject, RenderInput, RuntimeEngine } from '../../../../constructs/runtimes/runtime-engine';

export const NS = 'team-a';
export const NAME = 'demo';

export type Obj = KubeObject & { metadata: any; spec: any; data: any };
type EnvEntry = { name: string; value?: string; valueFrom?: unknown };
type Container = { name: string; env?: EnvEntry[]; [key: string]: any };

export function fluid<T>(kind: string, spec: unknown, metadata: Record<string, unknown> = {}): FluidObject<T> {
  const doc = { apiVersion: 'data.fluid.io/v1alpha1', kind, metadata: { name: NAME, namespace: NS, ...metadata }, spec };
  const result = validateObject(doc);
  if (!result.ok) throw new Error(`invalid ${kind}: ${JSON.stringify(result.errors)}`);
  return result.object as FluidObject<T>;
}

export interface Inputs {
  /** Runtime spec fields, merged over the test file's base spec. */
  readonly runtime?: Record<string, unknown>;
  /** The whole Dataset spec, replacing the base one. */
  readonly dataset?: Record<string, unknown>;
  readonly annotations?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly mountRoot?: string;
}

export interface Base {
  readonly kind: string;
  readonly runtime: Record<string, unknown>;
  readonly dataset: Record<string, unknown>;
}

export function inputOf<Spec>(base: Base, i: Inputs = {}): RenderInput<Spec> {
  return {
    runtime: fluid<Spec>(base.kind, { ...base.runtime, ...i.runtime }, i.annotations ? { annotations: i.annotations } : {}),
    dataset: fluid<DatasetSpec>('Dataset', i.dataset ?? base.dataset),
    settings: { mountRoot: i.mountRoot ?? '/runtime-mnt', env: i.env ?? {} },
    observed: {},
  };
}

export function rendered<Spec>(engine: RuntimeEngine<Spec>, input: RenderInput<Spec>) {
  const { objects, built } = renderRuntime(engine, input);
  const find = (kind: string, name: string): Obj => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
    return found as Obj;
  };
  const container = (workload: Obj, name: string): Container => {
    const found = workload.spec.template.spec.containers.find((c: Container) => c.name === name);
    if (!found) throw new Error(`no container ${name}`);
    return found;
  };
  return { objects: objects as Obj[], built, find, container };
}

/** name -> value (or valueFrom) of a container's environment. */
export const envOf = (c: { env?: EnvEntry[] }) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));
export const namesOf = (list: { name: string }[] | undefined) => (list ?? []).map((x) => x.name);

/** Every JSON path (a.b[0].c) under which `needle` occurs in a string value. */
export function pathsContaining(value: unknown, needle: string, at = ''): string[] {
  if (typeof value === 'string') return value.includes(needle) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsContaining(v, needle, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [...(k.includes(needle) ? [`${at}.${k}(key)`] : []), ...pathsContaining(v, needle, at ? `${at}.${k}` : k)]);
  }
  return [];
}

export const LIBRARY = (chart: string) => ({
  'app.kubernetes.io/name': chart,
  'app.kubernetes.io/instance': NAME,
  'app.kubernetes.io/managed-by': 'fluid-cdk8s',
  'fluid.io/managed-by': 'fluid',
  'fluid.io/dataset-id': `${NS}-${NAME}`,
});
