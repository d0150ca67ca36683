// YAML read as kubectl reads it. Every expectation below was produced by running the same text through
// kubectl's own reader (k8s.io/apimachinery v0.36.3 util/yaml.NewYAMLOrJSONDecoder into a RawExtension, as
// cli-runtime's StreamVisitor does; sigs.k8s.io/yaml v1.6.0 over go.yaml.in/yaml/v2 v2.4.3) and copying the
// JSON or the error it printed. Where we differ on purpose it says so.
import { parseDocuments, SourceDocument } from '../../../cli/read-documents';
import { decodeDocument } from '../../../cli/yaml/decode-document';
import { decodeYamlDocument } from '../../../cli/yaml/go-decode';

/** JSON with sorted keys, as Go's encoding/json writes maps. */
function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${goJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The document's value through the reader, or its error. */
function kubectlRead(text: string): string {
  try {
    return goJson(decodeDocument(text).value);
  } catch (e) {
    return `ERROR ${(e as Error).message}`;
  }
}

describe('scalars as go-yaml v2 resolves them (kubectl)', () => {
  const cases: [string, string][] = [
    ['created: 2024-01-15', '{"created":"2024-01-15"}'],
    ['created: 2024-01-15T10:00:00Z', '{"created":"2024-01-15T10:00:00Z"}'],
    ['d: 2024-1-5', '{"d":"2024-1-5"}'],
    ['quota: 1e1000', '{"quota":"1e1000"}'],
    ['quota: -1e1000', '{"quota":"-1e1000"}'],
    ['tiny: 1e-400', '{"tiny":0}'],
    ['mode: 0755', '{"mode":493}'],
    ['o: 0o17', '{"o":15}'],
    ['h: 0x1F', '{"h":31}'],
    ['b: 0b101', '{"b":5}'],
    ['nb: -0b11', '{"nb":-3}'],
    ['u: 1_000', '{"u":1000}'],
    ['u2: 1__0', '{"u2":10}'],
    ['oct: 0_7', '{"oct":7}'],
    ['eight: 08', '{"eight":8}'],
    ['x: 0x', '{"x":"0x"}'],
    ['big: 99999999999999999999', '{"big":100000000000000000000}'],
    ['f: 1.5', '{"f":1.5}'],
    ['e: 1e3', '{"e":1000}'],
    ['g: 1.e5', '{"g":100000}'],
    ['t: 3.', '{"t":3}'],
    ['v: .5', '{"v":0.5}'],
    ['p: +12', '{"p":12}'],
    ['s: 1.0', '{"s":1}'],
    ['time: 12:30', '{"time":"12:30"}'],
    ['a: yes', '{"a":true}'],
    ['a: on', '{"a":true}'],
    ['a: y', '{"a":true}'],
    ['a: Off', '{"a":false}'],
    ['a: ~', '{"a":null}'],
    ['q: "2024-01-15"', '{"q":"2024-01-15"}'],
    ["q: '0755'", '{"q":"0755"}'],
    ['y: 1', '{"true":1}'],
    ['No: 1', '{"false":1}'],
    ['1: x', '{"1":"x"}'],
    ['1.5: y', '{"1.5":true}'],
    ['yy: !!str 12', '{"yy":"12"}'],
    ['zz: !foo bar', '{"zz":"bar"}'],
    ['a: !!binary aGVsbG8=\nb: !!float 1\nc: !!int "7"\nd: !!timestamp 2024-01-15', '{"a":"hello","b":1,"c":7,"d":"2024-01-15"}'],
    ['a: "x\\ty"\nb: \'it\'\'s\'\nc: >\n  folded\n  text\nd: |\n  lit\n', '{"a":"x\\ty","b":"it\'s","c":"folded text\\n","d":"lit\\n"}'],
    ['a: [1, [2, {b: 3}]]\nc: {d: e, "f": !!str 1}', '{"a":[1,[2,{"b":3}]],"c":{"d":"e","f":"1"}}'],
    ['a: 1\na: 2', '{"a":2}'],
  ];
  it.each(cases)('%j reads as %s', (text, expected) => {
    expect(kubectlRead(text)).toBe(expected);
  });

  it('gives the same values through the full parser as through the fast reader', () => {
    for (const [text, expected] of cases) expect(goJson(decodeYamlDocument(text).value)).toBe(expected);
  });
});

describe('what kubectl refuses', () => {
  const refused: [string, string, RegExp][] = [
    // kubectl: error converting YAML to JSON: json: unsupported value: +Inf
    ['.inf', 'a: .inf', /\.inf has no JSON form/],
    // kubectl: json: unsupported value: NaN
    ['.nan', 'a: .nan', /\.nan has no JSON form/],
    // kubectl: yaml: anchor 'y' value contains itself
    ['a recursive alias', 'a: &x [1]\nb: *x\nc: &y\n  d: *y\n', /anchor 'y' value contains itself/],
    // kubectl: yaml: invalid map key: []interface {}{1, 2}
    ['a sequence as a key', '? [1, 2]\n: x\n', /mapping or sequence as a mapping key/],
    // kubectl: unsupported map key of type: %!s(<nil>)
    ['a null key', 'a: null\n~: 1\n', /null mapping key/],
    ['a null key in block style', 'null: 1\n', /null mapping key/],
    // kubectl: yaml: line 2: did not find expected key
    ['bad indentation', 'a: |\n  x\n b: 1\n', /./],
  ];
  it.each(refused)('%s', (_name, text, message) => {
    expect(kubectlRead(text)).toMatch(/^ERROR /);
    expect(kubectlRead(text)).toMatch(message);
  });
});

describe('aliases, with go-yaml v2 limits per document', () => {
  const scalarAliases = ['a: &a hello', ...Array.from({ length: 300 }, (_, i) => `k${i}: *a`)].join('\n');
  const listAliases = ['a: &a [1,2,3]', ...Array.from({ length: 2000 }, (_, i) => `k${i}: *a`)].join('\n');
  const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  'bcdefghi'.split('').forEach((n, i) => laughs.push(`${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`));

  it('accepts 300 aliases of a scalar in one document (our old reader stopped at 100)', () => {
    const value = decodeDocument(scalarAliases).value as Record<string, string>;
    expect(Object.keys(value)).toHaveLength(301);
    expect(value.k299).toBe('hello');
  });

  it('accepts 2000 aliases of a three-item list (kubectl does too)', () => {
    const value = decodeDocument(listAliases).value as Record<string, number[]>;
    expect(value.k1999).toEqual([1, 2, 3]);
  });

  it('refuses a billion laughs as excessive aliasing, as kubectl does', () => {
    expect(kubectlRead(laughs.join('\n'))).toMatch(/^ERROR document contains excessive aliasing/);
  });

  it('counts per document: five documents of 60 aliases each are fine', () => {
    const doc = (i: number) => [`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata:\n  a: &a hello`, ...Array.from({ length: 60 }, (_, j) => `  k${j}: *a`)].join('\n');
    const docs = parseDocuments('many.yaml', [0, 1, 2, 3, 4].map(doc).join('\n---\n'));
    expect(docs.map((d) => d.ok)).toEqual([true, true, true, true, true]);
  });

  it('names the file and document of an alias problem and still reads the next document', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n${laughs.join('\n')}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`;
    const docs = parseDocuments('laughs.yaml', text);
    expect(docs.map((d) => d.ok)).toEqual([true, false, true]);
    expect(docs[1]).toMatchObject({ file: 'laughs.yaml', index: 1 });
    expect((docs[1] as { error: string }).error).toMatch(/^invalid YAML: document contains excessive aliasing/);
  });

  it('merges `<<` keys the way go-yaml v2 does (a merge overwrites keys above it)', () => {
    // kubectl: {"base":{"x":1,"z":2},"m":{"w":4,"x":1,"z":2}}
    expect(kubectlRead('base: &b {x: 1, z: 2}\nm:\n  z: 3\n  <<: *b\n  w: 4\n')).toBe('{"base":{"x":1,"z":2},"m":{"w":4,"x":1,"z":2}}');
  });
});

describe('documents of a stream, cut as kubectl cuts them', () => {
  const values = (docs: SourceDocument[]) => docs.map((d) => (d.ok ? goJson(d.value) : `ERROR ${d.error}`));
  const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

  it('skips documents with only comments, `...` and `null`', () => {
    // kubectl: one document, {"a":1}
    const docs = parseDocuments('e.yaml', `# only comment\n---\n---\n${cm('a')}...\n---\nnull\n`);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ ok: true, index: 0 });
  });

  it('accepts spaces and a comment after ---', () => {
    expect(parseDocuments('s.yaml', `${cm('a')}--- \n${cm('b')}---  # c\n${cm('c')}`).map((d) => d.ok)).toEqual([true, true, true]);
  });

  it('refuses content after --- (kubectl: invalid Yaml document separator: {a: 1}) but reads the rest', () => {
    const docs = parseDocuments('sep.yaml', `--- {a: 1}\n---\n${cm('b')}`);
    expect(values(docs)).toEqual([expect.stringMatching(/^ERROR invalid document separator "--- \{a: 1\}"/), expect.stringMatching(/"name":"b"/)]);
  });

  it('reports a syntax error with its line and goes on (kubectl stops at it: yaml: line 1: did not find expected node content)', () => {
    const docs = parseDocuments('mid.yaml', `${cm('a')}---\nb: [\n---\n${cm('c')}`);
    expect(docs.map((d) => d.ok)).toEqual([true, false, true]);
    expect((docs[1] as { error: string }).error).toMatch(/^invalid YAML: Flow sequence.* \(line 7\)$/);
  });

  it('reads a stream of JSON objects (kubectl: two documents)', () => {
    const docs = parseDocuments('s.json', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}\n{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}\n');
    expect(docs.map((d) => (d.ok ? (d.value as { metadata: { name: string } }).metadata.name : d.error))).toEqual(['a', 'b']);
  });

  it('expands kind: List into its items, each checked on its own', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'ds' } },
        { kind: 'AlluxioRuntime', metadata: { name: 'ds' } },
      ],
    };
    const docs = parseDocuments('list.json', JSON.stringify(list));
    expect(docs).toHaveLength(2);
    expect(docs[0]).toMatchObject({ ok: true, index: 0, item: 0 });
    expect(docs[1]).toMatchObject({ ok: false, index: 0, item: 1, error: 'AlluxioRuntime ds: apiVersion: required field is missing' });
  });

  it('refuses a document without apiVersion or kind (kubectl: Object \'Kind\' is missing)', () => {
    const docs = parseDocuments('m.yaml', 'metadata: {name: x}\nspec: {}\n');
    expect(docs).toEqual([
      expect.objectContaining({ ok: false, error: '<no kind> x: apiVersion: required field is missing\n<no kind> x: kind: required field is missing' }),
    ]);
  });

  it('refuses a Fluid kind under another apiVersion (kubectl: no matches for kind "AlluxioRuntime" in version "v1")', () => {
    const docs = parseDocuments('v.yaml', 'apiVersion: v1\nkind: AlluxioRuntime\nmetadata: {name: x}\n');
    expect(docs).toEqual([expect.objectContaining({ ok: false, error: 'AlluxioRuntime x: apiVersion: AlluxioRuntime is served as data.fluid.io/v1alpha1, got "v1"' })]);
  });

  it('refuses a scalar document (kubectl: Object \'Kind\' is missing in \'"hello"\')', () => {
    expect(parseDocuments('x.yaml', 'hello\n')).toEqual([expect.objectContaining({ ok: false, error: expect.stringMatching(/expected an object with apiVersion and kind/) })]);
  });
});
