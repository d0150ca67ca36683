// Where the plugin and the kubelet meet on the node's disk: the kubelet's plugin-registration folder, the CSI
// socket, the pod volume folders the kubelet hands out as target paths, and the plugin's own state.
import * as path from 'node:path';
import { CSI_DRIVER } from '../constructs/components/dataset-volume';

export { CSI_DRIVER };
/** The kubelet's default --root-dir. */
export const DEFAULT_KUBELET_DIR = '/var/lib/kubelet';
/** sun_path holds 108 bytes with the terminating NUL (unix(7)). */
const MAX_SOCKET_PATH = 107;

export interface PluginPaths {
  /** The kubelet's plugin watcher finds this socket and asks it where the driver is (pluginregistration.v1). */
  readonly registrationSocket: string;
  /** The CSI endpoint: Identity and Node services. */
  readonly csiSocket: string;
  /** One record per published target, so fuse recovery survives a plugin restart. */
  readonly publicationsDir: string;
}

export function pluginPaths(kubeletDir: string): PluginPaths {
  const k = kubeletDir.replace(/\/+$/, '');
  const paths = {
    registrationSocket: `${k}/plugins_registry/${CSI_DRIVER}-reg.sock`,
    csiSocket: `${k}/plugins/${CSI_DRIVER}/csi.sock`,
    publicationsDir: `${k}/plugins/${CSI_DRIVER}/publications`,
  };
  for (const socket of [paths.registrationSocket, paths.csiSocket]) {
    if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
      throw new Error(`--kubelet-dir ${kubeletDir}: the socket ${socket} would be ${Buffer.byteLength(socket)} bytes, over the ${MAX_SOCKET_PATH} a unix socket path may have`);
    }
  }
  return paths;
}

/** The pod and volume of a CSI target path, `<kubelet>/pods/<pod uid>/volumes/kubernetes.io~csi/<volume>/mount`. */
export function podVolumeOfTarget(kubeletDir: string, targetPath: string): { podUid: string; volumeName: string } | undefined {
  const rest = relativeInside(kubeletDir, targetPath);
  const m = rest === undefined ? null : /^pods\/([^/]+)\/volumes\/kubernetes\.io~csi\/([^/]+)\/mount$/.exec(rest);
  return m ? { podUid: m[1], volumeName: m[2] } : undefined;
}

/**
 * Where the kubelet bind-mounts the sub-folders a pod's containers ask for with volumeMounts[].subPath:
 * `volume-subpaths/<pod volume name>/<container>/<index>`, named after the pod's volume, not the PV.
 */
export function podSubpathsDir(kubeletDir: string, podUid: string): string {
  return `${kubeletDir.replace(/\/+$/, '')}/pods/${podUid}/volume-subpaths`;
}

/** Mount points of every pod's CSI target for `volumeName` in a list of mount points. */
export function targetsOfVolume(kubeletDir: string, volumeName: string, mountPoints: readonly string[]): string[] {
  return mountPoints.filter((p) => podVolumeOfTarget(kubeletDir, p)?.volumeName === volumeName);
}

/** `inner` relative to `dir` when it is `dir` itself ('') or below it; undefined otherwise. */
export function relativeInside(dir: string, inner: string): string | undefined {
  const rel = path.posix.relative(dir, inner);
  if (rel === '') return '';
  return rel.startsWith('..') || path.posix.isAbsolute(rel) ? undefined : rel;
}
