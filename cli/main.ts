// The fluid-cdk8s command line.
//
// Start-up cost is most of what a short command like `validate` or `synth` pays, so main.ts loads nothing but
// commander (and reads package.json's version): each command lives in its own module, and only the module of the
// command being run is required. Every other command is registered as a stub carrying its name and summary, so
// `fluid-cdk8s --help` and "unknown command" suggestions still list them all without loading any of them.
//
// To add a command:
//   1. write cli/<name>.ts exporting `register...(program)`, which defines the command, its flags and its action
//      (its imports are loaded only when that command runs, so they may be as heavy as the command needs);
//   2. add one row to COMMANDS below: the name, its arguments if any, a one-line summary for the command list, and
//      a `load` that require()s the module (a require inside a function, never an import at the top, which would
//      load it for every command).
// `test/unit/cli/main.test.ts` checks that the rows match what the modules register and that `--help`, `synth` and
// `validate` load none of the operator's modules; `npm run bench:cli` prints the start-up figures.
import { Command } from 'commander';
import { packageVersion } from '../constructs/operator/operator-image';

type Register = (program: Command) => void;

export interface CommandEntry {
  /** The command's name, as typed. */
  readonly name: string;
  /** Its arguments as shown in the command list (the module's own definition is what parses them). */
  readonly args?: string;
  /** One line for `fluid-cdk8s --help`. */
  readonly summary: string;
  /** Requires the command's module and returns its register function. */
  readonly load: () => Register;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'validate', args: '<files...>', summary: 'check Fluid YAML against the schemas', load: () => (require('./validate') as typeof import('./validate')).registerValidateCommand },
  { name: 'synth', summary: 'print the Kubernetes objects the operator will create for Fluid YAML', load: () => (require('./synth') as typeof import('./synth')).registerSynthCommand },
  { name: 'demo', summary: 'a local control plane, the operator and two example Datasets taken to Bound', load: () => (require('./demo') as typeof import('./demo')).registerDemoCommand },
  { name: 'install', summary: 'print the CRDs, RBAC, operator and CSI plugin for kubectl apply', load: () => (require('./install') as typeof import('./install')).registerInstallCommand },
  { name: 'operator', summary: 'run the operator', load: () => (require('./operator') as typeof import('./operator')).registerOperatorCommand },
  { name: 'csi', summary: 'run the fuse.csi.fluid.io CSI node plugin', load: () => (require('./csi') as typeof import('./csi')).registerCsiCommand },
  { name: 'cluster', summary: 'start or stop a local Kubernetes control plane', load: () => (require('./cluster') as typeof import('./cluster')).registerClusterCommands },
  { name: 'diff', summary: 'show what applying Fluid YAML would change in the objects the operator manages', load: () => (require('./diff') as typeof import('./diff')).registerDiffCommand },
  { name: 'uninstall', summary: 'delete the CRs, wait for the operator to release them, then the operator and the CRDs', load: () => (require('./uninstall') as typeof import('./uninstall')).registerUninstallCommand },
  { name: 'completion', args: '<shell>', summary: 'print a bash, zsh or fish completion script', load: () => (require('./completion') as typeof import('./completion')).registerCompletionCommand },
];

/** The command argv names: its first word that is not an option, or the word after `help`. */
export function selectedCommand(argv: readonly string[]): string | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * The program for this command line: the selected command fully registered, every other one as a stub.
 * `loadAll` registers every command for real (the completion scripts and the tests need every flag).
 */
export function buildProgram(argv: readonly string[] = process.argv, loadAll = false): Command {
  const program = new Command('fluid-cdk8s')
    .description("Fluid's data orchestration for Kubernetes, as cdk8s constructs and an operator")
    .showHelpAfterError();
  program.version(packageVersion(), '-V, --version', 'print the version');
  const selected = selectedCommand(argv);
  for (const entry of COMMANDS) {
    if (loadAll || entry.name === selected) {
      entry.load()(program);
      // The short line for command lists (completion scripts); the module's description stays for its own help.
      program.commands.find((c) => c.name() === entry.name)?.summary(entry.summary);
    } else program.command(entry.args ? `${entry.name} ${entry.args}` : entry.name).summary(entry.summary);
  }
  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      process.stderr.write(`fluid-cdk8s: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    });
}
