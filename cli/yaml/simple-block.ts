// A fast reader for the block YAML most manifests are written in: `key: value` mappings, `- item` sequences, plain
// and simple quoted scalars, comments. Anything else (anchors, tags, flow collections, block scalars, escapes,
// multi-line scalars, odd keys, tabs) makes it answer `undefined` and the document goes to the full YAML parser.
// It exists because the full parser costs ~100 µs for a 10-line document; this costs a few. The values it gives
// are the ones the full path gives (test/unit/cli/simple-block.test.ts compares them).
import { keyString, NonJsonFloat, resolvePlain } from './scalars';

const NOT_SIMPLE = Symbol('not simple');

/** Keys it takes: what manifests use (`app.kubernetes.io/name`, `mountPoint`, `0`), nothing that needs quoting. */
const SIMPLE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.\/-]*$/;
/** First characters that start something other than a plain scalar, or a plain scalar this reader leaves alone. */
const INDICATORS = new Set([...'&*!|>\'"%@`[]{}#,?:']);

class Lines {
  readonly indent: number[] = [];
  readonly content: string[] = [];
  pos = 0;
}

function isItem(c: string): boolean {
  return c === '-' || c.startsWith('- ');
}

function stripComment(rest: string): string {
  const hash = rest.indexOf(' #');
  return (hash >= 0 ? rest.slice(0, hash) : rest).trimEnd();
}

function quoted(rest: string, q: string): string | typeof NOT_SIMPLE {
  const close = rest.indexOf(q, 1);
  if (close < 0) return NOT_SIMPLE;
  const inner = rest.slice(1, close);
  if (q === '"' && inner.includes('\\')) return NOT_SIMPLE;
  if (q === "'" && rest[close + 1] === "'") return NOT_SIMPLE;
  const tail = rest.slice(close + 1);
  if (tail !== '' && !/^ +(#.*)?$/.test(tail)) return NOT_SIMPLE;
  return inner;
}

function scalar(rest: string): unknown {
  const first = rest[0];
  if (first === '"' || first === "'") return quoted(rest, first);
  if (INDICATORS.has(first) || (first === '-' && (rest.length === 1 || rest[1] === ' '))) return NOT_SIMPLE;
  const text = stripComment(rest);
  if (text.includes(': ') || text.endsWith(':')) return NOT_SIMPLE;
  const value = resolvePlain(text);
  // `.inf` and friends are errors; the full path reports them with their line.
  return value instanceof NonJsonFloat ? NOT_SIMPLE : value;
}

/** null for a key JSON cannot name (`null:`): the full path reports it with its line. */
function jsonName(key: string): string | null {
  const value = resolvePlain(key);
  return value === null ? null : keyString(value);
}

/** Keys repeat across documents (apiVersion, metadata, name...): their checked JSON names are kept. */
const keyNames = new Map<string, string | null>();

/** A key's JSON name, or null when the key is not one this reader takes. */
function keyName(key: string): string | null {
  let name = keyNames.get(key);
  if (name === undefined) {
    name = SIMPLE_KEY.test(key) && key !== '__proto__' ? jsonName(key) : null;
    if (keyNames.size > 10_000) keyNames.clear();
    keyNames.set(key, name);
  }
  return name;
}

/** `key: rest` split at the first `: `, the key as its JSON name; undefined when the line is not such an entry. */
function entry(c: string): [string, string] | undefined {
  const colon = c.indexOf(':');
  if (colon <= 0 || (colon + 1 < c.length && c[colon + 1] !== ' ')) return undefined;
  const name = keyName(c.slice(0, colon));
  return name === null ? undefined : [name, c.slice(colon + 1).trimStart()];
}

function block(l: Lines): unknown {
  return isItem(l.content[l.pos]) ? sequence(l, l.indent[l.pos]) : mapping(l, l.indent[l.pos]);
}

/** The value after `key:` or `-` with nothing on the line: a nested block, a same-indent sequence, or null. */
function nested(l: Lines, indent: number, allowSameIndentSeq: boolean): unknown {
  if (l.pos >= l.content.length) return null;
  if (l.indent[l.pos] > indent) return block(l);
  if (allowSameIndentSeq && l.indent[l.pos] === indent && isItem(l.content[l.pos])) return sequence(l, indent);
  return null;
}

/** A scalar must end its line: a deeper next line would continue it (multi-line) or be an error. */
function inline(l: Lines, indent: number, rest: string): unknown {
  l.pos++;
  if (l.pos < l.content.length && l.indent[l.pos] > indent) return NOT_SIMPLE;
  return scalar(rest);
}

function mapping(l: Lines, indent: number): unknown {
  const out: Record<string, unknown> = {};
  while (l.pos < l.content.length && l.indent[l.pos] === indent) {
    const kv = entry(l.content[l.pos]);
    if (!kv) return NOT_SIMPLE;
    const key = kv[0];
    let value: unknown;
    if (kv[1] === '' || kv[1][0] === '#') {
      l.pos++;
      value = nested(l, indent, true);
    } else {
      value = inline(l, indent, kv[1]);
    }
    if (value === NOT_SIMPLE) return NOT_SIMPLE;
    out[key] = value; // a repeated key: the last one wins, as in go-yaml v2
  }
  return out;
}

function sequence(l: Lines, indent: number): unknown {
  const out: unknown[] = [];
  while (l.pos < l.content.length && l.indent[l.pos] === indent && isItem(l.content[l.pos])) {
    const c = l.content[l.pos];
    let k = 1;
    while (c[k] === ' ') k++;
    const rest = c.slice(k);
    let value: unknown;
    if (rest === '' || rest[0] === '#') {
      l.pos++;
      value = nested(l, indent, false);
    } else if (isItem(rest)) {
      return NOT_SIMPLE;
    } else if (entry(rest)) {
      // `- key: value` opens a mapping whose keys sit at the column of `key`.
      l.indent[l.pos] = indent + k;
      l.content[l.pos] = rest;
      value = mapping(l, indent + k);
    } else {
      value = inline(l, indent, rest);
    }
    if (value === NOT_SIMPLE) return NOT_SIMPLE;
    out.push(value);
  }
  return out;
}

/** The document's value, or undefined when it is not in the simple subset. */
export function readSimpleBlock(text: string): unknown {
  if (text.includes('\t') || text.includes('\r')) return undefined;
  const l = new Lines();
  let pos = 0;
  while (pos <= text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    let i = pos;
    while (i < eol && text.charCodeAt(i) === 32) i++;
    if (i < eol && text.charCodeAt(i) !== 35) {
      // Directives and document markers belong to the full parser.
      if (i === pos && (text[i] === '%' || text.startsWith('...', i) || text.startsWith('---', i))) return undefined;
      l.indent.push(i - pos);
      l.content.push(text.slice(i, eol).trimEnd());
    }
    pos = eol + 1;
  }
  if (l.content.length === 0) return null;
  const value = block(l);
  return value === NOT_SIMPLE || l.pos < l.content.length ? undefined : value;
}
