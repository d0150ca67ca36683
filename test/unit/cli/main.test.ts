// cli/main.ts loads only the command being run: `--help`, `validate` and `synth` must not pull in the operator's
// libraries (the Kubernetes client, the logger, metrics) nor, for `--help`, the schemas and cdk8s. Also --version
// and the command table against what the modules register.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../cluster/repo-root';
import type * as Main from '../../../cli/main';

const HEAVY = ['@kubernetes/client-node', 'pino', 'prom-client', '@grpc/grpc-js', 'cdk8s', 'cdk8s-plus-28', 'zod', 'yaml'] as const;

/** Which of HEAVY building the program for this command line requires, in a fresh module registry. */
function loadedFor(...args: string[]): string[] {
  const loaded = new Set<string>();
  jest.isolateModules(() => {
    for (const name of HEAVY) {
      jest.doMock(name, () => {
        loaded.add(name);
        return jest.requireActual(name);
      });
    }
    (require('../../../cli/main') as typeof Main).buildProgram(['node', 'fluid-cdk8s', ...args]);
  });
  return [...loaded].sort();
}

describe('what each command line loads', () => {
  it('--help and an unknown command load none of the libraries', () => {
    expect(loadedFor('--help')).toEqual([]);
    expect(loadedFor('nosuch')).toEqual([]);
  });

  it('validate loads the schemas and the YAML reader, not cdk8s nor the operator\'s libraries', () => {
    expect(loadedFor('validate', 'x.yaml')).toEqual(['yaml', 'zod']);
  });

  it('synth loads the renderer, not the operator\'s libraries', () => {
    expect(loadedFor('synth', '-f', 'x.yaml')).toEqual(['cdk8s', 'cdk8s-plus-28', 'yaml', 'zod']);
  });

  it('help for a command loads that command', () => {
    expect(loadedFor('help', 'validate')).toEqual(['yaml', 'zod']);
  });

  it('a command that needs the Kubernetes client loads it', () => {
    expect(loadedFor('operator')).toContain('@kubernetes/client-node');
  });
});

describe('the command table', () => {
  it('names the commands the modules register, in order, each with its arguments', () => {
    const { buildProgram, COMMANDS } = require('../../../cli/main') as typeof Main;
    const full = buildProgram([], true).commands;
    expect(full.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name));
    for (const entry of COMMANDS) {
      const cmd = full.find((c) => c.name() === entry.name)!;
      const args = cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`)).join(' ');
      expect([entry.name, args]).toEqual([entry.name, entry.args ?? '']);
    }
  });

  it('picks the command from argv: the first word that is not an option, or the one after help', () => {
    const { selectedCommand } = require('../../../cli/main') as typeof Main;
    expect(selectedCommand(['node', 'bin', 'synth', '-f', 'x'])).toBe('synth');
    expect(selectedCommand(['node', 'bin', '--version'])).toBeUndefined();
    expect(selectedCommand(['node', 'bin', 'help', 'cluster'])).toBe('cluster');
  });
});

describe('--version', () => {
  it('prints the package version and exits 0, with -V too', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'fluid-cdk8s.js'), flag], { encoding: 'utf8' });
      expect([result.status, result.stdout]).toEqual([0, `${version}\n`]);
    }
  });
});
