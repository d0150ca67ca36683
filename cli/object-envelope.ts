// What every document must be before anything looks at its fields, as kubectl requires: an object with apiVersion
// and kind. A data.fluid.io kind under another apiVersion (`apiVersion: v1` with `kind: AlluxioRuntime`) is an
// error too: kubectl would find no such kind in that version, and skipping it as "not ours" would hide the typo.
import type { FieldError } from '../crds/field-error';
import { describeValue } from '../crds/field-error';
import { API_VERSION, GROUP, kindDefinition } from '../crds/schema/kinds';

export function envelopeErrors(doc: unknown): FieldError[] {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return [{ path: '', message: `expected an object with apiVersion and kind, got ${describeValue(doc)}` }];
  }
  const { apiVersion, kind } = doc as { apiVersion?: unknown; kind?: unknown };
  const errors: FieldError[] = [];
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    errors.push({ path: 'apiVersion', message: apiVersion === undefined ? 'required field is missing' : `expected a string, got ${describeValue(apiVersion)}` });
  }
  if (typeof kind !== 'string' || kind === '') {
    errors.push({ path: 'kind', message: kind === undefined ? 'required field is missing' : `expected a string, got ${describeValue(kind)}` });
  }
  if (typeof kind === 'string' && typeof apiVersion === 'string' && kindDefinition(kind) && apiVersion.split('/')[0] !== GROUP) {
    errors.push({ path: 'apiVersion', message: `${kind} is served as ${API_VERSION}, got ${describeValue(apiVersion)}` });
  }
  return errors;
}
