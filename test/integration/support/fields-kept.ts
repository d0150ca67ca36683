/**
 * Compares what was sent to the apiserver with what it returned: every field sent must come back with an
 * equal value. Fields only in the read-back object are server-side defaults (or metadata) and are allowed.
 * A null sent counts as absent, because the apiserver drops nulls of non-nullable fields.
 * Returns one line per difference, e.g. `.spec.mounts[0].options.foo: pruned`; empty when all fields were kept.
 */
export function fieldsNotKept(sent: unknown, got: unknown, at = ''): string[] {
  if (sent === null || sent === undefined) return [];
  if (Array.isArray(sent)) {
    if (!Array.isArray(got)) return [`${at || '.'}: sent a list, read back ${preview(got)}`];
    if (got.length !== sent.length) return [`${at}: sent ${sent.length} items, read back ${got.length}`];
    return sent.flatMap((item, i) => fieldsNotKept(item, got[i], `${at}[${i}]`));
  }
  if (typeof sent === 'object') {
    if (got === null || typeof got !== 'object' || Array.isArray(got)) return [`${at || '.'}: sent an object, read back ${preview(got)}`];
    const kept = got as Record<string, unknown>;
    return Object.entries(sent as Record<string, unknown>).flatMap(([key, value]) => {
      if (value === null || value === undefined) return [];
      if (!(key in kept)) return [`${at}.${key}: pruned (sent ${preview(value)})`];
      return fieldsNotKept(value, kept[key], `${at}.${key}`);
    });
  }
  return sent === got ? [] : [`${at}: sent ${preview(sent)}, read back ${preview(got)}`];
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
