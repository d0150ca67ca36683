// `synth --mutate`: the pods of a set of files as the webhook would admit them, for a GitOps review of the
// mutation. The Datasets the pods mount come from the cluster `synth` pictures for the same files (every Dataset
// bound, every runtime's objects applied), read by the webhook's own code.
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import { DEFAULT_SETTINGS, SynthOptions } from '../constructs/render-documents';
import { synthesizedView } from '../operator/reconcilers/synthesize';
import { datasetUsesOf } from './dataset-uses';
import { mutatePod } from './mutate-pod';
import type { Pod } from './pod';
import type { PluginProfile } from './plugins-profile';
import type { PluginSettings } from './plugins/pod-plugin';

/** Fixed, as in `synth`: plans read the clock for status only. */
const PREVIEW_NOW = new Date('2000-01-01T00:00:00Z');

export interface PreviewedPod {
  /** `<namespace>/<name>` of the pod as given. */
  readonly pod: string;
  /** The pod as admitted: mutated, or as given when the webhook leaves it alone. */
  readonly admitted?: Pod;
  /** Why the webhook leaves it alone. */
  readonly skipped?: string;
  /** Why the webhook denies it. */
  readonly denied?: string;
}

export type PreviewResult = { readonly ok: true; readonly pods: readonly PreviewedPod[] } | { readonly ok: false; readonly errors: readonly string[] };

function isPod(doc: unknown): doc is Pod {
  const d = doc as Partial<Pod> | null;
  return !!d && d.apiVersion === 'v1' && d.kind === 'Pod' && typeof d.metadata === 'object' && typeof d.spec === 'object';
}

export function previewMutation(
  docs: readonly unknown[], registry: EngineRegistry, options: SynthOptions, profile: PluginProfile, settings: PluginSettings,
): PreviewResult {
  const synthesized = synthesizedView(docs, registry, options);
  if (!synthesized.ok) return { ok: false, errors: synthesized.errors.map((e) => e.message) };
  const ctx = { view: synthesized.view, registry, settings: options.settings ?? DEFAULT_SETTINGS, now: PREVIEW_NOW };
  const pods = docs.filter(isPod).map((pod): PreviewedPod => {
    const namespace = pod.metadata.namespace ?? options.defaultNamespace ?? 'default';
    const id = `${namespace}/${pod.metadata.name ?? pod.metadata.generateName ?? ''}`;
    const uses = datasetUsesOf(pod, namespace, ctx);
    if (!uses.ok) return { pod: id, denied: uses.error };
    const m = mutatePod(pod, uses.uses, profile, settings);
    if (m.kind === 'denied') return { pod: id, denied: m.message };
    if (m.kind === 'skipped') return { pod: id, admitted: pod, skipped: m.reason };
    return { pod: id, admitted: m.pod };
  });
  return { ok: true, pods };
}
