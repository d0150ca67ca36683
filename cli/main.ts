// The fluid-cdk8s command line.
import { Command } from 'commander';
import { registerClusterCommands } from './cluster';
import { registerCsiCommand } from './csi';
import { registerDemoCommand } from './demo';
import { registerDiffCommand } from './diff';
import { registerInstallCommand } from './install';
import { registerOperatorCommand } from './operator';
import { registerSynthCommand } from './synth';
import { registerUninstallCommand } from './uninstall';
import { registerValidateCommand } from './validate';

export function buildProgram(): Command {
  const program = new Command('fluid-cdk8s')
    .description("Fluid's data orchestration for Kubernetes, as cdk8s constructs and an operator")
    .showHelpAfterError();
  registerValidateCommand(program);
  registerSynthCommand(program);
  registerDiffCommand(program);
  registerDemoCommand(program);
  registerInstallCommand(program);
  registerUninstallCommand(program);
  registerOperatorCommand(program);
  registerCsiCommand(program);
  registerClusterCommands(program);
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
