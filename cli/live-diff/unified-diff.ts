// A line diff in the unified format (`diff -u`, what `kubectl diff` prints), for `fluid-cdk8s diff`. Objects are a
// few hundred lines of YAML at most, so a plain longest-common-subsequence table is fast enough and easy to check.

/** Lines kept around each change, as `diff -u` does. */
const CONTEXT = 3;

type Op = { readonly type: ' ' | '-' | '+'; readonly line: string };

/** The edit script from `a` to `b`: every line of both, in order, marked kept, removed or added. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ type: ' ', line: a[i++] });
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      // Removals before additions where either order is as short, as diff prints a changed line.
      ops.push({ type: '-', line: a[i++] });
    } else {
      ops.push({ type: '+', line: b[j++] });
    }
  }
  return ops;
}

/** `start,count` of a hunk side; an empty side names the line before it, as diff does. */
function range(start: number, count: number): string {
  return `${count === 0 ? start : start + 1},${count}`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/**
 * `--- fromLabel` / `+++ toLabel` and the hunks that turn `from` into `to`; the empty string when they are equal.
 * Each text is lines ending in a newline (the last one's may be missing).
 */
export function unifiedDiff(fromLabel: string, toLabel: string, from: string, to: string): string {
  const ops = editScript(splitLines(from), splitLines(to));
  const changed = ops.flatMap((op, index) => (op.type === ' ' ? [] : [index]));
  if (changed.length === 0) return '';
  // Group changes whose context windows touch or overlap into one hunk.
  const hunks: [number, number][] = [];
  for (const index of changed) {
    const last = hunks.at(-1);
    if (last && index - last[1] <= 2 * CONTEXT) last[1] = index;
    else hunks.push([index, index]);
  }
  const out = [`--- ${fromLabel}`, `+++ ${toLabel}`];
  for (const [first, lastChange] of hunks) {
    const start = Math.max(0, first - CONTEXT);
    const end = Math.min(ops.length, lastChange + CONTEXT + 1);
    const before = ops.slice(0, start);
    const body = ops.slice(start, end);
    const fromStart = before.filter((op) => op.type !== '+').length;
    const toStart = before.filter((op) => op.type !== '-').length;
    const fromCount = body.filter((op) => op.type !== '+').length;
    const toCount = body.filter((op) => op.type !== '-').length;
    out.push(`@@ -${range(fromStart, fromCount)} +${range(toStart, toCount)} @@`);
    for (const op of body) out.push(`${op.type}${op.line}`);
  }
  return `${out.join('\n')}\n`;
}
