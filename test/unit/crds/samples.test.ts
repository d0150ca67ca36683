// Fluid's own YAML must validate unchanged; the few broken samples must be rejected, naming object and field.
import { readDocuments } from '../../../cli/read-documents';
import { formatErrors, isFluidObject, validateObject } from '../../../crds/validate';
import { loadSampleIndex, samplePath } from '../../../scripts/fluid-samples';

const index = loadSampleIndex() ?? [];
const describeIfSamples = index.length ? describe : describe.skip;

function fluidDocuments(file: string) {
  return readDocuments(file).filter((d) => !d.ok || isFluidObject(d.value));
}

describeIfSamples('Fluid samples', () => {
  const accepted = index.filter((e) => e.expect === 'accept');
  const rejected = index.filter((e) => e.expect === 'reject');

  it('lists both outcomes', () => {
    expect(accepted.length).toBeGreaterThan(100);
    expect(rejected.length).toBeGreaterThan(0);
  });

  it.each(accepted.map((e) => [e.file, e] as const))('accepts %s', (_file, entry) => {
    const problems: string[] = [];
    for (const doc of fluidDocuments(samplePath(entry))) {
      if (!doc.ok) problems.push(doc.error);
      else {
        const result = validateObject(doc.value);
        if (!result.ok) problems.push(...formatErrors(result.ref, result.errors));
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(rejected.map((e) => [e.file, e] as const))('rejects %s naming the object and the field', (_file, entry) => {
    const messages = fluidDocuments(samplePath(entry)).flatMap((doc) => {
      if (!doc.ok) return [doc.error];
      const result = validateObject(doc.value);
      return result.ok ? [] : formatErrors(result.ref, result.errors);
    });
    // Each finding Fluid's CRDs report ("Kind/name: .path ...") must be among ours, as "Kind name: path: ...".
    for (const issue of entry.fluidCrdIssues ?? []) {
      const [, kind, name, path] = /^(\w+)\/([\w.-]+): \.(\S+)/.exec(issue) ?? [];
      expect(messages.some((m) => m.startsWith(`${kind} ${name}: ${path}: `))).toBe(true);
    }
    expect(messages.length).toBeGreaterThan(0);
  });
});
