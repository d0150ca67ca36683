// `synth --mutate`: prints the Pods of the files as the pod webhook would admit them (webhook/preview-mutation.ts).
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { SynthOptions } from '../constructs/render-documents';
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import { DEFAULT_PROFILE, parsePluginProfile, PluginProfile } from '../webhook/plugins-profile';
import type { SidecarInjectionMode } from '../webhook/plugins/pod-plugin';
import { previewMutation } from '../webhook/preview-mutation';

export interface MutateFlags {
  readonly fuseSidecarInjectionMode: SidecarInjectionMode;
  readonly pluginsProfile?: string;
}

function profileOf(file: string | undefined): PluginProfile {
  return file ? parsePluginProfile(readFileSync(file, 'utf8')) : DEFAULT_PROFILE;
}

/** Exit code: 1 when the input does not synthesize or the webhook denies a pod. */
export function printMutations(docs: readonly unknown[], registry: EngineRegistry, options: SynthOptions, flags: MutateFlags): number {
  let profile: PluginProfile;
  try {
    profile = profileOf(flags.pluginsProfile);
  } catch (e) {
    process.stderr.write(`error: ${flags.pluginsProfile}: ${(e as Error).message}\n`);
    return 1;
  }
  const result = previewMutation(docs, registry, options, profile, { sidecarInjectionMode: flags.fuseSidecarInjectionMode });
  if (!result.ok) {
    for (const e of result.errors) for (const line of e.split('\n')) process.stderr.write(`error: ${line}\n`);
    return 1;
  }
  if (result.pods.length === 0) process.stderr.write('warning: no Pod in the input, so nothing to mutate\n');
  let code = 0;
  const printed: string[] = [];
  for (const p of result.pods) {
    if (p.denied) {
      process.stderr.write(`error: Pod ${p.pod}: denied: ${p.denied}\n`);
      code = 1;
      continue;
    }
    if (p.skipped) process.stderr.write(`skip Pod ${p.pod}: ${p.skipped}\n`);
    printed.push(stringify(p.admitted, { lineWidth: 0 }));
  }
  process.stdout.write(printed.join('---\n'));
  return code;
}
