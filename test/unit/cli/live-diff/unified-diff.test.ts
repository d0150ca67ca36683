import { unifiedDiff } from '../../../../cli/live-diff/unified-diff';

const lines = (n: number, change?: [number, string]) => Array.from({ length: n }, (_, i) => (change && change[0] === i ? change[1] : `line ${i}`)).join('\n') + '\n';

describe('unifiedDiff', () => {
  test('equal texts give the empty string', () => {
    expect(unifiedDiff('a', 'b', lines(5), lines(5))).toBe('');
  });

  test('one changed line: a hunk with three lines of context on each side, line numbers as diff -u prints them', () => {
    expect(unifiedDiff('live', 'applied', lines(10), lines(10, [5, 'changed']))).toBe([
      '--- live', '+++ applied', '@@ -3,7 +3,7 @@',
      ' line 2', ' line 3', ' line 4', '-line 5', '+changed', ' line 6', ' line 7', ' line 8', '',
    ].join('\n'));
  });

  test('changes far apart make two hunks; close ones share one', () => {
    const far = unifiedDiff('a', 'b', lines(30), lines(30).replace('line 2\n', 'x\n').replace('line 25\n', 'y\n'));
    expect(far.match(/^@@/gm)).toHaveLength(2);
    const near = unifiedDiff('a', 'b', lines(30), lines(30).replace('line 2\n', 'x\n').replace('line 8\n', 'y\n'));
    expect(near.match(/^@@/gm)).toHaveLength(1);
  });

  test('a new object is all additions, counted from line 0 on the empty side', () => {
    expect(unifiedDiff('live', 'applied', '', 'a: 1\nb: 2\n')).toBe('--- live\n+++ applied\n@@ -0,0 +1,2 @@\n+a: 1\n+b: 2\n');
  });

  test('an inserted line keeps the lines around it as context', () => {
    const out = unifiedDiff('a', 'b', 'x\ny\n', 'x\nnew\ny\n');
    expect(out).toBe('--- a\n+++ b\n@@ -1,2 +1,3 @@\n x\n+new\n y\n');
  });
});
