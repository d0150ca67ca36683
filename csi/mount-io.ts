// The plugin's only mount and unmount calls, and its read of the mount table. Node has no binding for mount(2) and
// umount2(2), and the operator image (Debian's essential set) ships no mount(8); perl-base, which is Essential in
// Debian and so in the image, can make any system call. Calling mount(2) directly also means exactly the flags we
// ask for: no fstab, no helpers, no mtab. The calls run in the plugin container's mount namespace; the kubelet's
// folder is mounted there with Bidirectional propagation, so what is mounted under it reaches the host.
import { execFile } from 'node:child_process';
import { constants } from 'node:os';
import { mkdir, readFile, rmdir } from 'node:fs/promises';
import { MS_BIND, MNT_DETACH, readOnlyRemountFlags } from './mount-flags';
import { MountEntry, mountsAt, parseMountInfo } from './mount-table';

/** System call numbers (asm/unistd.h): x86_64 has its own table, arm64 the generic one. */
const SYSCALL_NUMBERS: Readonly<Record<string, { readonly mount: number; readonly umount2: number }>> = {
  x64: { mount: 165, umount2: 166 },
  arm64: { mount: 40, umount2: 39 },
};

// perl's syscall() passes numbers as integers and strings as pointers to writable copies (hence the copies into
// variables: a literal would be read-only). It prints errno and exits 1 on failure.
const PERL = `
my ($nr, @a) = @ARGV;
my $r = @a == 4 ? syscall($nr + 0, $a[0], $a[1], $a[2], $a[3] + 0, 0) : syscall($nr + 0, $a[0], $a[1] + 0);
if ($r != 0) { print STDERR ($! + 0); exit 1; }
`;

/** A bind mount of a fuse that hangs could hang too; the kubelet retries a failed call. */
const CALL_TIMEOUT_MS = 30_000;

/** A failed mount(2) or umount2(2), with errno's name (EBUSY, EINVAL ...) for callers to branch on. */
export class MountCallError extends Error {
  constructor(
    readonly call: string,
    readonly errno: string,
    message: string,
  ) {
    super(message);
    this.name = 'MountCallError';
  }
}

const ERRNO_NAMES = new Map(Object.entries(constants.errno).map(([name, n]) => [n, name]));

export class MountIo {
  private readonly numbers: { readonly mount: number; readonly umount2: number };
  private scratchCount = 0;

  /** `scratchRoot`: a folder in the plugin's own file system, where nothing propagates to the host. */
  constructor(private readonly scratchRoot: string, arch: string = process.arch) {
    const numbers = SYSCALL_NUMBERS[arch];
    if (!numbers) throw new Error(`the CSI plugin mounts through system calls it knows only for ${Object.keys(SYSCALL_NUMBERS).join(' and ')}, not ${arch}`);
    this.numbers = numbers;
  }

  async readMountTable(): Promise<MountEntry[]> {
    return parseMountInfo(await readFile('/proc/self/mountinfo', 'utf8'));
  }

  /** mount --bind source target (not recursive, as Fluid's). */
  bind(source: string, target: string): Promise<void> {
    return this.call(`bind ${source} on ${target}`, [this.numbers.mount, source, target, 'none', MS_BIND]);
  }

  /**
   * mount --bind -o ro source target. Per-mount flags do not propagate: remounting the target read-only would change
   * only this namespace's copy, and the host's (which the container runtime binds into the pod) would stay writable.
   * A bind copies the flags of the mount it is made from, and so do the copies propagation makes of it; so the source
   * is first bound read-only at a private scratch point, and the target is bound from there.
   */
  async bindReadOnly(source: string, target: string): Promise<void> {
    const scratch = `${this.scratchRoot}/${++this.scratchCount}`;
    await mkdir(scratch, { recursive: true });
    try {
      await this.bind(source, scratch);
      try {
        const bound = mountsAt(await this.readMountTable(), scratch).at(-1);
        await this.call(`remount ${scratch} read-only`, [this.numbers.mount, 'none', scratch, 'none', readOnlyRemountFlags(bound?.options ?? [])]);
        await this.bind(scratch, target);
      } finally {
        await this.unmount(scratch, true);
      }
    } finally {
      await rmdir(scratch).catch(() => undefined);
    }
  }

  /** Unmounts the upper mount at `target`; `lazy` detaches it even while busy or broken (umount -l). */
  unmount(target: string, lazy = false): Promise<void> {
    return this.call(`${lazy ? 'lazily unmount' : 'unmount'} ${target}`, [this.numbers.umount2, target, lazy ? MNT_DETACH : 0]);
  }

  private call(what: string, args: readonly (string | number)[]): Promise<void> {
    return new Promise((resolve, reject) => {
      execFile('perl', ['-e', PERL, ...args.map(String)], { timeout: CALL_TIMEOUT_MS }, (err, _stdout, stderr) => {
        if (!err) return resolve();
        const errno = ERRNO_NAMES.get(Number(stderr.trim()));
        if (errno) return reject(new MountCallError(what, errno, `${what}: ${errno}`));
        const why = err.killed ? `no answer after ${CALL_TIMEOUT_MS} ms` : (stderr.trim() || err.message);
        reject(new MountCallError(what, 'UNKNOWN', `${what}: ${why}`));
      });
    });
  }
}
