// Cuts a file into documents the way kubectl does (k8s.io/apimachinery's YAMLReader): a line that starts with
// `---` ends a document, and anything but spaces or a comment after it is an error; a file whose first character
// is `{` is a stream of JSON objects. One pass over the text, so a 20 MB file of 100 k documents costs what its
// documents cost.

export interface DocumentText {
  readonly text: string;
  /** 1-based line of the file where the document's text starts. */
  readonly line: number;
  /** Set when kubectl would stop reading here; the document is reported, the rest of the file still read. */
  readonly error?: string;
  readonly json?: boolean;
}

/** True when the line has something but spaces and a comment. */
function hasContent(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) continue;
    return c !== 35; // '#'
  }
  return false;
}

export function splitYamlStream(text: string): DocumentText[] {
  const out: DocumentText[] = [];
  let docStart = 0;
  let docLine = 1;
  let content = false;
  let error: string | undefined;
  let lineNo = 1;
  const flush = (end: number) => {
    if (content || error) out.push({ text: text.slice(docStart, end), line: docLine, ...(error ? { error } : {}) });
  };
  for (let pos = 0; pos < text.length; lineNo++) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    if (text.startsWith('---', pos)) {
      const rest = text.slice(pos + 3, eol).trim();
      flush(pos);
      content = false;
      error = rest && !rest.startsWith('#') ? `invalid document separator "${text.slice(pos, eol).trimEnd()}" (kubectl reads only spaces or a comment after ---)` : undefined;
      docStart = eol + 1;
      docLine = lineNo + 1;
    } else if (!content && hasContent(text, pos, eol)) {
      content = true;
    }
    pos = eol + 1;
  }
  flush(text.length);
  return out;
}

/**
 * Top-level JSON values of a stream like `{...}{...}`, or undefined when the text is not such a stream (then kubectl
 * reads it as YAML). Strings are skipped so braces inside them do not count.
 */
export function splitJsonStream(text: string): DocumentText[] | undefined {
  const out: DocumentText[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) {
        start = i;
        startLine = line;
      }
    } else if (c === '}' || c === ']') {
      if (--depth === 0) out.push({ text: text.slice(start, i + 1), line: startLine, json: true });
      if (depth < 0) return undefined;
    } else if (depth === 0 && !/\s/.test(c)) return undefined;
  }
  return depth === 0 ? out : undefined;
}

export function splitStream(text: string): DocumentText[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/^\s*\{/.test(body)) {
    const json = splitJsonStream(body);
    if (json) return json;
  }
  return splitYamlStream(body);
}
