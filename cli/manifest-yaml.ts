// How synthesized objects are printed for people: one multi-document YAML stream, each runtime's objects under a
// comment naming it. Golden files in snapshots/ use the same function, so a reviewer reads what `synth` prints.
import { stringify } from 'yaml';
import type { SynthGroup } from '../constructs/render-documents';

export function manifestsYaml(groups: readonly SynthGroup[]): string {
  const docs: string[] = [];
  for (const group of groups) {
    group.objects.forEach((obj, i) => {
      const header = i === 0 ? `# Source: ${group.source}\n` : '';
      docs.push(header + stringify(obj, { lineWidth: 0 }));
    });
  }
  return docs.join('---\n');
}

export function manifestsJson(groups: readonly SynthGroup[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: groups.flatMap((g) => g.objects) }, null, 2)}\n`;
}
