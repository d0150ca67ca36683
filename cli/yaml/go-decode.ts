// The full path: any YAML document, parsed by the `yaml` package with every scalar kept as its text (failsafe
// schema), then turned into the value kubectl gets from sigs.k8s.io/yaml: go-yaml v2's scalar rules, `<<` merges as
// go-yaml applies them, aliases expanded with go-yaml's limits (per document, the same ratio of expanded to
// written nodes it allows), and `.inf`/`.nan` refused as JSON refuses them.
import { Alias, isAlias, isMap, isScalar, isSeq, Node, parseAllDocuments, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { keyString, NonJsonFloat, resolvePlain, resolveTagged } from './scalars';
import { YamlError } from './yaml-error';

const MERGE_TAG = 'tag:yaml.org,2002:merge';
/** go-yaml v2 refuses deeper documents; it also keeps a deep one from exhausting the stack here. */
const MAX_DEPTH = 10000;

/** go-yaml v2's allowedAliasRatio: small documents may be 99% alias expansion, huge ones 10%. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

/** defineProperty, so a key named `__proto__` is an ordinary key as in JSON.parse. */
function setKey(out: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
}

function assign(out: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const name of Object.keys(from)) setKey(out, name, from[name]);
}

class Decoder {
  private readonly anchors = new Map<string, Node>();
  private readonly expanding = new Set<Alias>();
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private depth = 0;
  /** Whether any alias was expanded: then the value may be much larger than its text. */
  expanded = false;

  constructor(private readonly lineOf: (offset: number) => number) {}

  private fail(message: string, node?: Node | null): never {
    throw new YamlError(message, node?.range ? this.lineOf(node.range[0]) : undefined);
  }

  private count(): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      this.fail(`document contains excessive aliasing (${this.aliasCount} of ${this.decodeCount} nodes come from aliases; go-yaml allows ${Math.round(allowedAliasRatio(this.decodeCount) * 100)}%)`);
    }
  }

  document(node: Node | null): unknown {
    this.count();
    return this.decode(node);
  }

  decode(node: Node | null | undefined): unknown {
    this.count();
    if (node == null) return null;
    if (isAlias(node)) return this.alias(node);
    // go-yaml binds an anchor when its node starts, so an alias inside the node refers to the node itself.
    if (node.anchor && this.aliasDepth === 0) this.anchors.set(node.anchor, node);
    if (++this.depth > MAX_DEPTH) this.fail(`document nests deeper than ${MAX_DEPTH} levels`, node);
    try {
      if (isScalar(node)) return this.scalar(node);
      if (isMap(node)) return this.mapping(node);
      if (isSeq(node)) return (node as YAMLSeq<Node>).items.map((item) => this.decode(item));
      return this.fail('unsupported YAML node', node);
    } finally {
      this.depth--;
    }
  }

  private alias(node: Alias): unknown {
    if (this.expanding.has(node)) this.fail(`anchor '${node.source}' value contains itself`, node);
    const target = this.anchors.get(node.source);
    if (!target) this.fail(`unknown anchor '${node.source}' referenced`, node);
    this.expanding.add(node);
    this.aliasDepth++;
    this.expanded = true;
    try {
      return this.decode(target);
    } finally {
      this.aliasDepth--;
      this.expanding.delete(node);
    }
  }

  private scalar(node: Scalar): unknown {
    // `source` is the text as written (after quotes and folding); the failsafe schema still builds a Date or bytes
    // for an explicit !!timestamp or !!binary, which go-yaml would not.
    const text = node.source ?? (node.value === null || node.value === undefined ? '' : String(node.value));
    const value = node.tag ? this.tagged(node, text) : node.type === 'PLAIN' ? resolvePlain(text) : text;
    if (value instanceof NonJsonFloat) this.fail(`${value.text} has no JSON form (kubectl: json: unsupported value)`, node);
    return value;
  }

  private tagged(node: Scalar, text: string): unknown {
    try {
      return resolveTagged(node.tag!, text);
    } catch (e) {
      return this.fail((e as Error).message, node);
    }
  }

  private isMergeKey(key: unknown): boolean {
    return isScalar(key) && (key.tag === MERGE_TAG || (!key.tag && key.type === 'PLAIN' && key.value === '<<'));
  }

  private mapping(node: YAMLMap): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (this.isMergeKey(pair.key)) {
        this.merge(pair.value as Node | null, out);
        continue;
      }
      const key = this.decode(pair.key as Node | null);
      let name: string;
      try {
        name = keyString(key);
      } catch (e) {
        return this.fail((e as Error).message, pair.key as Node);
      }
      const value = this.decode(pair.value as Node | null);
      setKey(out, name, value); // a repeated key: the last one wins, as in go-yaml v2
    }
    return out;
  }

  /** go-yaml v2 copies a merged map's keys over what is already there; a list of maps merges the first one last. */
  private merge(value: Node | null, out: Record<string, unknown>): void {
    const resolved = isAlias(value) ? this.anchors.get(value.source) : value;
    if (isMap(resolved)) {
      assign(out, this.decode(value) as Record<string, unknown>);
    } else if (isSeq(resolved)) {
      const items = (resolved as YAMLSeq<Node>).items;
      for (let i = items.length - 1; i >= 0; i--) {
        const item = items[i];
        const target = isAlias(item) ? this.anchors.get(item.source) : item;
        if (!isMap(target)) this.fail('map merge requires map or sequence of maps as the value', item);
        assign(out, this.decode(item) as Record<string, unknown>);
      }
    } else {
      this.fail('map merge requires map or sequence of maps as the value', value);
    }
  }
}

/** Line (1-based) of each offset, counted once per document and only when an error needs it. */
function lineCounter(text: string): (offset: number) => number {
  return (offset) => {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    return line;
  };
}

export interface Decoded {
  readonly value: unknown;
  /** Aliases were expanded, so the value can be far larger than the text. */
  readonly expanded: boolean;
}

/** One document (kubectl reads only the first if the text holds more) as kubectl's decoder would give it. */
export function decodeYamlDocument(text: string): Decoded {
  const docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, merge: false, prettyErrors: true });
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (!doc) return { value: null, expanded: false };
  const problem = doc.errors[0];
  if (problem) throw new YamlError(problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), problem.linePos?.[0].line);
  const decoder = new Decoder(lineCounter(text));
  const value = decoder.document(doc.contents as Node | null);
  return { value, expanded: decoder.expanded };
}
