// cli/main.ts loads only the command being run: `--help`, `validate` and `synth` must not pull in the operator's
// libraries (the Kubernetes client, the logger, metrics) nor, for `--help`, the schemas and cdk8s; running `synth`
// of one runtime loads that runtime's engine and schema only. Also --version and the command table against what
// the modules register.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

/** Every built-in engine's module and every kind's schema module, by a short name (`engine:jindo`, `schema:dataset`). */
function ownModules(): Map<string, string> {
  const runtimes = join(REPO_ROOT, 'constructs', 'runtimes');
  const schemas = join(REPO_ROOT, 'crds', 'schema');
  const engines = readdirSync(runtimes, { withFileTypes: true }).filter((d) => d.isDirectory() && readdirSync(join(runtimes, d.name)).includes('engine.ts'));
  const kinds = readdirSync(schemas).filter((f) => f.endsWith('.ts') && !['index.ts', 'kinds.ts', 'fields.ts'].includes(f));
  return new Map([
    ...engines.map((d): [string, string] => [`engine:${d.name}`, join(runtimes, d.name, 'engine')]),
    ...kinds.map((f): [string, string] => [`schema:${f.slice(0, -3)}`, join(schemas, f.slice(0, -3))]),
  ]);
}

/** Which of HEAVY and of ownModules() running this command line requires, in a fresh module registry. */
function loadedRunning(...args: string[]): string[] {
  const loaded = new Set<string>();
  const watched = new Map<string, string>([...HEAVY.map((n): [string, string] => [n, n]), ...ownModules()]);
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const exitCode = process.exitCode;
  try {
    jest.isolateModules(() => {
      for (const [label, name] of watched) {
        jest.doMock(name, () => {
          loaded.add(label);
          return jest.requireActual(name);
        });
      }
      (require('../../../cli/main') as typeof Main).buildProgram(['node', 'fluid-cdk8s', ...args]).parse(['node', 'fluid-cdk8s', ...args]);
    });
    // The command ran through (a failing run would load less and prove nothing).
    expect(process.exitCode ?? 0).toBe(0);
  } finally {
    write.mockRestore();
    process.exitCode = exitCode;
  }
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
    expect(loadedFor('synth', '-f', 'x.yaml')).toEqual(['cdk8s', 'yaml', 'zod']);
  });

  it("synth of an AlluxioRuntime loads its engine and the schemas of its input's kinds, no other engine nor cdk8s-plus", () => {
    const file = join(REPO_ROOT, 'examples', 'alluxio-demo.yaml');
    const loaded = loadedRunning('synth', '-f', file);
    expect(loaded.filter((m) => m.startsWith('engine:'))).toEqual(['engine:alluxio']);
    // Of the runtimes' schemas, only the AlluxioRuntime's (the Dataset and DataLoad ones and what they import load too).
    expect(loaded.filter((m) => /^schema:.*-runtime(-|$)/.test(m))).toEqual(['schema:alluxio-runtime']);
    expect(loaded.filter((m) => !m.includes(':'))).toEqual(['cdk8s', 'yaml', 'zod']);
  });

  it('validate of a file loads the schemas of its kinds only', () => {
    const loaded = loadedRunning('validate', join(REPO_ROOT, 'examples', 'jindo-oss-demo.yaml'));
    expect(loaded.filter((m) => m.startsWith('engine:'))).toEqual([]);
    expect(loaded.filter((m) => /^schema:.*-runtime(-|$)/.test(m))).toEqual(['schema:jindo-runtime']);
    expect(loaded.filter((m) => !m.includes(':'))).toEqual(['yaml', 'zod']);
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
