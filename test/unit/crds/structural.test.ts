// Every generated CRD must be structural, or the apiserver rejects it (or, for older servers, prunes nothing and
// validates nothing). And every field we declare for Fluid's API carries a one-line doc.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import * as core from '../../../crds/schema/k8s/core.generated';
import { VolumeSource } from '../../../crds/schema/common/tiered-store';
import { KINDS } from '../../../crds/schema/kinds';
import { unwrap } from '../../../crds/schema-walk';
import { REPO_ROOT } from '../../../scripts/fluid-samples';

type Node = { [key: string]: any };
const CRD_DIR = join(REPO_ROOT, 'crds');
const crds = readdirSync(CRD_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f, parse(readFileSync(join(CRD_DIR, f), 'utf8'))] as const);

function structuralProblems(node: Node, path: string, out: string[]): void {
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  for (const key of ['anyOf', 'oneOf', 'allOf', 'not']) {
    if (!node[key]) continue;
    const allowed = key === 'anyOf' && intOrString && JSON.stringify(node.anyOf) === '[{"type":"integer"},{"type":"string"}]';
    if (!allowed) out.push(`${path}: ${key} is not allowed`);
  }
  if (!node.type && !intOrString && node['x-kubernetes-preserve-unknown-fields'] !== true) out.push(`${path}: no type`);
  if (node.$ref) out.push(`${path}: $ref`);
  if (node.properties && node.additionalProperties) out.push(`${path}: properties and additionalProperties`);
  for (const [key, child] of Object.entries<Node>(node.properties ?? {})) structuralProblems(child, `${path}.${key}`, out);
  if (node.items) structuralProblems(node.items, `${path}[]`, out);
  if (typeof node.additionalProperties === 'object') structuralProblems(node.additionalProperties, `${path}{}`, out);
}

describe('generated CRDs', () => {
  it('there is one per kind', () => {
    expect(crds.map(([, crd]) => crd.spec.names.kind).sort()).toEqual(KINDS.map((k) => k.kind).sort());
  });

  it.each(crds)('%s is structural', (_file, crd) => {
    expect(crd.apiVersion).toBe('apiextensions.k8s.io/v1');
    const problems: string[] = [];
    for (const version of crd.spec.versions) structuralProblems(version.schema.openAPIV3Schema, version.name, problems);
    expect(problems).toEqual([]);
  });

  it.each(crds)('%s keeps unknown fields only in free-form content', (_file, crd) => {
    const preserved: string[] = [];
    const walk = (node: Node, path: string) => {
      if (node['x-kubernetes-preserve-unknown-fields']) preserved.push(path);
      for (const [key, child] of Object.entries<Node>(node.properties ?? {})) walk(child, `${path}.${key}`);
      if (node.items) walk(node.items, `${path}[]`);
      if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}{}`);
    };
    walk(crd.spec.versions[0].schema.openAPIV3Schema, '');
    expect(preserved).toEqual([]);
  });
});

describe('schema docs', () => {
  // .describe() clones a schema but keeps its definition object, so core types are recognised by definition.
  const coreDefinitions = new Set<unknown>([...Object.values(core), VolumeSource].map((s) => (s as any)._zod.def));

  function undocumented(schema: z.ZodType, path: string, out: string[]): void {
    const inner = unwrap(schema);
    const def = (inner as any)._zod.def;
    if (coreDefinitions.has(def)) return;
    if (def.type === 'object') {
      for (const [key, field] of Object.entries<z.ZodType>(def.shape)) {
        if (!field.description && !unwrap(field).description) out.push(`${path}.${key}`);
        undocumented(field, `${path}.${key}`, out);
      }
    } else if (def.type === 'array') undocumented(def.element, `${path}[]`, out);
    else if (def.type === 'record') undocumented(def.valueType, `${path}{}`, out);
  }

  it.each(KINDS.map((k) => [k.kind, k] as const))('every field of %s has a one-line doc', (_kind, def) => {
    const out: string[] = [];
    undocumented(def.body, def.kind, out);
    expect(out).toEqual([]);
  });
});
