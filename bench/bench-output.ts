// How the benchmarks print their figures and end: one aligned "what  figure" line per row, and a failure as its
// stack on stderr with a non-zero exit.

/** Prints `[what, figure]` rows with the figures lined up. */
export function printRows(rows: readonly (readonly [string, string])[]): void {
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
}

/** Runs a benchmark's main; a failure exits non-zero with its stack. */
export function runBench(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
