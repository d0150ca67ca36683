// /proc/self/mountinfo as data (proc(5)): which file system is mounted where, and which mount is on top. The plugin
// decides everything from one read of this table, so a decision never mixes two moments.

export interface MountEntry {
  readonly id: number;
  readonly parentId: number;
  /** major:minor of the file system. Every FUSE or tmpfs mount gets its own, so a fuse that remounted has a new one. */
  readonly device: string;
  /** Folder of the file system that is mounted here: '/' for a whole mount, '/sub' for a bind of a sub-folder. */
  readonly root: string;
  /**
   * That folder was deleted from its file system since (the kernel marks the root `//deleted`). Nothing can be
   * mounted on such a mount point any more (mount(2) answers ENOENT).
   */
  readonly rootDeleted: boolean;
  readonly mountPoint: string;
  /** Per-mount options (ro, nosuid, relatime ...). */
  readonly options: readonly string[];
  /** shared:N, master:N ...: the propagation of this mount. */
  readonly propagation: readonly string[];
  readonly fsType: string;
  readonly source: string;
}

/** What the kernel appends to the root of a mount whose folder was deleted (fs/d_path.c dentry_path). */
const DELETED = '//deleted';

/** The kernel escapes space, tab, newline and backslash in paths as three octal digits. */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** Parses the file's text; lines that do not have the documented shape are skipped. In mount order, oldest first. */
export function parseMountInfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    const separator = fields.indexOf('-', 6);
    if (fields.length < 10 || separator < 0 || separator + 2 >= fields.length) continue;
    const root = unescape(fields[3]);
    const rootDeleted = root.endsWith(DELETED);
    entries.push({
      id: Number(fields[0]),
      parentId: Number(fields[1]),
      device: fields[2],
      root: rootDeleted ? root.slice(0, -DELETED.length) || '/' : root,
      rootDeleted,
      mountPoint: unescape(fields[4]),
      options: fields[5].split(','),
      propagation: fields.slice(6, separator),
      fsType: unescape(fields[separator + 1]),
      source: unescape(fields[separator + 2]),
    });
  }
  return entries;
}

/**
 * Every mount at exactly `mountPoint`, bottom first. A mount stacked on another has the lower one as its parent;
 * the file usually lists them in that order too, which is the fallback for anything the parents do not order.
 */
export function mountsAt(table: readonly MountEntry[], mountPoint: string): MountEntry[] {
  const here = table.filter((e) => e.mountPoint === mountPoint);
  const ordered: MountEntry[] = [];
  let next = here.find((e) => !here.some((other) => other.id === e.parentId));
  while (next && !ordered.includes(next)) {
    ordered.push(next);
    const below: MountEntry = next;
    next = here.find((e) => e.parentId === below.id);
  }
  return [...ordered, ...here.filter((e) => !ordered.includes(e))];
}

/** The mount a process sees at `mountPoint`: the upper one when several are stacked. */
export function topMountAt(table: readonly MountEntry[], mountPoint: string): MountEntry | undefined {
  const stack = mountsAt(table, mountPoint);
  return stack[stack.length - 1];
}

/** Mount points strictly below `dir`. */
export function mountPointsBelow(table: readonly MountEntry[], dir: string): string[] {
  const prefix = `${dir.replace(/\/+$/, '')}/`;
  return [...new Set(table.map((e) => e.mountPoint).filter((p) => p.startsWith(prefix)))];
}
