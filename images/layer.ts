// Image layers: uncompressed tars written by TarWriter, named by their sha256 digest.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { TarEntry, TarWriter } from './tar-writer';

/** A layer file. Uncompressed, so its digest is also its OCI diff ID. */
export interface Layer {
  readonly file: string;
  /** `sha256:<hex>` */
  readonly digest: string;
  readonly size: number;
  /** What made it, for the image history (`created_by`). */
  readonly createdBy: string;
}

/** Writes the entries as a tar to `file`, hashing the bytes on the way. */
export async function writeLayer(file: string, entries: Iterable<TarEntry>, createdBy: string): Promise<Layer> {
  const hash = createHash('sha256');
  let size = 0;
  const sink = createWriteStream(file);
  const hasher = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  hasher.pipe(sink);
  const closed = new Promise<void>((resolve, reject) => sink.once('close', resolve).once('error', reject));
  const tar = new TarWriter(hasher);
  for (const entry of entries) await tar.add(entry);
  await tar.end();
  await closed;
  return { file, digest: `sha256:${hash.digest('hex')}`, size, createdBy };
}

/** A layer made by other means (mmdebstrap writes one): its digest and size. */
export async function layerOf(file: string, createdBy: string): Promise<Layer> {
  const [digest, stat] = await Promise.all([sha256File(file), fs.stat(file)]);
  return { file, digest, size: stat.size, createdBy };
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(`sha256:${hash.digest('hex')}`));
  });
}

/** Directory entries for every folder above the given archive paths, parents first, each once. */
export function parentDirs(paths: readonly string[], mode = 0o755): TarEntry[] {
  const dirs = new Set<string>();
  for (const p of paths) {
    const parts = p.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return [...dirs].sort().map((d) => ({ type: 'dir', path: d, mode }));
}

export interface TreeOptions {
  /** Relative paths (from the walked folder) to leave out, with everything below them. */
  readonly skip?: (relative: string) => boolean;
}

/**
 * The entries for everything under `source`, named `<prefix>/<relative path>`, sorted by name so the order does not
 * depend on the filesystem. Write permission for group and others is dropped; owners become root in the tar anyway.
 */
export async function treeEntries(source: string, prefix: string, options: TreeOptions = {}): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  const walk = async (rel: string): Promise<void> => {
    const abs = path.join(source, rel);
    const names = (await fs.readdir(abs)).sort();
    for (const name of names) {
      const childRel = rel === '' ? name : `${rel}/${name}`;
      if (options.skip?.(childRel)) continue;
      const entry = await entryFor(path.join(source, childRel), `${prefix}/${childRel}`);
      out.push(entry);
      if (entry.type === 'dir') await walk(childRel);
    }
  };
  await walk('');
  return out;
}

/** One entry for a file, folder or symlink on disk, stored under `archivePath`. */
export async function entryFor(abs: string, archivePath: string): Promise<TarEntry> {
  const st = await fs.lstat(abs);
  const mode = st.mode & 0o7755;
  if (st.isSymbolicLink()) return { type: 'symlink', path: archivePath, target: await fs.readlink(abs) };
  if (st.isDirectory()) return { type: 'dir', path: archivePath, mode };
  if (st.isFile()) return { type: 'file', path: archivePath, mode, source: abs, size: st.size };
  throw new Error(`${abs} is neither a file, a folder nor a symlink; it cannot go into an image layer`);
}
