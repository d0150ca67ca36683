// The fuse sidecar's postStart mount check: where the fuse container sees its mount point, and the script run
// against mountinfo files in a shell, as the kubelet runs it in the container.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { containerPathOf, withMountCheck } from '../../../../webhook/plugins/mount-check-hook';

describe('containerPathOf', () => {
  const volumes = [
    { name: 'root', hostPath: { path: '/runtime-mnt/' } },
    { name: 'mount', hostPath: { path: '/runtime-mnt/thin/ns/d' } },
    { name: 'conf', configMap: { name: 'c' } },
  ];

  it('follows the hostPath mount that holds the host folder most closely', () => {
    const container = { name: 'fuse', volumeMounts: [{ name: 'root', mountPath: '/all' }, { name: 'mount', mountPath: '/mnt/d/' }, { name: 'conf', mountPath: '/etc/c' }] };
    expect(containerPathOf(container, volumes, '/runtime-mnt/thin/ns/d/thin-fuse')).toBe('/mnt/d/thin-fuse');
    expect(containerPathOf(container, volumes, '/runtime-mnt/thin/ns/d')).toBe('/mnt/d');
    expect(containerPathOf(container, volumes, '/runtime-mnt/cache/x')).toBe('/all/cache/x');
    expect(containerPathOf(container, volumes, '/elsewhere')).toBeUndefined();
    expect(containerPathOf({ name: 'fuse', volumeMounts: [{ name: 'mount', mountPath: '/m', subPath: 'a' }] }, volumes, '/runtime-mnt/thin/ns/d/x')).toBeUndefined();
  });
});

describe('the mount check script', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mount-check-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs the hook's script with /proc/self/mountinfo swapped for a file of these lines. */
  function check(lines: string[], point: string, subPath?: string): { code: number; out: string } {
    const mountinfo = path.join(dir, 'mountinfo');
    fs.writeFileSync(mountinfo, lines.join('\n') + '\n');
    const [sh, flag, script, ...args] = withMountCheck({ name: 'fuse' }, point, subPath).lifecycle!.postStart!.exec!.command!;
    // Three checks instead of 150, so a missing mount fails in well under a second; its output stays on stdout
    // instead of going to this machine's PID 1.
    const fast = script.replaceAll('/proc/self/mountinfo', mountinfo).replace('-lt 150', '-lt 3').replaceAll('/proc/1/fd/1', path.join(dir, 'absent', 'fd'));
    try {
      return { code: 0, out: execFileSync(sh, [flag, fast, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
    } catch (err) {
      const e = err as { status: number; stdout: string };
      return { code: e.status, out: e.stdout };
    }
  }

  const bind = `36 35 98:0 /mnt ${dir} rw,noatime master:1 - ext4 /dev/sda1 rw`;
  const fuse = `37 36 0:55 / ${dir} ro,nosuid shared:5 master:3 - fuse.rclone ufs: ro,user_id=0`;

  it('passes once a fuse file system is mounted exactly at the mount point and the folder exists', () => {
    expect(check([bind, fuse], dir)).toMatchObject({ code: 0 });
    fs.mkdirSync(path.join(dir, 'sub'));
    expect(check([bind, fuse], dir, 'sub')).toMatchObject({ code: 0 });
  });

  it('fails when only the host folder is there, a fuse is mounted elsewhere, or the folder is missing', () => {
    expect(check([bind], dir)).toEqual({ code: 1, out: expect.stringContaining(`no fuse mounted at ${dir}`) });
    expect(check([bind, fuse.replace(` ${dir} `, ` ${dir}/other `)], dir).code).toBe(1);
    expect(check([bind, fuse], dir, 'missing').code).toBe(1);
  });
});
