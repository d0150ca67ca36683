// One document's text to the value kubectl's decoder gives: JSON as JSON, simple block YAML through the fast
// reader, everything else through the full go-yaml-compatible path.
import { decodeYamlDocument, Decoded } from './go-decode';
import { readSimpleBlock } from './simple-block';

export function decodeDocument(text: string, json = false): Decoded {
  if (json) {
    try {
      return { value: JSON.parse(text), expanded: false };
    } catch {
      // kubectl falls back to YAML too; the YAML parser then names the problem.
    }
  }
  const simple = readSimpleBlock(text);
  if (simple !== undefined) return { value: simple, expanded: false };
  return decodeYamlDocument(text);
}
