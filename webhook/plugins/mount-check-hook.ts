// The fuse sidecar's postStart hook (Fluid's check-mount script, pkg/application/inject/fuse/poststart): the kubelet
// starts a pod's containers one after another and waits for each one's postStart hook, in both injection modes, so
// the application container starts only once the fuse has mounted the Dataset. Fluid ships the script in a
// ConfigMap it creates per namespace; here it is inline in the hook, so admission has no side effects.
import type { Container, Volume } from '../pod';

/** Fluid's script gives up after 30 checks a second apart; this checks five times as often for as long. */
const CHECKS = 150;

// $1: the fuse's mount point as the fuse container sees it; $2: the Dataset's folder under it ('' for the root).
// Ready once /proc/self/mountinfo has a fuse file system (type fuse or fuse.*) mounted exactly there and the folder
// exists. Its output goes to the container's log (PID 1's stdout), since the kubelet keeps a hook's output only
// when it fails.
const SCRIPT = [
  'if [ -w /proc/1/fd/1 ]; then exec >>/proc/1/fd/1 2>&1; fi',
  'i=0',
  `until awk -v p="$1" '$5 == p { for (f = 7; $f != "-"; f++); if ($(f + 1) ~ /^fuse(\\.|$)/) m = 1 } END { exit !m }' /proc/self/mountinfo && [ -e "$1/$2" ]; do`,
  `  i=$((i + 1)); [ "$i" -lt ${CHECKS} ] || { echo "fluid-check-mount: no fuse mounted at $1 after ${CHECKS / 5} s"; exit 1; }`,
  '  sleep 0.2',
  'done',
  'echo "fluid-check-mount: fuse mounted at $1 after $i checks"',
].join('\n');

/**
 * Where the fuse container sees the host folder `hostPath`: through the container's hostPath volume mount that holds
 * it most closely. Undefined when no mount of the container reaches it.
 */
export function containerPathOf(container: Container, volumes: readonly Volume[], hostPath: string): string | undefined {
  let best: { hostRoot: string; mountPath: string } | undefined;
  for (const m of container.volumeMounts ?? []) {
    const hostRoot = volumes.find((v) => v.name === m.name)?.hostPath?.path.replace(/\/+$/, '');
    if (hostRoot === undefined || m.subPath) continue;
    if (hostPath !== hostRoot && !hostPath.startsWith(`${hostRoot}/`)) continue;
    if (!best || hostRoot.length > best.hostRoot.length) best = { hostRoot, mountPath: m.mountPath.replace(/\/+$/, '') };
  }
  return best && `${best.mountPath}${hostPath.slice(best.hostRoot.length)}`;
}

/** The fuse container with the mount check as its postStart hook, beside whatever lifecycle the template has. */
export function withMountCheck(container: Container, mountPoint: string, subPath: string | undefined): Container {
  const postStart = { exec: { command: ['sh', '-c', SCRIPT, 'fluid-check-mount', mountPoint, subPath ?? ''] } };
  return { ...container, lifecycle: { ...container.lifecycle, postStart } };
}
