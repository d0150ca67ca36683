// The text of a golden manifest file: a header naming the inputs, then exactly what `fluid-cdk8s synth` prints.
import { manifestsYaml } from '../cli/manifest-yaml';
import { builtinEngines } from '../constructs/runtimes/builtin-engines';
import { synthesize } from '../operator/reconcilers/synthesize';
import { rcloneEngine } from '../examples/runtime-author/rclone-engine';
import { SnapshotInput } from './snapshot-inputs';

export type GoldenResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

export function goldenText(input: SnapshotInput): GoldenResult {
  // The runtime author's example engine is registered as `synth --engine` would register it.
  const result = synthesize(input.documents, builtinEngines().register(rcloneEngine));
  if (!result.ok) return { ok: false, error: result.errors.map((e) => e.message).join('\n') };
  const header = [
    '# Golden manifests: what `fluid-cdk8s synth` prints for these inputs. Regenerate with `npm run snapshots`.',
    ...input.sources.map((s) => `# Input: ${s}`),
    '',
  ].join('\n');
  return { ok: true, text: header + manifestsYaml(result.groups) };
}
