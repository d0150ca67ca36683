// What `validate` and `synth -f` read: folders, several files where one is bad, Lists, the apiserver's size
// limits, and Fluid's CRDs taking the strings kubectl's YAML reader gives them.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputFiles } from '../../../cli/input-files';
import { parseDocuments } from '../../../cli/read-documents';
import { validateFiles } from '../../../cli/validate';

const dataset = (name: string, extra = '') =>
  `apiVersion: data.fluid.io/v1alpha1\nkind: Dataset\nmetadata:\n  name: ${name}\n${extra}spec:\n  mounts:\n  - mountPoint: https://example.com/${name}\n    name: m\n`;

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fluid-cdk8s-read-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('-f with a folder', () => {
  it('walks it recursively for .yaml, .yml and .json files in name order, like kubectl -R', () => {
    mkdirSync(join(dir, 'b-sub', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'z.yaml'), dataset('z'));
    writeFileSync(join(dir, 'a.yml'), dataset('a'));
    writeFileSync(join(dir, 'notes.txt'), 'not yaml');
    writeFileSync(join(dir, 'b-sub', 'c.json'), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }));
    writeFileSync(join(dir, 'b-sub', 'deeper', 'd.yaml'), dataset('d'));
    const listed = inputFiles(dir);
    expect(listed).toEqual({ ok: true, files: [join(dir, 'a.yml'), join(dir, 'b-sub', 'c.json'), join(dir, 'b-sub', 'deeper', 'd.yaml'), join(dir, 'z.yaml')] });
    const report = validateFiles([dir]);
    expect(report.errors).toBe(0);
    expect(report.lines).toEqual([
      `ok ${join(dir, 'a.yml')}#0 Dataset default/a`,
      `skip ${join(dir, 'b-sub', 'c.json')}#0 ConfigMap c: not a data.fluid.io object`,
      `ok ${join(dir, 'b-sub', 'deeper', 'd.yaml')}#0 Dataset default/d`,
      `ok ${join(dir, 'z.yaml')}#0 Dataset default/z`,
    ]);
  });

  it('reads a file named on the command line whatever its extension, and does not follow links to folders', () => {
    writeFileSync(join(dir, 'manifest.txt'), dataset('t'));
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'r.yaml'), dataset('r'));
    mkdirSync(join(dir, 'top'));
    symlinkSync(join(dir, 'real'), join(dir, 'top', 'link'));
    writeFileSync(join(dir, 'top', 'x.yaml'), dataset('x'));
    expect(validateFiles([join(dir, 'manifest.txt')]).lines).toEqual([`ok ${join(dir, 'manifest.txt')}#0 Dataset default/t`]);
    expect(inputFiles(join(dir, 'top'))).toEqual({ ok: true, files: [join(dir, 'top', 'x.yaml')] });
  });

  it('says so when a folder holds no manifest, and when a path does not exist', () => {
    mkdirSync(join(dir, 'empty'));
    const { documents: _d, ...missing } = validateFiles([join(dir, 'empty'), join(dir, 'absent')]);
    expect(missing).toEqual({
      errors: 2,
      lines: [`error ${join(dir, 'empty')}#0: no .yaml, .yml, .json file in this folder`, `error ${join(dir, 'absent')}#0: cannot read file: ENOENT`],
    });
  });
});

describe('one bad file or document', () => {
  it('never hides the results of the others', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');
    writeFileSync(join(dir, '1-bad.yaml'), `${dataset('one')}---\n${laughs}\n---\nc: &c\n  d: *c\n`);
    writeFileSync(join(dir, '2-good.yaml'), dataset('two'));
    const report = validateFiles([join(dir, '1-bad.yaml'), join(dir, '2-good.yaml')]);
    expect(report.errors).toBe(2);
    expect(report.lines).toEqual([
      `ok ${join(dir, '1-bad.yaml')}#0 Dataset default/one`,
      expect.stringMatching(new RegExp(`^error ${join(dir, '1-bad.yaml')}#1: invalid YAML: document contains excessive aliasing`)),
      expect.stringMatching(new RegExp(`^error ${join(dir, '1-bad.yaml')}#2: invalid YAML: anchor 'c' value contains itself \\(line 21\\)$`)),
      `ok ${join(dir, '2-good.yaml')}#0 Dataset default/two`,
    ]);
  });

  it('expands a List, so an invalid runtime inside it is an error (it was skipped with exit 0)', () => {
    const file = join(dir, 'list.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- apiVersion: data.fluid.io/v1alpha1',
        '  kind: Dataset',
        '  metadata: {name: ds}',
        '  spec: {mounts: [{mountPoint: "https://example.com/x", name: m}]}',
        '- apiVersion: data.fluid.io/v1alpha1',
        '  kind: AlluxioRuntime',
        '  metadata: {name: ds}',
        '  spec: {replicas: many}',
      ].join('\n'),
    );
    const report = validateFiles([file]);
    expect(report.errors).toBe(1);
    expect(report.lines).toEqual([`ok ${file}#0.items[0] Dataset default/ds`, expect.stringMatching(new RegExp(`^error ${file}#0\\.items\\[1\\] AlluxioRuntime default/ds: spec\\.replicas: `))]);
  });
});

describe("Fluid's CRDs and kubectl's strings", () => {
  it('accepts an unquoted date where the schema says string and 1e1000 as a quota, as the apiserver does', () => {
    const file = join(dir, 'strings.yaml');
    const runtime = [
      'apiVersion: data.fluid.io/v1alpha1',
      'kind: AlluxioRuntime',
      'metadata:',
      '  name: ds',
      '  annotations:',
      '    created: 2024-01-15',
      'spec:',
      '  tieredstore:',
      '    levels:',
      '    - mediumtype: MEM',
      '      path: /dev/shm',
      '      quota: 1e1000',
    ].join('\n');
    writeFileSync(file, `${dataset('ds', '  labels:\n    created: 2024-01-15\n')}---\n${runtime}\n`);
    const { documents: _documents, ...report } = validateFiles([file]);
    expect(report).toEqual({ errors: 0, lines: [`ok ${file}#0 Dataset default/ds`, `ok ${file}#1 AlluxioRuntime default/ds`] });
    const [, read] = parseDocuments(file, `${dataset('ds')}---\n${runtime}\n`);
    expect(read).toMatchObject({ ok: true, value: { metadata: { annotations: { created: '2024-01-15' } }, spec: { tieredstore: { levels: [{ quota: '1e1000' }] } } } });
  });

  it('still refuses a date where the schema says integer (the apiserver: must be of type integer)', () => {
    const file = join(dir, 'int.yaml');
    writeFileSync(file, 'apiVersion: data.fluid.io/v1alpha1\nkind: AlluxioRuntime\nmetadata: {name: ds}\nspec:\n  replicas: 2024-01-15\n');
    const report = validateFiles([file]);
    expect(report.errors).toBe(1);
    expect(report.lines[0]).toMatch(/^error \S+#0 AlluxioRuntime default\/ds: spec\.replicas: expected an integer, got "2024-01-15"/);
  });
});

describe("the apiserver's limits", () => {
  it('refuses 20 MB of annotations, naming the field and the limit', () => {
    const big = 'x'.repeat(20 * 1024 * 1024);
    const docs = parseDocuments('big.yaml', `${dataset('ds', `  annotations:\n    note: ${big}\n`)}---\n${dataset('next')}`);
    expect(docs.map((d) => d.ok)).toEqual([false, true]);
    const error = (docs[0] as { error: string }).error.split('\n');
    expect(error).toEqual([
      'Dataset ds: metadata.annotations: annotations total 20971524 bytes, the apiserver allows at most 262144 (256 KiB)',
      expect.stringMatching(/^Dataset ds: the object is \d+ bytes as JSON, the apiserver accepts at most 3145728 \(3 MiB\) in one request$/),
    ]);
  });

  it('takes annotations up to 256 KiB in total and refuses one byte more', () => {
    const at = (n: number) => parseDocuments('a.yaml', dataset('ds', `  annotations:\n    ab: ${'v'.repeat(n - 2)}\n`))[0].ok;
    expect(at(256 * 1024)).toBe(true);
    expect(at(256 * 1024 + 1)).toBe(false);
  });

  it('measures an object grown by aliases, not its text', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `    k${i}: *big`).join('\n');
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nbig: &big "${'y'.repeat(100 * 1024)}"\ndata:\n${rows}\n`;
    expect(parseDocuments('alias.yaml', text)).toEqual([expect.objectContaining({ ok: false, error: expect.stringMatching(/^ConfigMap c: the object is \d+ bytes as JSON/) })]);
  });

  it('refuses a label value of 64 characters, as the apiserver does', () => {
    const docs = parseDocuments('l.yaml', dataset('ds', `  labels:\n    team: ${'a'.repeat(64)}\n    "bad key!": x\n`));
    expect(docs).toEqual([
      expect.objectContaining({
        ok: false,
        error: expect.stringMatching(/^Dataset ds: metadata\.labels\.team: label value is 64 characters, at most 63 are allowed\nDataset ds: metadata\.labels\["bad key!"\]: not a valid label key/),
      }),
    ]);
  });
});
