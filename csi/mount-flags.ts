// mount(2) flags (linux/mount.h). A read-only bind is two calls: MS_BIND, then MS_REMOUNT|MS_BIND|MS_RDONLY, and
// the remount replaces every per-mount flag, so the ones the source had (nosuid, nodev ...) are passed again.

export const MS_RDONLY = 0x1;
export const MS_NOSUID = 0x2;
export const MS_NODEV = 0x4;
export const MS_NOEXEC = 0x8;
export const MS_REMOUNT = 0x20;
export const MS_NOATIME = 0x400;
export const MS_NODIRATIME = 0x800;
export const MS_BIND = 0x1000;
export const MS_RELATIME = 0x200000;
export const MS_STRICTATIME = 0x1000000;
/** umount2(2): detach now, clean up once no longer busy ("umount -l"). */
export const MNT_DETACH = 0x2;

/** Per-mount options as /proc/self/mountinfo shows them, and their flag. */
const KEPT: Readonly<Record<string, number>> = {
  nosuid: MS_NOSUID,
  nodev: MS_NODEV,
  noexec: MS_NOEXEC,
  noatime: MS_NOATIME,
  nodiratime: MS_NODIRATIME,
  relatime: MS_RELATIME,
  strictatime: MS_STRICTATIME,
};

/** Flags that make a bind mount with these per-mount options read-only and change nothing else. */
export function readOnlyRemountFlags(options: readonly string[]): number {
  let flags = MS_REMOUNT | MS_BIND | MS_RDONLY;
  for (const option of options) flags |= KEPT[option] ?? 0;
  return flags;
}
