import { execFile } from 'node:child_process';

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** @default 5 minutes */
  readonly timeoutMs?: number;
}

/** Runs a command to completion and returns its stdout; a failure quotes the end of its stderr. */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: timeoutMs, maxBuffer: 64 << 20, env: options.env ?? process.env }, (err, stdout, stderr) => {
      if (err === null) return resolve(stdout);
      const why = err.killed ? `did not finish within ${timeoutMs / 1000} s`
        : `failed (${err.code ?? err.signal}): ${stderr.trim().slice(-2000) || err.message}`;
      reject(new Error(`${[command, ...args].join(' ').slice(0, 300)}: ${why}`));
    });
  });
}
