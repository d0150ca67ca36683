// A busybox image from Debian's busybox-static: a shell and the usual tools in one static binary, for test pods.
import * as path from 'node:path';
import { ImageDefinition } from '../image-definition';
import { entryFor, parentDirs, sha256File, writeLayer } from '../layer';
import { runCommand } from '../run-command';
import { TarEntry } from '../tar-writer';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n';
const GROUP = 'root:x:0:\nnogroup:x:65534:\n';

export function busyboxImage(busyboxBinary = '/bin/busybox'): ImageDefinition {
  return {
    name: 'busybox',
    inputs: async () => [`busybox=${await sha256File(busyboxBinary)}`],
    async build(ctx) {
      // Each applet is a symlink to the binary, at the path busybox itself names (bin/sh, usr/bin/wget ...).
      const applets = (await runCommand(busyboxBinary, ['--list-full'])).split('\n').filter((a) => a !== '' && a !== 'bin/busybox');
      const files: TarEntry[] = [
        await entryFor(busyboxBinary, 'bin/busybox'),
        ...applets.map((a): TarEntry => ({ type: 'symlink', path: a, target: '/bin/busybox' })),
        { type: 'data', path: 'etc/passwd', mode: 0o644, data: Buffer.from(PASSWD) },
        { type: 'data', path: 'etc/group', mode: 0o644, data: Buffer.from(GROUP) },
      ];
      const dirs: TarEntry[] = [
        ...parentDirs(files.map((f) => f.path)),
        { type: 'dir', path: 'root', mode: 0o700 },
        { type: 'dir', path: 'tmp', mode: 0o1777 },
      ];
      const layer = await writeLayer(path.join(ctx.workDir, 'busybox.tar'), [...dirs, ...files], 'COPY busybox /bin/busybox + applet links');
      return { layers: [layer], config: { user: '0:0', env: ['PATH=/usr/sbin:/usr/bin:/sbin:/bin'], cmd: ['sh'] } };
    },
  };
}
