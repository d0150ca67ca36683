// `fluid-cdk8s synth -f FILE...`: prints exactly the objects the operator will apply for these Fluid documents.
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryWith } from './engine-modules';
import { DEFAULT_SETTINGS, synthesize, SynthGroup } from '../operator/reconcilers/synthesize';
import { manifestsJson, manifestsYaml } from './manifest-yaml';
import { documentLabel, readAllDocuments } from './read-documents';

interface SynthOptions {
  readonly file: string[];
  readonly engine: string[];
  readonly output?: string;
  readonly json?: boolean;
  readonly namespace: string;
  readonly mountRoot: string;
}

function fileNameOf(group: SynthGroup): string {
  return `${group.source.replace(/[ /]+/g, '-').toLowerCase()}.yaml`;
}

function run(opts: SynthOptions): number {
  // A document that cannot be read is reported and the others still rendered, as kubectl applies the rest of
  // its input; the exit code says something was wrong.
  const values: unknown[] = [];
  let unreadable = 0;
  for (const d of readAllDocuments(opts.file)) {
    if (d.ok) values.push(d.value);
    else {
      unreadable++;
      for (const line of d.error.split('\n')) process.stderr.write(`error: ${documentLabel(d)}: ${line}\n`);
    }
  }
  const registry = registryWith(opts.engine);
  const result = synthesize(values, registry, {
    defaultNamespace: opts.namespace,
    settings: { ...DEFAULT_SETTINGS, mountRoot: opts.mountRoot },
  });
  if (!result.ok) {
    for (const e of result.errors) for (const line of e.message.split('\n')) process.stderr.write(`error: ${line}\n`);
    return 1;
  }
  if (result.groups.length === 0 && !unreadable) process.stderr.write('warning: no runtime in the input, so nothing to render\n');
  if (opts.output) {
    mkdirSync(opts.output, { recursive: true });
    for (const group of result.groups) {
      const path = join(opts.output, fileNameOf(group));
      writeFileSync(path, opts.json ? manifestsJson([group]) : manifestsYaml([group]));
      process.stdout.write(`${path}\n`);
    }
  } else {
    process.stdout.write(opts.json ? manifestsJson(result.groups) : manifestsYaml(result.groups));
  }
  return unreadable ? 1 : 0;
}

export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description('print the Kubernetes objects the operator will create for Fluid YAML (Dataset + runtime [+ profile/class])')
    .requiredOption('-f, --file <files...>', 'YAML or JSON files, multi-document allowed; folders are read recursively (*.yaml, *.yml, *.json); - reads standard input')
    .option('--engine <modules...>', "load runtime engines from these JavaScript modules (a runtime author's own)", [])
    .option('-o, --output <dir>', 'write one file per runtime into DIR instead of printing')
    .option('--json', 'print a JSON List instead of YAML')
    .option('-n, --namespace <ns>', 'namespace of objects that name none', 'default')
    .option('--mount-root <path>', "host folder for fuse mounts (Fluid's MOUNT_ROOT)", DEFAULT_SETTINGS.mountRoot)
    .action((opts: SynthOptions) => {
      process.exitCode = run(opts);
    });
}
