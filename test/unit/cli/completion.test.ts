// `fluid-cdk8s completion bash|zsh|fish`: the bash script is run by bash itself on typed command lines; the zsh and
// fish scripts are checked for what they must contain (neither shell is part of the test machine).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../cluster/repo-root';
import { completionScript } from '../../../cli/completion-scripts';
import { buildProgram } from '../../../cli/main';

const BIN = join(REPO_ROOT, 'bin', 'fluid-cdk8s.js');
const program = buildProgram([], true);

/** What bash's completion offers for `line` (the cursor at its end), through the script `completion bash` prints. */
function bashCompletes(script: string, line: string): string[] {
  const words = line.split(' ');
  const driver = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}\n_fluid_cdk8s\nprintf '%s\\n' "\${COMPREPLY[@]}"\n`;
  const result = spawnSync('bash', ['--norc', '-c', driver], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter(Boolean).sort();
}

describe('completion bash', () => {
  const printed = spawnSync(process.execPath, [BIN, 'completion', 'bash'], { encoding: 'utf8' });
  const script = printed.stdout;

  it('is printed by the command and registers the function', () => {
    expect(printed.status).toBe(0);
    expect(script).toContain('complete -o default -F _fluid_cdk8s fluid-cdk8s');
  });

  it('completes command names, subcommands and flags', () => {
    expect(bashCompletes(script, 'fluid-cdk8s sy')).toEqual(['synth']);
    expect(bashCompletes(script, 'fluid-cdk8s c')).toEqual(['cluster', 'completion', 'csi']);
    expect(bashCompletes(script, 'fluid-cdk8s cluster ')).toEqual(['down', 'up']);
    expect(bashCompletes(script, 'fluid-cdk8s cluster up --de')).toEqual(['--detach']);
    expect(bashCompletes(script, 'fluid-cdk8s synth --output')).toEqual(['--output', '--output-dir']);
    expect(bashCompletes(script, 'fluid-cdk8s --v')).toEqual(['--version']);
  });

  it('completes a flag\'s fixed values, and leaves file names to bash elsewhere', () => {
    expect(bashCompletes(script, 'fluid-cdk8s synth -o ')).toEqual(['json', 'yaml']);
    expect(bashCompletes(script, 'fluid-cdk8s validate -o j')).toEqual(['json']);
    expect(bashCompletes(script, 'fluid-cdk8s synth -f ')).toEqual([]);
    expect(bashCompletes(script, 'fluid-cdk8s validate ')).toEqual([]);
  });

  it('finds the command past flags and their values', () => {
    expect(bashCompletes(script, 'fluid-cdk8s synth -n prod -f a.yaml --mount')).toEqual(['--mount-root']);
  });
});

describe('completion zsh and fish', () => {
  it('zsh: a compdef function with every command and the flags of each', () => {
    const script = completionScript(program, 'zsh');
    expect(script.startsWith('#compdef fluid-cdk8s\n')).toBe(true);
    for (const cmd of program.commands) expect(script).toContain(`'${cmd.name()}:`);
    expect(script).toContain(`'(-o --output)'{-o,--output}'[output format: yaml documents or one JSON List]:value:(yaml json)'`);
    expect(script).toContain(`'--detach[return once the cluster is ready`);
  });

  it('fish: a complete line per command and per flag', () => {
    const script = completionScript(program, 'fish');
    for (const cmd of program.commands) expect(script).toContain(`-n '__fish_use_subcommand' -a ${cmd.name()} `);
    expect(script).toContain(`complete -c fluid-cdk8s -n '__fish_seen_subcommand_from synth' -s o -l output -x -a 'yaml json'`);
    expect(script).toContain(`complete -c fluid-cdk8s -n '__fish_seen_subcommand_from cluster; and not __fish_seen_subcommand_from up down' -a up`);
  });

  it('refuses another shell', () => {
    const result = spawnSync(process.execPath, [BIN, 'completion', 'powershell'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('expected one of bash, zsh, fish');
  });
});
