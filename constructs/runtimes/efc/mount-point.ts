// The NAS or CPFS file system an EFC runtime mounts: the Dataset's first mount point, read the way Fluid reads it
// (pkg/ddc/efc/utils.go getMountInfo). Fluid finds a malformed one only when it installs the chart and retries
// forever; here it is an error on the Dataset's field.

/** What Fluid keeps of the mount point. */
export interface MountInfo {
  /** The mount point without its scheme and with a trailing slash: what master and fuse mount. */
  readonly mountPoint: string;
  readonly protocol: 'nfs' | 'cpfs';
  /** The file system id (NAS: the part before the first hyphen, as Fluid cuts it). */
  readonly fileSystemId: string;
  /** The region part of the host name, e.g. cn-hangzhou. */
  readonly serviceAddr: string;
  /** The folder within the file system. */
  readonly dirPath: string;
}

const NAS = /^(nfs:\/\/)([a-z0-9-]+)\.([a-z0-9-]+)\.nas\.aliyuncs\.com:/;
const CPFS = /^(cpfs:\/\/)([a-z0-9-]+)\.([a-z0-9-]+)\.cpfs\.aliyuncs\.com:\/share/;

const EXAMPLES = {
  nfs: 'nfs://<id>.<region>.nas.aliyuncs.com:/<dir>',
  cpfs: 'cpfs://<id>.<region>.cpfs.aliyuncs.com:/share/<dir>',
} as const;

/** The parsed mount point, or the reason it cannot be mounted. */
export type ParsedMountPoint = { readonly ok: true; readonly info: MountInfo } | { readonly ok: false; readonly message: string };

export function parseMountPoint(raw: string): ParsedMountPoint {
  const trimmed = raw.trim();
  const text = trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
  for (const protocol of ['nfs', 'cpfs'] as const) {
    if (!text.startsWith(`${protocol}://`)) continue;
    const m = (protocol === 'nfs' ? NAS : CPFS).exec(text);
    if (!m) return { ok: false, message: `"${raw}" is not a ${protocol === 'nfs' ? 'NAS' : 'CPFS'} mount point of the form ${EXAMPLES[protocol]}` };
    return {
      ok: true,
      info: {
        mountPoint: text.slice(`${protocol}://`.length),
        protocol,
        fileSystemId: protocol === 'nfs' ? m[2].split('-')[0] : m[2],
        serviceAddr: m[3],
        dirPath: text.slice(m[0].length),
      },
    };
  }
  return { ok: false, message: `"${raw}": EFCRuntime mounts NAS (${EXAMPLES.nfs}) or CPFS (${EXAMPLES.cpfs})` };
}
