// Processes on the host, found from /proc: the tests run as root beside the real node, whose containers are plain
// host processes, so a FUSE daemon can be killed the way a crash kills it, from outside its container.
import * as fs from 'node:fs';

function commandLine(pid: string): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return []; // gone meanwhile
  }
}

/** The processes whose command line mounts at `mountPoint`: a `mount` subcommand, and the path as an argument or `-dir=`. */
export function hostPidsMounting(mountPoint: string): number[] {
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((pid) => {
    const args = commandLine(pid);
    return args.includes('mount') && args.some((a) => a === mountPoint || a.endsWith(`=${mountPoint}`));
  }).map(Number);
}
