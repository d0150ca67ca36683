import { execFileSync } from 'node:child_process';

/**
 * Runs a host tool (ip, mount, umount) and returns its stdout. Synchronous on purpose: the same cleanup runs from
 * `process.on('exit')`, where nothing asynchronous can. Each of these commands takes milliseconds.
 */
export function hostCommand(command: string, args: readonly string[], timeoutMs = 10_000): string {
  try {
    return execFileSync(command, [...args], { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')}: ${(e.stderr ?? '').trim() || e.message}`);
  }
}
