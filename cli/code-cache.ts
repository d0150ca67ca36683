// V8's compiled code of the CLI's modules, kept between runs on Node versions without `module.enableCompileCache`
// (Node 20; bin/fluid-cdk8s.js turns Node's own cache on where it exists, 22.1 and later). Compiling the few hundred
// modules a `synth` loads (zod, yaml, cdk8s and ours) is about a fifth of what a cold run costs; with the code V8
// made last time it is a lookup, and the functions the last run compiled lazily come ready too.
//
// A store is one file: an index (module path -> CRC-32 of its source, offset, length) and V8's code-cache blobs. V8
// checks a blob against the source's length only, so the checksum is what keeps an edited module from running old
// code (zlib's CRC-32 rather than a crypto hash: loading node:crypto would cost a run more than it saves).
// The store is rewritten only when a run compiled a module it did not hold, to a temporary name and then renamed,
// so a run beside it never reads half a file. Any failure (no temp folder, a store from elsewhere) only means
// compiling as usual.
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

interface Entry {
  /** CRC-32 of the module's source. */
  readonly source: number;
  readonly data: Buffer;
}

/** The parts of Node's CommonJS loader a module's own `require` is made of (what Node's makeRequireFunction uses). */
interface Loader {
  wrap(source: string): string;
  _resolveFilename(request: string, parent: LoadedModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: LoadedModule): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeJS.Module>;
  prototype: { _compile(this: LoadedModule, content: string, filename: string): unknown };
}
type LoadedModule = NodeJS.Module;
const loader = Module as unknown as Loader;

function readStore(file: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  try {
    const bytes = readFileSync(file);
    const indexLength = bytes.readUInt32LE(0);
    const index = JSON.parse(bytes.subarray(4, 4 + indexLength).toString('utf8')) as Record<string, [number, number, number]>;
    const blobs = bytes.subarray(4 + indexLength);
    for (const [path, [source, offset, length]] of Object.entries(index)) entries.set(path, { source, data: blobs.subarray(offset, offset + length) });
  } catch {
    // No store yet, or not one of ours: start empty.
  }
  return entries;
}

function writeStore(file: string, entries: ReadonlyMap<string, Entry>): void {
  const index: Record<string, [number, number, number]> = {};
  const blobs: Buffer[] = [];
  let offset = 0;
  for (const [path, entry] of entries) {
    index[path] = [entry.source, offset, entry.data.length];
    blobs.push(entry.data);
    offset += entry.data.length;
  }
  const json = Buffer.from(JSON.stringify(index), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length);
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, Buffer.concat([head, json, ...blobs]), { mode: 0o600 });
  renameSync(temporary, file);
}

/**
 * Whether the store's folder is one only this user can write, creating it so if it is missing. The temp folder is
 * shared: V8 runs cached code without checking it against the source, so a store another user could have written
 * would let them run code as whoever runs the CLI next. A folder that is a link, someone else's, or writable by
 * group or others turns the cache off.
 */
function privateFolder(folder: string): boolean {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const st = lstatSync(folder);
    const uid = process.getuid?.();
    return st.isDirectory() && (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** `require` for a module, as Node makes it. */
function requireFor(mod: LoadedModule): NodeJS.Require {
  const resolve = ((request: string, options?: { paths?: string[] }) => loader._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => loader._resolveLookupPaths(request, mod);
  const req = ((id: string) => mod.require(id)) as NodeJS.Require;
  return Object.assign(req, { resolve, main: require.main, extensions: loader._extensions, cache: loader._cache });
}

/** Compiles every CommonJS module loaded from now on with the code cached in `store`; saves new code at exit. */
export function enableCodeCache(store: string): void {
  if (!privateFolder(dirname(store))) return;
  const entries = readStore(store);
  const compiled: [string, number, Script][] = [];
  const compile = loader.prototype._compile;
  loader.prototype._compile = function (this: LoadedModule, content: string, filename: string): unknown {
    const source = crc32(content);
    const cached = entries.get(filename);
    let script: Script;
    try {
      script = new Script(loader.wrap(content), { filename, cachedData: cached?.source === source ? cached.data : undefined });
    } catch {
      // Not a script V8 takes as it is (a `#!` line, ES module syntax): Node's own compile knows those cases.
      return compile.call(this, content, filename);
    }
    if (cached?.source !== source || script.cachedDataRejected) compiled.push([filename, source, script]);
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };
  process.once('exit', () => {
    if (!compiled.length) return;
    try {
      for (const [filename, source, script] of compiled) entries.set(filename, { source, data: script.createCachedData() });
      writeStore(store, entries);
    } catch {
      // A cache that cannot be written costs the next run its compile time, nothing else.
    }
  });
}
