// `fluid-cdk8s completion bash|zsh|fish`: prints the shell's completion script for every command and flag.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { completionScript, Shell, SHELLS } from './completion-scripts';
import { buildProgram } from './main';

function parseShell(value: string): Shell {
  if ((SHELLS as readonly string[]).includes(value)) return value as Shell;
  throw new InvalidArgumentError(`expected one of ${SHELLS.join(', ')}`);
}

export function registerCompletionCommand(program: Command): void {
  program
    .command('completion')
    .description(
      'print a completion script; load it with `source <(fluid-cdk8s completion bash)`, or save it once: ' +
        'bash ~/.local/share/bash-completion/completions/fluid-cdk8s, zsh a file _fluid-cdk8s in a folder of $fpath, ' +
        'fish ~/.config/fish/completions/fluid-cdk8s.fish',
    )
    .argument('<shell>', SHELLS.join(', '), parseShell)
    .action((shell: Shell) => {
      // Every command's flags: this is the one command that loads all command modules.
      process.stdout.write(completionScript(buildProgram([], true), shell));
    });
}
