// Writes crds/schema/k8s/core.generated.ts: zod schemas for the Kubernetes core types Fluid embeds in its API
// (volumes, containers, pod templates, affinity ...), generated from the OpenAPI v3 document that ships inside the
// k8s.io/kubernetes Go module of the version our local control plane runs. Fluid's CRDs embed these types in full,
// so ours must declare every field too, or the apiserver would prune what users wrote.
//
// Run: npm run gen:k8s   (needs Go and the Go module proxy; the output is committed, so nothing else needs them)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../cluster/repo-root';

type Json = Record<string, any>;

/** Types Fluid's API embeds; everything they reference is generated too. */
const ROOTS = [
  'io.k8s.api.core.v1.Volume',
  'io.k8s.api.core.v1.VolumeMount',
  'io.k8s.api.core.v1.EnvVar',
  'io.k8s.api.core.v1.ContainerPort',
  'io.k8s.api.core.v1.ResourceRequirements',
  'io.k8s.api.core.v1.Probe',
  'io.k8s.api.core.v1.Lifecycle',
  'io.k8s.api.core.v1.Affinity',
  'io.k8s.api.core.v1.NodeSelector',
  'io.k8s.api.core.v1.Toleration',
  'io.k8s.api.core.v1.LocalObjectReference',
  'io.k8s.api.core.v1.PersistentVolumeClaim',
  'io.k8s.api.core.v1.PodSpec',
  'io.k8s.api.core.v1.PodTemplateSpec',
];

/** Types written by hand instead of generated, and the expression that stands for them. */
const SUBSTITUTES: Record<string, string> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity()',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'intOrString()',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'z.string().meta({ format: "date-time" })',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'z.string().meta({ format: "date-time" })',
  // Embedded metadata keeps only what a template may carry; see embedded-object-meta.ts.
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': 'EmbeddedObjectMeta',
};

function k8sVersion(): string {
  const goMod = join(REPO_ROOT, 'hack', 'control-plane', 'go.mod');
  const found = existsSync(goMod) ? /k8s\.io\/kubernetes (v[0-9.]+)/.exec(readFileSync(goMod, 'utf8')) : null;
  return found ? found[1] : 'v1.36.3';
}

function loadDefinitions(version: string): Json {
  const out = execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${version}`], {
    cwd: tmpdir(),
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' },
    encoding: 'utf8',
  });
  const dir = JSON.parse(out).Dir as string;
  return JSON.parse(readFileSync(join(dir, 'api', 'openapi-spec', 'v3', 'api__v1_openapi.json'), 'utf8')).components.schemas;
}

function shortName(ref: string): string {
  return ref.split('.').pop()!;
}

function refOf(node: Json): string | undefined {
  if (node.$ref) return node.$ref.replace('#/components/schemas/', '');
  if (Array.isArray(node.allOf) && node.allOf.length === 1 && node.allOf[0].$ref) return refOf(node.allOf[0]);
  return undefined;
}

class Emitter {
  private readonly emitted = new Set<string>();
  private readonly lines: string[] = [];

  constructor(private readonly defs: Json) {}

  emit(ref: string): string {
    if (SUBSTITUTES[ref]) return SUBSTITUTES[ref];
    const name = shortName(ref);
    if (this.emitted.has(ref)) return name;
    const def = this.defs[ref];
    if (!def) throw new Error(`OpenAPI definition ${ref} not found`);
    this.emitted.add(ref); // core types have no cycles; marking first keeps a future cycle from looping forever
    const body = this.expr(def);
    this.lines.push(`export const ${name} = ${body};`, `export type ${name} = z.infer<typeof ${name}>;`, '');
    return name;
  }

  private expr(node: Json): string {
    const ref = refOf(node);
    if (ref) return this.emit(ref);
    switch (node.type) {
      case 'string':
        return node.format === 'date-time' ? 'z.string().meta({ format: "date-time" })' : 'z.string()';
      case 'integer':
        return node.format === 'int32' ? 'int32()' : 'int64()';
      case 'number':
        return 'z.number()';
      case 'boolean':
        return 'z.boolean()';
      case 'array':
        return `z.array(${this.expr(node.items)})`;
      case 'object':
        return this.object(node);
      default:
        throw new Error(`unsupported OpenAPI node: ${JSON.stringify(node).slice(0, 200)}`);
    }
  }

  private object(node: Json): string {
    if (!node.properties) {
      if (node.additionalProperties) return `z.record(z.string(), ${this.expr(node.additionalProperties)})`;
      return 'z.strictObject({})';
    }
    const required = new Set<string>(node.required ?? []);
    const fields = Object.keys(node.properties)
      .sort()
      .map((key) => {
        const value = this.expr(node.properties[key]);
        return `  ${JSON.stringify(key)}: ${value}${required.has(key) ? '' : '.optional()'},`;
      });
    return `z.strictObject({\n${fields.join('\n')}\n})`;
  }

  source(version: string): string {
    return [
      `// Generated by \`npm run gen:k8s\` from the OpenAPI v3 document of Kubernetes ${version}`,
      '// (k8s.io/kubernetes api/openapi-spec/v3/api__v1_openapi.json). Do not edit by hand.',
      '// Descriptions, enums, defaults and list-type markers are left out on purpose: the apiserver validates the',
      '// objects built from these types, and the CRDs that embed them stay small.',
      "import { z } from 'zod';",
      "import { int32, int64, intOrString, quantity } from '../fields';",
      "import { EmbeddedObjectMeta } from './embedded-object-meta';",
      '',
      ...this.lines,
    ].join('\n');
  }
}

export const CORE_SCHEMAS_FILE = join(REPO_ROOT, 'crds', 'schema', 'k8s', 'core.generated.ts');

/** The text of core.generated.ts for the Kubernetes version the control plane is built from. */
export function coreSchemasSource(): { version: string; source: string } {
  const version = k8sVersion();
  const emitter = new Emitter(loadDefinitions(version));
  for (const root of ROOTS) emitter.emit(root);
  return { version, source: emitter.source(version) };
}

if (require.main === module) {
  const { version, source } = coreSchemasSource();
  writeFileSync(CORE_SCHEMAS_FILE, source);
  process.stdout.write(`wrote ${CORE_SCHEMAS_FILE} (Kubernetes ${version})\n`);
}
