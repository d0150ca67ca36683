// `fluid-cdk8s validate FILE...`: checks every data.fluid.io document; exit 1 on any error.
import { Command } from 'commander';
import { describeRef, formatErrors, isFluidObject, objectWarnings, objectRefOf, validateObject } from '../crds/validate';
import { documentLabel, readAllDocuments, SourceDocument } from './read-documents';

export interface ValidateReport {
  readonly lines: string[];
  readonly errors: number;
}

const label = (doc: SourceDocument): string => documentLabel(doc);

export function validateFiles(files: readonly string[]): ValidateReport {
  const lines: string[] = [];
  let errors = 0;
  for (const doc of readAllDocuments(files)) {
    if (!doc.ok) {
      errors++;
      for (const line of doc.error.split('\n')) lines.push(`error ${label(doc)}: ${line}`);
      continue;
    }
    if (!isFluidObject(doc.value)) {
      lines.push(`skip ${label(doc)} ${describeRef(objectRefOf(doc.value))}: not a data.fluid.io object`);
      continue;
    }
    for (const line of formatErrors(objectRefOf(doc.value), objectWarnings(doc.value))) lines.push(`warn ${label(doc)} ${line}`);
    const result = validateObject(doc.value);
    if (result.ok) {
      lines.push(`ok ${label(doc)} ${describeRef(result.ref)}`);
    } else {
      errors += result.errors.length;
      for (const line of formatErrors(result.ref, result.errors)) lines.push(`error ${label(doc)} ${line}`);
    }
  }
  return { lines, errors };
}

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check Fluid YAML (data.fluid.io/v1alpha1) against the schemas; exit 1 on any error')
    .argument('<files...>', 'YAML or JSON files, multi-document allowed; folders are read recursively (*.yaml, *.yml, *.json); - reads standard input')
    .action((files: string[]) => {
      const report = validateFiles(files);
      for (const line of report.lines) process.stdout.write(`${line}\n`);
      if (report.errors) {
        process.stderr.write(`${report.errors} error(s)\n`);
        process.exitCode = 1;
      }
    });
}
