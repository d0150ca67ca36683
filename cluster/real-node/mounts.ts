// Mounts a real node leaves: the kubelet's bind mount of its root dir, pod volumes, containers' root filesystems,
// fuse mounts under the shared mount root. All are found in /proc/self/mountinfo and lazily unmounted, deepest first.
import * as fs from 'node:fs';
import { hostCommand } from './host-command';

/** Mount points at or below `dir`, deepest (and most recent) first. */
export function mountsUnder(dir: string, mountinfo = fs.readFileSync('/proc/self/mountinfo', 'utf8')): string[] {
  const prefix = dir.replace(/\/$/, '');
  const points = mountinfo.split('\n').filter(Boolean).map((line) => unescapeMountPath(line.split(' ')[4]))
    .filter((p) => p === prefix || p.startsWith(`${prefix}/`));
  // A path mounted twice appears twice; later lines are newer mounts stacked on top, so they go first.
  return points.map((p, i) => ({ p, i })).sort((a, b) => b.p.split('/').length - a.p.split('/').length || b.i - a.i).map((x) => x.p);
}

/**
 * Unmounts everything at or below `dir`. Lazy (`umount -l`), so a busy mount or a dead fuse ("Transport endpoint is
 * not connected") does not stop it. Returns the mount points unmounted.
 */
export function unmountAll(dir: string): string[] {
  const done: string[] = [];
  // A mount can hide another at the same point; go round until none is left (bounded, in case umount keeps failing).
  for (let round = 0; round < 10; round++) {
    const points = mountsUnder(dir);
    if (points.length === 0) return done;
    for (const point of points) {
      try {
        hostCommand('umount', ['-l', point]);
      } catch {
        // Gone already (a parent's lazy unmount takes its children), or really stuck: the round after tells.
      }
      done.push(point);
    }
  }
  const left = mountsUnder(dir);
  if (left.length > 0) throw new Error(`could not unmount ${left.join(', ')}`);
  return done;
}

/**
 * Makes `dir` a shared mount, so mounts made below it inside a container with Bidirectional propagation reach the
 * host and other containers (real-node.md, trap 4: `/` is private here).
 */
export function makeSharedMount(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  hostCommand('mount', ['--bind', dir, dir]);
  hostCommand('mount', ['--make-shared', dir]);
}

/** mountinfo escapes space, tab, newline and backslash as octal. */
export function unescapeMountPath(p: string): string {
  return p.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}
