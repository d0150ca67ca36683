// `fluid-cdk8s synth -f FILE...`: prints exactly the objects the operator will apply for these Fluid documents.
import { Command, Option } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryWith } from './engine-modules';
import { DEFAULT_SETTINGS, synthesize, SynthGroup } from '../operator/reconcilers/synthesize';
import { manifestsJson, manifestsYaml } from './manifest-yaml';
import { readDocuments } from './read-documents';
import { printMutations, MutateFlags, SIDECAR_MODES } from './synth-mutate';

interface SynthOptions {
  readonly file: string[];
  readonly engine: string[];
  readonly output?: string;
  readonly json?: boolean;
  readonly namespace: string;
  readonly mountRoot: string;
  readonly mutate?: boolean;
  readonly fuseSidecarInjectionMode: MutateFlags['fuseSidecarInjectionMode'];
  readonly pluginsProfile?: string;
}

function fileNameOf(group: SynthGroup): string {
  return `${group.source.replace(/[ /]+/g, '-').toLowerCase()}.yaml`;
}

function run(opts: SynthOptions): number {
  const docs = opts.file.flatMap(readDocuments);
  const unreadable = docs.filter((d) => !d.ok);
  for (const d of unreadable) if (!d.ok) process.stderr.write(`error: ${d.file}#${d.index}: ${d.error}\n`);
  if (unreadable.length) return 1;
  const values = docs.flatMap((d) => (d.ok ? [d.value] : []));
  const registry = registryWith(opts.engine);
  if (opts.mutate) {
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
  if (result.groups.length === 0) process.stderr.write('warning: no runtime in the input, so nothing to render\n');
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
  return 0;
}

export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description('print the Kubernetes objects the operator will create for Fluid YAML (Dataset + runtime [+ profile/class])')
    .requiredOption('-f, --file <files...>', 'YAML files, multi-document allowed; - reads standard input')
    .option('--engine <modules...>', "load runtime engines from these JavaScript modules (a runtime author's own)", [])
    .option('-o, --output <dir>', 'write one file per runtime into DIR instead of printing')
    .option('--json', 'print a JSON List instead of YAML')
    .option('-n, --namespace <ns>', 'namespace of objects that name none', 'default')
    .option('--mount-root <path>', "host folder for fuse mounts (Fluid's MOUNT_ROOT)", DEFAULT_SETTINGS.mountRoot)
    .option('--mutate', 'print the Pods of the files as the pod webhook admits them, instead of the runtimes\' objects')
    .addOption(new Option('--fuse-sidecar-injection-mode <mode>', 'with --mutate: where the fuse sidecar goes').choices(SIDECAR_MODES).default('default'))
    .option('--plugins-profile <file>', "with --mutate: the webhook-plugins profile (default: Fluid's chart default)")
    .action((opts: SynthOptions) => {
      process.exitCode = run(opts);
    });
}
