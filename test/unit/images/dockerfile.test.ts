// The Dockerfile at the repository root and the offline builder (images/definitions/operator.ts) must describe the
// same operator image: Node's place, user, entrypoint, environment, and the files under /app.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../cluster/repo-root';
import { OPERATOR_IMAGE } from '../../../images/definitions/operator';

interface Instruction {
  readonly op: string;
  readonly args: string;
}

/** Dockerfile instructions per stage (global ARGs before the first FROM left out), comments and continuations handled. */
function stages(text: string): Instruction[][] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const out: Instruction[][] = [];
  for (const line of lines) {
    const [op, ...rest] = line.split(/\s+/);
    const instruction = { op: op.toUpperCase(), args: rest.join(' ') };
    if (instruction.op === 'FROM') out.push([]);
    out.at(-1)?.push(instruction);
  }
  return out;
}

const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
const [build, final] = stages(dockerfile);
const args = (op: string, stage = final): string[] => stage.filter((i) => i.op === op).map((i) => i.args);

test('the final stage runs what the offline image runs, as the same user', () => {
  expect(args('ENTRYPOINT').map((a) => JSON.parse(a))).toEqual([OPERATOR_IMAGE.entrypoint]);
  expect(args('CMD').map((a) => JSON.parse(a))).toEqual([OPERATOR_IMAGE.cmd]);
  expect(args('USER')).toEqual([OPERATOR_IMAGE.user]);
  expect(args('WORKDIR')).toEqual([OPERATOR_IMAGE.workingDir]);
  expect(args('ENV')).toEqual(OPERATOR_IMAGE.env.map((e) => e));
  // The official node images keep Node where the offline image puts it.
  expect(OPERATOR_IMAGE.entrypoint[0]).toBe(OPERATOR_IMAGE.node);
  expect(args('FROM')).toEqual(['node:${NODE_VERSION}-bookworm-slim']);
});

test('the final stage copies exactly the offline image\'s files into /app', () => {
  const copies = args('COPY').map((a) => a.split(/\s+/));
  expect(copies.every((c) => c[0] === '--from=build')).toBe(true);
  expect(copies.map((c) => [c[1], c[2]])).toEqual(OPERATOR_IMAGE.copies.map((f) => [`/src/${f}`, `./${f}`]));
});

test('the build stage compiles every folder of tsconfig.build.json and keeps only production dependencies', () => {
  const tsconfig = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
  const buildConfig = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.build.json'), 'utf8')) as { exclude: string[] };
  const compiled = tsconfig.include.filter((d) => !buildConfig.exclude.includes(d));
  const copied = args('COPY', build).map((a) => a.split(/\s+/)[0]);
  for (const dir of compiled) expect(copied).toContain(dir);
  const runs = args('RUN', build).join(' && ');
  expect(runs).toContain('npm ci');
  // images/definitions/operator.ts takes dist/ as tsconfig.build.json emits it and the lock file's non-dev packages.
  expect(runs).toContain('tsc -p tsconfig.build.json');
  expect(runs).toContain('npm prune --omit=dev');
});

test('the Node version and Debian release match what the project supports and the offline base uses', () => {
  const engines = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  expect(dockerfile).toMatch(new RegExp(`^ARG NODE_VERSION=${/\d+/.exec(engines)![0]}$`, 'm'));
  expect(args('FROM', build)[0]).toBe('node:${NODE_VERSION}-bookworm-slim AS build');
});
