// `fluid-cdk8s synth -f FILE...`: prints exactly the objects the operator will apply for these Fluid documents.
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryWith } from './engine-modules';
import { DEFAULT_SETTINGS, synthesize, SynthGroup } from '../operator/reconcilers/synthesize';
import { manifestsJson, manifestsYaml } from './manifest-yaml';
import { documentLabel, readAllDocuments } from './read-documents';
import type { MutateFlags } from './synth-mutate';

/** Where `--mutate` puts the fuse sidecar (the pod webhook's own modules load only with `--mutate`). */
const SIDECAR_MODES: readonly MutateFlags['fuseSidecarInjectionMode'][] = ['default', 'legacy', 'native-sidecar'];

/** What `-o` prints: YAML documents (the golden files' form) or one JSON List, as `kubectl get -o` does. */
const OUTPUT_FORMATS = ['yaml', 'json'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];

interface SynthOptions {
  readonly file: string[];
  readonly engine: string[];
  readonly output: OutputFormat;
  readonly outputDir?: string;
  readonly namespace: string;
  readonly mountRoot: string;
  readonly mutate?: boolean;
  readonly fuseSidecarInjectionMode: MutateFlags['fuseSidecarInjectionMode'];
  readonly pluginsProfile?: string;
}

function fileNameOf(group: SynthGroup, format: OutputFormat): string {
  return `${group.source.replace(/[ /]+/g, '-').toLowerCase()}.${format}`;
}

/** `-o` used to name a folder; say where that went instead of a bare "invalid choice". */
function parseFormat(value: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new InvalidArgumentError(`expected ${OUTPUT_FORMATS.join(' or ')}; to write files into a folder, use --output-dir ${value}`);
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
  if (opts.mutate) {
    const { printMutations } = require('./synth-mutate') as typeof import('./synth-mutate');
    return printMutations(values, registry, { defaultNamespace: opts.namespace, settings: { ...DEFAULT_SETTINGS, mountRoot: opts.mountRoot } }, opts);
  }
  const result = synthesize(values, registry, {
    defaultNamespace: opts.namespace,
    settings: { ...DEFAULT_SETTINGS, mountRoot: opts.mountRoot },
  });
  if (!result.ok) {
    for (const e of result.errors) for (const line of e.message.split('\n')) process.stderr.write(`error: ${line}\n`);
    return 1;
  }
  if (result.groups.length === 0 && !unreadable) process.stderr.write('warning: no runtime in the input, so nothing to render\n');
  const print = opts.output === 'json' ? manifestsJson : manifestsYaml;
  if (opts.outputDir) {
    mkdirSync(opts.outputDir, { recursive: true });
    for (const group of result.groups) {
      const path = join(opts.outputDir, fileNameOf(group, opts.output));
      writeFileSync(path, print([group]));
      process.stdout.write(`${path}\n`);
    }
  } else {
    process.stdout.write(print(result.groups));
  }
  return unreadable ? 1 : 0;
}

export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description('print the Kubernetes objects the operator will create for Fluid YAML (Dataset + runtime [+ profile/class])')
    .requiredOption('-f, --file <files...>', 'YAML or JSON files, multi-document allowed; folders are read recursively (*.yaml, *.yml, *.json); - reads standard input')
    .option('--engine <modules...>', "load runtime engines from these JavaScript modules (a runtime author's own)", [])
    .addOption(new Option('-o, --output <format>', 'output format: yaml documents or one JSON List').choices(OUTPUT_FORMATS).argParser(parseFormat).default('yaml'))
    .option('--output-dir <dir>', 'write one file per runtime (and data operation) into DIR, in the -o format, instead of printing')
    .option('-n, --namespace <ns>', 'namespace of objects that name none', 'default')
    .option('--mount-root <path>', "host folder for fuse mounts (Fluid's MOUNT_ROOT)", DEFAULT_SETTINGS.mountRoot)
    .option('--mutate', 'print the Pods of the files as the pod webhook admits them, instead of the runtimes\' objects')
    .addOption(new Option('--fuse-sidecar-injection-mode <mode>', 'with --mutate: where the fuse sidecar goes').choices(SIDECAR_MODES).default('default'))
    .option('--plugins-profile <file>', "with --mutate: the webhook-plugins profile (default: Fluid's chart default)")
    .action((opts: SynthOptions) => {
      process.exitCode = run(opts);
    });
}
