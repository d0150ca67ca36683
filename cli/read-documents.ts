// Reads multi-document YAML files the way kubectl does (YAML 1.1: 0755 is octal), keeping each document's
// position so messages can say which one is wrong.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export type SourceDocument =
  | { readonly file: string; readonly index: number; readonly ok: true; readonly value: unknown }
  | { readonly file: string; readonly index: number; readonly ok: false; readonly error: string };

export function parseDocuments(file: string, text: string): SourceDocument[] {
  const out: SourceDocument[] = [];
  parseAllDocuments(text, { version: '1.1' }).forEach((doc, index) => {
    const problem = doc.errors[0];
    if (problem) {
      out.push({ file, index, ok: false, error: `invalid YAML: ${problem.message.split('\n')[0]}` });
      return;
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    // An empty document (only comments, or a trailing ---) is skipped, as kubectl skips it.
    if (value !== null && value !== undefined) out.push({ file, index, ok: true, value });
  });
  return out;
}

export function readDocuments(file: string): SourceDocument[] {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    return [{ file, index: 0, ok: false, error: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }];
  }
  return parseDocuments(file, text);
}
