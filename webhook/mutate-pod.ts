// One admission of one pod, as Fluid's mutating handler decides it (pkg/webhook/handler/mutating): skip a pod that
// turned injection off or is done; choose the plugin list by the pod's labels (serverless, else serverful) and by
// whether it mounts Datasets; run the list in order until a plugin stops it. Pure: the Datasets come in.
import type { DatasetUse } from './dataset-use';
import { jsonPatch, JsonPatchOp } from './json-patch';
import type { Pod } from './pod';
import { enabled, ENABLE_INJECTION, INJECT_SERVERFUL_FUSE, INJECT_SIDECAR_DONE, serverlessEnabled } from './pod-labels';
import type { PluginProfile } from './plugins-profile';
import { PluginError, PluginSettings, PodPlugin } from './plugins/pod-plugin';

export type Mutation =
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'mutated'; readonly pod: Pod; readonly patch: readonly JsonPatchOp[]; readonly plugins: readonly string[] }
  | { readonly kind: 'denied'; readonly message: string };

/** The plugin list for this pod, or why none runs. */
export function pluginsFor(pod: Pod, hasDatasets: boolean, profile: PluginProfile): readonly PodPlugin[] | string {
  const labels = pod.metadata.labels;
  if (labels?.[ENABLE_INJECTION] === 'false') return `label ${ENABLE_INJECTION}: "false"`;
  if (enabled(labels, INJECT_SIDECAR_DONE)) return `label ${INJECT_SIDECAR_DONE}: "true" (injected already)`;
  const lists = serverlessEnabled(labels) ? profile.serverless : enabled(labels, INJECT_SERVERFUL_FUSE) ? profile.serverful : undefined;
  if (!lists) return 'the pod asks for no Fluid injection';
  return hasDatasets ? lists.withDataset : lists.withoutDataset;
}

export function mutatePod(pod: Pod, uses: readonly DatasetUse[], profile: PluginProfile, settings: PluginSettings = {}): Mutation {
  const plugins = pluginsFor(pod, uses.length > 0, profile);
  if (typeof plugins === 'string') return { kind: 'skipped', reason: plugins };
  let current = pod;
  const ran: string[] = [];
  for (const plugin of plugins) {
    try {
      const result = plugin.mutate(current, uses, settings);
      current = result.pod;
      ran.push(plugin.name);
      if (result.stop) break;
    } catch (e) {
      if (e instanceof PluginError) return { kind: 'denied', message: `${plugin.name}: ${e.message}` };
      throw e;
    }
  }
  return { kind: 'mutated', pod: current, patch: jsonPatch(pod, current), plugins: ran };
}
