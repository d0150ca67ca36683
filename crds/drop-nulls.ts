// The apiserver drops null values of CRD fields that are not nullable before it validates and stores an object,
// so `topology: {master: null}` means "master not set". We do the same before validating.

export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null) out[key] = dropNulls(item);
  }
  return out;
}
