// What `-f PATH` names, as kubectl -R reads it: a file (any name), `-` for standard input, or a folder walked
// recursively for files ending .yaml, .yml or .json, in name order (byte order, like Go's filepath.Walk), not
// following symbolic links to folders.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

export type InputFiles = { readonly ok: true; readonly files: string[] } | { readonly ok: false; readonly error: string };

function byName(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => byName(a.name, b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (MANIFEST_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) out.push(path);
  }
}

export function inputFiles(path: string): InputFiles {
  if (path === '-') return { ok: true, files: [path] };
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    return { ok: false, error: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  if (!isDirectory) return { ok: true, files: [path] };
  const files: string[] = [];
  try {
    walk(path, files);
  } catch (e) {
    return { ok: false, error: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  if (files.length === 0) return { ok: false, error: `no ${MANIFEST_EXTENSIONS.join(', ')} file in this folder` };
  return { ok: true, files };
}
