// A real node's cgroup root: the kubelet (cgroupDriver cgroupfs) puts every pod below it, so the harness can find,
// kill and remove everything the node ran. cgroup v1 needs the root made by hand in every hierarchy
// (real-node.md, trap 2); v2 has one hierarchy whose controllers must be delegated to it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unescapeMountPath } from './mounts';

export interface CgroupHierarchy {
  readonly mountPoint: string;
  readonly version: 1 | 2;
  /** v1: the controllers of this mount (`cpu`, `memory`, `name=systemd` ...). */
  readonly controllers: readonly string[];
}

/** The mounted cgroup hierarchies, from /proc/self/mountinfo. */
export function cgroupHierarchies(mountinfo = fs.readFileSync('/proc/self/mountinfo', 'utf8')): CgroupHierarchy[] {
  const out: CgroupHierarchy[] = [];
  for (const line of mountinfo.split('\n')) {
    const [before, after] = line.split(' - ');
    if (after === undefined) continue;
    const [fstype, , superOptions = ''] = after.split(' ');
    const mountPoint = unescapeMountPath(before.split(' ')[4]);
    if (fstype === 'cgroup2') out.push({ mountPoint, version: 2, controllers: [] });
    if (fstype === 'cgroup') {
      const controllers = superOptions.split(',').filter((o) => o !== 'rw' && o !== 'ro' && !o.startsWith('release_agent') && o !== 'clone_children' && o !== 'noprefix' && o !== 'xattr');
      out.push({ mountPoint, version: 1, controllers });
    }
  }
  // With v1 controllers mounted, a cgroup2 mount beside them (hybrid) holds no controllers: the kubelet uses v1.
  return out.some((h) => h.version === 1) ? out.filter((h) => h.version === 1) : out;
}

/** Creates `/<name>` in every hierarchy, ready for the kubelet's `cgroupRoot`. */
export function createCgroupRoot(name: string, hierarchies = cgroupHierarchies()): void {
  if (hierarchies.length === 0) throw new Error('no cgroup hierarchy is mounted (/proc/self/mountinfo has no cgroup or cgroup2 mount)');
  for (const h of hierarchies) {
    const dir = path.join(h.mountPoint, name);
    fs.mkdirSync(dir, { recursive: true });
    if (h.version === 1 && h.controllers.includes('cpuset')) {
      // A new v1 cpuset is empty and refuses tasks until it has CPUs and memory nodes.
      for (const file of ['cpuset.cpus', 'cpuset.mems']) {
        const current = fs.readFileSync(path.join(dir, file), 'utf8').trim();
        if (current === '') fs.writeFileSync(path.join(dir, file), fs.readFileSync(path.join(h.mountPoint, file), 'utf8'));
      }
    }
    if (h.version === 2) delegateControllers(h.mountPoint, dir);
  }
}

/** The pids of every process in the cgroup tree `/<name>`, in any hierarchy. */
export function cgroupProcesses(name: string, hierarchies = cgroupHierarchies()): number[] {
  const pids = new Set<number>();
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    try {
      for (const pid of fs.readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n')) if (pid) pids.add(Number(pid));
    } catch {
      // Removed while we looked.
    }
    for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
  };
  for (const h of hierarchies) walk(path.join(h.mountPoint, name));
  return [...pids];
}

/**
 * Removes `/<name>` with everything below it, deepest first, in every hierarchy. A cgroup that still holds a
 * process cannot be removed; those are returned, so the caller can say what is left.
 */
export function removeCgroupRoot(name: string, hierarchies = cgroupHierarchies()): string[] {
  const left: string[] = [];
  const remove = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // already gone
    }
    for (const e of entries) if (e.isDirectory()) remove(path.join(dir, e.name));
    try {
      fs.rmdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') left.push(dir);
    }
  };
  for (const h of hierarchies) remove(path.join(h.mountPoint, name));
  return left;
}

/** Whether any hierarchy still has `/<name>`. */
export function cgroupRootExists(name: string, hierarchies = cgroupHierarchies()): boolean {
  return hierarchies.some((h) => fs.existsSync(path.join(h.mountPoint, name)));
}

/** cgroup v2: the controllers the root offers are enabled for the new group's children. */
function delegateControllers(root: string, dir: string): void {
  const available = fs.readFileSync(path.join(root, 'cgroup.subtree_control'), 'utf8').trim().split(/\s+/).filter(Boolean);
  if (available.length > 0) fs.writeFileSync(path.join(dir, 'cgroup.subtree_control'), available.map((c) => `+${c}`).join(' '));
}
