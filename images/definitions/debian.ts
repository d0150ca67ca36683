// A Debian root filesystem made by mmdebstrap: the base of the images that need a libc (Node, fuse clients).
import * as path from 'node:path';
import { ImageDefinition } from '../image-definition';
import { layerOf } from '../layer';
import { runCommand } from '../run-command';

export interface DebianImageProps {
  /** Image name. @default 'debian' */
  readonly name?: string;
  /** @default 'bookworm', the release of the machines this project runs on */
  readonly suite?: string;
  /** Packages on top of Debian's essential set (which has no apt). @default [] */
  readonly packages?: readonly string[];
}

/** mmdebstrap's `essential` variant needs about 20 s and gives ~55 MiB; `minbase` adds apt and perl (125 MiB). */
const VARIANT = 'essential';
const MMDEBSTRAP_DEADLINE_MS = 10 * 60_000;
/** Documentation and translations are of no use in a container. */
const EXCLUDED = ['/usr/share/doc/*', '/usr/share/man/*', '/usr/share/locale/*', '/usr/share/info/*'];

export function debianImage(props: DebianImageProps = {}): ImageDefinition {
  const suite = props.suite ?? 'bookworm';
  const packages = [...(props.packages ?? [])].sort();
  return {
    name: props.name ?? 'debian',
    inputs: async () => [`suite=${suite}`, `variant=${VARIANT}`, `packages=${packages.join(',')}`, `exclude=${EXCLUDED.join(',')}`],
    async build(ctx) {
      const file = path.join(ctx.workDir, 'rootfs.tar');
      await runCommand('mmdebstrap', [
        '--quiet', `--variant=${VARIANT}`, ...(packages.length ? [`--include=${packages.join(',')}`] : []),
        // bookworm wants /bin, /lib ... as symlinks into /usr; this hook does it without the usrmerge package (and perl).
        '--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr',
        // Device nodes come from the container runtime, not the image.
        '--format=tar', '--skip=output/dev',
        ...EXCLUDED.map((p) => `--dpkgopt=path-exclude=${p}`),
        '--customize-hook=rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/cache/ldconfig/aux-cache "$1"/var/log/*',
        suite, file,
      ], { env: { ...process.env, SOURCE_DATE_EPOCH: '0' }, timeoutMs: MMDEBSTRAP_DEADLINE_MS });
      const extra = packages.length ? ` + ${packages.join(' ')}` : '';
      return {
        layers: [await layerOf(file, `mmdebstrap --variant=${VARIANT} ${suite}${extra}`)],
        config: { user: '0:0', env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], cmd: ['bash'] },
      };
    },
  };
}
