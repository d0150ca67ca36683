// Reads manifests the way kubectl does: files, folders (recursively) and standard input; documents cut at `---`
// lines; YAML 1.1 scalars as go-yaml v2 reads them (0755 is octal, `yes` is true, a date or `1e1000` stays text);
// `kind: List` expanded into its items. Each document becomes a value or an error naming the file and the
// document's index, so one bad document or file never hides what the others hold.
import { readFileSync } from 'node:fs';
import { formatErrors, objectRefOf } from '../crds/validate';
import { inputFiles } from './input-files';
import { envelopeErrors } from './object-envelope';
import { objectLimitErrors } from './object-limits';
import { decodeDocument } from './yaml/decode-document';
import { DocumentText, splitStream } from './yaml/split-stream';
import { YamlError } from './yaml/yaml-error';

interface Where {
  readonly file: string;
  /** The document's position in the file, counting documents that hold anything. */
  readonly index: number;
  /** For an item of a `kind: List` document, its position in `items`. */
  readonly item?: number;
  /** 1-based line of the file where the document starts. */
  readonly line?: number;
}

export type SourceDocument = (Where & { readonly ok: true; readonly value: unknown }) | (Where & { readonly ok: false; readonly error: string });

/** `file#2`, or `file#2.items[0]` for an item of a List. */
export function documentLabel(doc: Where): string {
  return `${doc.file}#${doc.index}${doc.item === undefined ? '' : `.items[${doc.item}]`}`;
}

/** Texts above this size (or with aliases) are measured as JSON against the apiserver's request limit. */
const MEASURE_ABOVE_CHARS = 256 * 1024;

function checked(where: Where, value: unknown, measureSize: boolean): SourceDocument {
  const envelope = envelopeErrors(value);
  const errors = envelope.length ? envelope : objectLimitErrors(value as Record<string, unknown>, measureSize);
  if (errors.length === 0) return { ...where, ok: true, value };
  return { ...where, ok: false, error: formatErrors(objectRefOf(value), errors).join('\n') };
}

function yamlProblem(e: unknown, chunk: DocumentText): string {
  if (e instanceof YamlError) return `invalid YAML: ${e.message}${e.line ? ` (line ${chunk.line + e.line - 1})` : ''}`;
  if (e instanceof RangeError) return 'invalid YAML: the document nests too deeply to read';
  throw e;
}

function* documentsOf(file: string, chunk: DocumentText, index: number): Generator<SourceDocument> {
  const where: Where = { file, index, line: chunk.line };
  if (chunk.error) {
    yield { ...where, ok: false, error: chunk.error };
    return;
  }
  let value: unknown;
  let expanded: boolean;
  try {
    ({ value, expanded } = decodeDocument(chunk.text, chunk.json));
  } catch (e) {
    yield { ...where, ok: false, error: yamlProblem(e, chunk) };
    return;
  }
  // A document with only comments, or `null`, is skipped, as kubectl skips it.
  if (value === null || value === undefined) return;
  const measure = expanded || chunk.text.length > MEASURE_ABOVE_CHARS;
  const items = (value as { items?: unknown }).items;
  if (typeof value === 'object' && Array.isArray(items)) {
    // kubectl reads any object with `items` as a list and handles each item as if it stood alone.
    for (let item = 0; item < items.length; item++) yield checked({ ...where, item }, items[item], measure);
    return;
  }
  yield checked(where, value, measure);
}

/** Every document of one file's text, lazily, so a large file is never held twice. */
export function* iterateDocuments(file: string, text: string): Generator<SourceDocument> {
  let index = 0;
  for (const chunk of splitStream(text)) yield* documentsOf(file, chunk, index++);
}

export function parseDocuments(file: string, text: string): SourceDocument[] {
  return [...iterateDocuments(file, text)];
}

function readText(file: string): string | SourceDocument {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    return { file, index: 0, ok: false, error: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
}

/** The documents of a file, `-` or a folder, one at a time. */
export function* readAllDocuments(paths: readonly string[]): Generator<SourceDocument> {
  for (const path of paths) {
    const listed = inputFiles(path);
    if (!listed.ok) {
      yield { file: path, index: 0, ok: false, error: listed.error };
      continue;
    }
    for (const file of listed.files) {
      const text = readText(file);
      if (typeof text === 'string') yield* iterateDocuments(file, text);
      else yield text;
    }
  }
}

export function readDocuments(path: string): SourceDocument[] {
  return [...readAllDocuments([path])];
}
