// `fluid-cdk8s validate FILE...`: checks every data.fluid.io document; exit 1 on any error.
import type { Command } from 'commander';
import { Option } from 'commander';
import type { FieldError } from '../crds/field-error';
import { describeRef, formatErrors, isFluidObject, ObjectRef, objectWarnings, objectRefOf, validateObject } from '../crds/validate';
import { kindDefinition } from '../crds/schema/kinds';
import { documentLabel, readAllDocuments } from './read-documents';

/** One document's verdict; `-o json` prints these as they are. */
export interface DocumentResult {
  readonly file: string;
  /** The document's position in its file, from 0. */
  readonly index: number;
  /** The item's position when the document is a List that was expanded. */
  readonly item?: number;
  /** `ok`: valid; `error`: invalid or unreadable; `skip`: not a data.fluid.io object. */
  readonly result: 'ok' | 'error' | 'skip';
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly errors: readonly FieldError[];
  /** What the apiserver refuses although Fluid's schema allows it; never changes the exit code. */
  readonly warnings: readonly FieldError[];
}

export interface ValidateReport {
  readonly documents: readonly DocumentResult[];
  /** The text output, one line per document, error and warning. */
  readonly lines: string[];
  readonly errors: number;
}

/**
 * The object as the apiserver would name it: a namespaced Fluid kind without a namespace lands in the default one
 * (kubectl's, or `-n`), so messages read `Dataset default/demo`, as `synth` and the operator write them.
 */
function namedRef(doc: unknown, namespace: string): ObjectRef {
  const ref = objectRefOf(doc);
  const namespaced = ref.kind !== undefined && kindDefinition(ref.kind)?.scope === 'Namespaced';
  return namespaced && ref.namespace === undefined && isFluidObject(doc) ? { ...ref, namespace } : ref;
}

type Where = { readonly file: string; readonly index: number; readonly item?: number };

function resultOf(where: Where, doc: unknown, namespace: string): DocumentResult {
  const ref = namedRef(doc, namespace);
  const named = { kind: ref.kind, namespace: ref.namespace, name: ref.name };
  const at = { file: where.file, index: where.index, ...(where.item === undefined ? {} : { item: where.item }) };
  if (!isFluidObject(doc)) return { ...at, result: 'skip', ...named, errors: [], warnings: [] };
  const warnings = objectWarnings(doc);
  const validation = validateObject(doc);
  return { ...at, result: validation.ok ? 'ok' : 'error', ...named, errors: validation.ok ? [] : validation.errors, warnings };
}

function textLines(d: DocumentResult): string[] {
  const at = documentLabel(d);
  const ref: ObjectRef = { kind: d.kind, namespace: d.namespace, name: d.name };
  if (d.result === 'skip') return [`skip ${at} ${describeRef(ref)}: not a data.fluid.io object`];
  const warnings = formatErrors(ref, d.warnings).map((l) => `warn ${at} ${l}`);
  if (d.result === 'ok') return [...warnings, `ok ${at} ${describeRef(ref)}`];
  return [...warnings, ...formatErrors(ref, d.errors).map((l) => `error ${at} ${l}`)];
}

export function validateFiles(files: readonly string[], namespace = 'default'): ValidateReport {
  const documents: DocumentResult[] = [];
  const lines: string[] = [];
  for (const doc of readAllDocuments(files)) {
    if (doc.ok) {
      const result = resultOf(doc, doc.value, namespace);
      documents.push(result);
      lines.push(...textLines(result));
    } else {
      // Unreadable (the file, its YAML, or an object the apiserver would refuse whole): there may be no object to name.
      const at = { file: doc.file, index: doc.index, ...(doc.item === undefined ? {} : { item: doc.item }) };
      documents.push({ ...at, result: 'error', errors: [{ path: '', message: doc.error }], warnings: [] });
      for (const line of doc.error.split('\n')) lines.push(`error ${documentLabel(doc)}: ${line}`);
    }
  }
  return { documents, lines, errors: documents.reduce((n, d) => n + d.errors.length, 0) };
}

/** `text`: one line per document for people; `json`: every document's result for scripts and CI. */
const VALIDATE_FORMATS = ['text', 'json'] as const;

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check Fluid YAML (data.fluid.io/v1alpha1) against the schemas; exit 1 on any error')
    .argument('<files...>', 'YAML or JSON files, multi-document allowed; folders are read recursively (*.yaml, *.yml, *.json); - reads standard input')
    .addOption(new Option('-o, --output <format>', 'text lines, or one JSON object with every document\'s result').choices(VALIDATE_FORMATS).default('text'))
    .option('-n, --namespace <ns>', 'namespace of objects that name none, as in messages', 'default')
    .action((files: string[], opts: { output: (typeof VALIDATE_FORMATS)[number]; namespace: string }) => {
      const report = validateFiles(files, opts.namespace);
      if (opts.output === 'json') {
        process.stdout.write(`${JSON.stringify({ errors: report.errors, documents: report.documents }, null, 2)}\n`);
      } else {
        for (const line of report.lines) process.stdout.write(`${line}\n`);
      }
      if (report.errors) {
        process.stderr.write(`${report.errors} error(s)\n`);
        process.exitCode = 1;
      }
    });
}
