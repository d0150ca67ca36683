// The fast reader must give exactly what the full go-yaml-compatible path gives, or step aside (undefined).
// Checked on every YAML file of the repository (CRDs, examples, snapshot goldens), on Fluid's samples when present,
// and on hand-written documents at the edges of what it takes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeYamlDocument } from '../../../cli/yaml/go-decode';
import { readSimpleBlock } from '../../../cli/yaml/simple-block';
import { splitStream } from '../../../cli/yaml/split-stream';
import { loadSampleIndex, REPO_ROOT, samplePath } from '../../../scripts/fluid-samples';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(e.name) ? [path] : [];
  });
}

function fullPath(text: string): unknown {
  try {
    return decodeYamlDocument(text).value;
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('the fast block reader', () => {
  const files = [
    ...['crds', 'examples', 'snapshots'].flatMap((d) => yamlFiles(join(REPO_ROOT, d))),
    ...(loadSampleIndex() ?? []).map(samplePath),
  ];

  it('agrees with the full parser on every document it takes, and takes most of them', () => {
    let taken = 0;
    let total = 0;
    for (const file of files) {
      for (const chunk of splitStream(readFileSync(file, 'utf8'))) {
        total++;
        const fast = readSimpleBlock(chunk.text);
        if (fast === undefined) continue;
        taken++;
        expect({ file, line: chunk.line, value: fast }).toEqual({ file, line: chunk.line, value: fullPath(chunk.text) });
      }
    }
    expect(total).toBeGreaterThan(100);
    expect(taken / total).toBeGreaterThan(0.5);
  });

  const taken: [string, unknown][] = [
    ['a: 1\nb:\n  c: x # comment\n  d: "q # not a comment"\n', { a: 1, b: { c: 'x', d: 'q # not a comment' } }],
    ['list:\n- a\n- b: 1\n  c: 2\n-\n  d: 3\nnext: 0755\n', { list: ['a', { b: 1, c: 2 }, { d: 3 }], next: 493 }],
    ['# head\nk:\n\n  # inside\n  - 1\n  -   x: v\n      z: w\n', { k: [1, { x: "v", z: "w" }] }],
    ["s: 'single'\nd: \"\"\ne:\nf: ~\n", { s: 'single', d: '', e: null, f: null }],
    ['url: http://x:80/a#b\nneg: -1\nflag: --debug\n', { url: 'http://x:80/a#b', neg: -1, flag: '--debug' }],
  ];
  it.each(taken)('reads %j', (text, expected) => {
    expect(readSimpleBlock(text)).toEqual(expected);
    expect(fullPath(text)).toEqual(expected);
  });

  const declined = [
    'a: &x 1\nb: *x\n', // anchors
    'a: !!str 1\n', // tags
    'a: [1, 2]\n', // flow
    'a: |\n  x\n', // block scalar
    'a: "x\\ty"\n', // escapes
    "a: 'it''s'\n", // quote in single quotes
    'a: one\n  two\n', // multi-line plain scalar
    'a:\n\tb: 1\n', // tab
    '"quoted key": 1\n', // key that needs quotes
    '<<: {a: 1}\n', // merge
    'a: .inf\n', // an error the full path reports with its line
    'a:\n    b: 1\n  c: 2\n', // bad indentation: the full path reports it
    '- - a\n', // nested compact sequence
    'a: b: c\n', // an error
    'just text\n',
    '__proto__: 1\n',
  ];
  it.each(declined)('leaves %j to the full parser', (text) => {
    expect(readSimpleBlock(text)).toBeUndefined();
  });
});
