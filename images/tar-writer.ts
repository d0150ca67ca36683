// A small POSIX (pax) tar writer for image layers and the OCI archive. Every entry has mtime 0 and owner 0:0, and
// entries go out in the order given, so the same entries always give the same bytes, hence the same digest.
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';

export type TarEntry =
  | { readonly type: 'dir'; readonly path: string; readonly mode: number }
  | { readonly type: 'file'; readonly path: string; readonly mode: number; readonly source: string; readonly size: number }
  | { readonly type: 'data'; readonly path: string; readonly mode: number; readonly data: Buffer }
  | { readonly type: 'symlink'; readonly path: string; readonly target: string };

const BLOCK = 512;
const TYPE_FLAG = { file: '0', data: '0', dir: '5', symlink: '2', pax: 'x' } as const;

/** Writes entries to a stream, waiting for it to drain so a big layer never sits in memory. */
export class TarWriter {
  constructor(private readonly out: Writable) {}

  async add(entry: TarEntry): Promise<void> {
    const name = entry.type === 'dir' ? `${entry.path.replace(/\/$/, '')}/` : entry.path;
    const link = entry.type === 'symlink' ? entry.target : '';
    const size = entry.type === 'file' ? entry.size : entry.type === 'data' ? entry.data.length : 0;
    await this.headerFor(name, link, entry.type === 'symlink' ? 0o777 : entry.mode, size, TYPE_FLAG[entry.type]);
    if (entry.type === 'data') await this.write(entry.data);
    if (entry.type === 'file') {
      let written = 0;
      for await (const chunk of createReadStream(entry.source)) {
        written += (chunk as Buffer).length;
        await this.write(chunk as Buffer);
      }
      if (written !== size) throw new Error(`${entry.source} changed size while it was archived (${size} → ${written} bytes)`);
    }
    await this.pad(size);
  }

  /** Two empty blocks end an archive. */
  async end(): Promise<void> {
    await this.write(Buffer.alloc(2 * BLOCK));
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }

  /** A ustar header, preceded by a pax header when the name or link does not fit ustar's fields. */
  private async headerFor(name: string, link: string, mode: number, size: number, type: string): Promise<void> {
    const long = Buffer.byteLength(name) > 100 || Buffer.byteLength(link) > 100 || /[^\x20-\x7e]/.test(name + link);
    if (long) {
      const records = Buffer.from(paxRecord('path', name) + (link ? paxRecord('linkpath', link) : ''));
      await this.write(ustarHeader(`PaxHeaders/${name.replace(/\/$/, '').split('/').pop()!.slice(0, 80)}`, '', 0o644, records.length, TYPE_FLAG.pax));
      await this.write(records);
      await this.pad(records.length);
    }
    await this.write(ustarHeader(truncateUtf8(name, 100), truncateUtf8(link, 100), mode, size, type));
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest !== 0) await this.write(Buffer.alloc(BLOCK - rest));
  }

  private write(chunk: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const ok = this.out.write(chunk, (err) => err && reject(err));
      if (ok) resolve();
      else this.out.once('drain', resolve);
    });
  }
}

/** `<len> key=value\n`, where len counts the whole record including its own digits. */
export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

function ustarHeader(name: string, link: string, mode: number, size: number, type: string): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, mode & 0o7777);
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  octal(h, 124, 12, size);
  octal(h, 136, 12, 0); // mtime
  h.write(type, 156, 1, 'ascii');
  h.write(link, 157, 100, 'utf8');
  h.write('ustar\u000000', 257, 8, 'ascii');
  // The checksum is computed with its own field filled with spaces.
  h.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return h;
}

function octal(h: Buffer, offset: number, width: number, value: number): void {
  const digits = value.toString(8);
  if (digits.length > width - 1) throw new Error(`value ${value} does not fit a ${width}-byte tar field`);
  h.write(`${digits.padStart(width - 1, '0')}\u0000`, offset, width, 'ascii');
}

function truncateUtf8(s: string, bytes: number): string {
  let out = s;
  while (Buffer.byteLength(out) > bytes) out = out.slice(0, -1);
  return out;
}
