// Limits the apiserver puts on every object, checked as the CLI reads it so an object it would refuse is named
// here, with the field, instead of being half-applied later. Numbers from k8s.io/apiserver and apimachinery:
// request bodies up to 3 MiB, annotations up to 256 KiB in total (keys and values), label values up to 63
// characters of [A-Za-z0-9-_.] starting and ending alphanumeric, label keys a qualified name.
import { formatPath, type FieldError } from '../crds/field-error';

export const MAX_OBJECT_BYTES = 3 * 1024 * 1024;
export const MAX_ANNOTATION_BYTES = 256 * 1024;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length > 0 && name.length <= 63 && NAME_PART.test(name);
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function labelErrors(labels: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const path = formatPath(['metadata', 'labels', key]);
    if (!isQualifiedName(key)) errors.push({ path, message: 'not a valid label key (an optional DNS-subdomain prefix and "/", then at most 63 of [A-Za-z0-9-_.] starting and ending alphanumeric)' });
    if (typeof value === 'string' && (value.length > 63 || !LABEL_VALUE.test(value))) {
      errors.push({ path, message: `label value ${value.length > 63 ? `is ${value.length} characters, at most 63 are allowed` : `${JSON.stringify(value)} must be empty or [A-Za-z0-9-_.] starting and ending alphanumeric`}` });
    }
  }
  return errors;
}

/**
 * What the apiserver would refuse for size or label syntax. `measureSize` is false when the text was small and
 * had no aliases, so its JSON cannot come near the limit and is not serialized just to be measured.
 */
export function objectLimitErrors(object: Record<string, unknown>, measureSize: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const metadata = object.metadata;
  if (metadata !== null && typeof metadata === 'object') {
    const { annotations, labels } = metadata as { annotations?: unknown; labels?: unknown };
    if (annotations !== null && typeof annotations === 'object') {
      let total = 0;
      for (const [key, value] of Object.entries(annotations)) total += byteLength(key) + (typeof value === 'string' ? byteLength(value) : 0);
      if (total > MAX_ANNOTATION_BYTES) {
        errors.push({ path: 'metadata.annotations', message: `annotations total ${total} bytes, the apiserver allows at most ${MAX_ANNOTATION_BYTES} (256 KiB)` });
      }
    }
    if (labels !== null && typeof labels === 'object' && !Array.isArray(labels)) errors.push(...labelErrors(labels as Record<string, unknown>));
  }
  if (measureSize) {
    const size = byteLength(JSON.stringify(object));
    if (size > MAX_OBJECT_BYTES) {
      errors.push({ path: '', message: `the object is ${size} bytes as JSON, the apiserver accepts at most ${MAX_OBJECT_BYTES} (3 MiB) in one request` });
    }
  }
  return errors;
}
