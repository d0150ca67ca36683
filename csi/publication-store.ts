// The publications this node plugin made, one JSON file each in a folder under the kubelet's plugin directory, so
// that fuse recovery and NodeUnstageVolume know them after the plugin restarts. A record is written after its mount
// and removed after its unmount; a missing record only costs recovery of that one target.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Publication } from './publication';

export class PublicationStore {
  constructor(readonly dir: string) {}

  async save(p: Publication): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.fileOf(p.targetPath);
    // Written whole, then renamed: a reader never sees half a record.
    await writeFile(`${file}.tmp`, `${JSON.stringify(p)}\n`);
    await rename(`${file}.tmp`, file);
  }

  async remove(targetPath: string): Promise<void> {
    await rm(this.fileOf(targetPath), { force: true });
  }

  /** Every readable record; one that cannot be parsed is reported through `onBad` and skipped. */
  async list(onBad?: (file: string, err: unknown) => void): Promise<Publication[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.json'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const records: Publication[] = [];
    for (const name of names.sort()) {
      const file = path.join(this.dir, name);
      try {
        records.push(JSON.parse(await readFile(file, 'utf8')) as Publication);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') onBad?.(file, err);
      }
    }
    return records;
  }

  private fileOf(targetPath: string): string {
    return path.join(this.dir, `${createHash('sha256').update(targetPath).digest('hex').slice(0, 32)}.json`);
  }
}
