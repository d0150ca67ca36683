// The operator image: Node on Debian, and this package built (`dist/`) with its production dependencies. The
// Dockerfile at the repository root builds the same image with any OCI builder; both follow OPERATOR_IMAGE, and a
// unit test holds the Dockerfile to it.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ImageDefinition } from '../image-definition';
import { entryFor, parentDirs, treeEntries, writeLayer } from '../layer';
import { TarEntry } from '../tar-writer';
import { NODE_PATH, nodeRuntimeImage } from './node-runtime';

/** What both builds of the operator image agree on. */
export const OPERATOR_IMAGE = {
  node: NODE_PATH,
  workingDir: '/app',
  /** A numeric non-root user, so `runAsNonRoot` holds without an /etc/passwd entry (distroless's "nonroot"). */
  user: '65532:65532',
  entrypoint: ['/usr/local/bin/node', '/app/bin/fluid-cdk8s.js'],
  cmd: ['operator'],
  env: ['NODE_ENV=production'],
  /** Copied from the build into /app: the CLI, the compiled code (tsconfig.build.json) and production dependencies. */
  copies: ['package.json', 'bin', 'dist', 'node_modules'],
} as const;

export interface OperatorImageProps {
  /** The repository checkout, built (`dist/` current) and installed (`node_modules/`). */
  readonly repoRoot: string;
  /** More names for the image, e.g. the default image of `fluid-cdk8s install`. @default [] */
  readonly aliases?: readonly string[];
  /** The Node binary to ship. @default the one running this code */
  readonly nodeBinary?: string;
}

export function operatorImage(props: OperatorImageProps): ImageDefinition {
  const node = nodeRuntimeImage(props.nodeBinary);
  let app: Promise<TarEntry[]> | undefined;
  const appEntries = (): Promise<TarEntry[]> => (app ??= collectApp(props.repoRoot));
  return {
    name: 'operator',
    aliases: props.aliases,
    async inputs(ctx) {
      return [`node=${await ctx.keyOf(node)}`, `app=${await hashEntries(await appEntries())}`,
        `config=${JSON.stringify(OPERATOR_IMAGE)}`];
    },
    async build(ctx) {
      const nodeImage = await ctx.image(node);
      const appLayer = await writeLayer(path.join(ctx.workDir, 'app.tar'), await appEntries(),
        `COPY ${OPERATOR_IMAGE.copies.join(' ')} ${OPERATOR_IMAGE.workingDir}/`);
      return {
        layers: [...nodeImage.layers, appLayer],
        config: {
          user: OPERATOR_IMAGE.user,
          entrypoint: OPERATOR_IMAGE.entrypoint,
          cmd: OPERATOR_IMAGE.cmd,
          workingDir: OPERATOR_IMAGE.workingDir,
          env: [...nodeImage.config.env, ...OPERATOR_IMAGE.env],
        },
      };
    },
  };
}

/** The entries under app/: package.json, bin/, dist/ as tsconfig.build.json emits it, production node_modules. */
async function collectApp(repoRoot: string): Promise<TarEntry[]> {
  const app = OPERATOR_IMAGE.workingDir.slice(1);
  const entries: TarEntry[] = [{ type: 'dir', path: app, mode: 0o755 }];
  entries.push(await entryFor(path.join(repoRoot, 'package.json'), `${app}/package.json`));
  entries.push(await entryFor(path.join(repoRoot, 'bin'), `${app}/bin`), ...await treeEntries(path.join(repoRoot, 'bin'), `${app}/bin`));
  entries.push(...await distEntries(repoRoot, app));
  entries.push(...await productionModules(repoRoot, app));
  return entries;
}

/**
 * dist/ as `tsc -p tsconfig.build.json` writes it: the .js and .js.map of each source file in the build's folders.
 * Files in dist/ with no source (deleted since, or from the test build) stay out; a missing or stale one is an
 * error, since the image would not run the code in the checkout.
 */
export async function distEntries(repoRoot: string, app: string): Promise<TarEntry[]> {
  const sources = await buildSources(repoRoot);
  const outputs: string[] = [];
  for (const src of sources) {
    const js = `dist/${src.replace(/\.ts$/, '.js')}`;
    const [srcStat, jsStat] = await Promise.all([fs.stat(path.join(repoRoot, src)), fs.stat(path.join(repoRoot, js)).catch(() => undefined)]);
    if (jsStat === undefined || jsStat.mtimeMs < srcStat.mtimeMs) {
      throw new Error(`${js} is ${jsStat === undefined ? 'missing' : 'older than its source'}; run \`npm run build\` before building the operator image`);
    }
    outputs.push(js);
    if (existsSync(path.join(repoRoot, `${js}.map`))) outputs.push(`${js}.map`);
  }
  outputs.sort();
  const dirs = parentDirs(outputs).map((d) => ({ ...d, path: `${app}/${d.path}` }));
  const files = await Promise.all(outputs.map((f) => entryFor(path.join(repoRoot, f), `${app}/${f}`)));
  return [...dirs, ...files];
}

/** The .ts files (not .d.ts) under the folders tsconfig.build.json compiles, relative to the repository. */
async function buildSources(repoRoot: string): Promise<string[]> {
  const build = JSON.parse(readFileSync(path.join(repoRoot, 'tsconfig.build.json'), 'utf8')) as { extends?: string; exclude?: string[]; include?: string[] };
  const parent = build.extends ? JSON.parse(readFileSync(path.join(repoRoot, build.extends), 'utf8')) as { include?: string[] } : {};
  const include = build.include ?? parent.include ?? [];
  const exclude = new Set(build.exclude ?? []);
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const e of await fs.readdir(path.join(repoRoot, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(child);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(child);
    }
  };
  for (const dir of include.filter((d) => !exclude.has(d))) if (existsSync(path.join(repoRoot, dir))) await walk(dir);
  return out.sort();
}

/** What `npm ci --omit=dev` installs: every package of the lock file not marked dev, with its files. */
export async function productionModules(repoRoot: string, app: string): Promise<TarEntry[]> {
  const packages = productionPackagePaths(repoRoot);
  const entries: TarEntry[] = [];
  for (const pkg of packages) {
    const abs = path.join(repoRoot, pkg);
    if (!existsSync(abs)) throw new Error(`${pkg} is in package-lock.json but not installed; run \`npm install\``);
    // Nested node_modules hold packages of their own, listed separately in the lock file.
    entries.push(await entryFor(abs, `${app}/${pkg}`), ...await treeEntries(abs, `${app}/${pkg}`, { skip: (rel) => rel === 'node_modules' }));
  }
  const listed = new Set(entries.map((e) => e.path));
  const dirs = parentDirs([...listed]).filter((d) => !listed.has(d.path));
  return [...dirs, ...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `node_modules/...` paths of the production packages in package-lock.json (lockfile v2/v3). */
export function productionPackagePaths(repoRoot: string): string[] {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages?: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }> };
  if (lock.packages === undefined) throw new Error('package-lock.json has no "packages" section (lockfile v1); run `npm install` with npm 7 or later');
  return Object.entries(lock.packages)
    .filter(([p, meta]) => p.startsWith('node_modules/') && !meta.dev && !meta.devOptional)
    // An optional package for another platform is in the lock but was never installed.
    .filter(([p, meta]) => !meta.optional || existsSync(path.join(repoRoot, p)))
    .map(([p]) => p)
    .sort();
}

/** A hash over every entry's name, mode and content: the app layer's identity without writing it. */
async function hashEntries(entries: readonly TarEntry[]): Promise<string> {
  const hash = createHash('sha256');
  for (const e of entries) {
    hash.update(`${e.type} ${e.path} ${'mode' in e ? e.mode : ''} ${'target' in e ? e.target : ''}\n`);
    if (e.type === 'file') await new Promise<void>((resolve, reject) => createReadStream(e.source).on('data', (c) => hash.update(c)).on('end', resolve).on('error', reject));
    if (e.type === 'data') hash.update(e.data);
  }
  return hash.digest('hex');
}

