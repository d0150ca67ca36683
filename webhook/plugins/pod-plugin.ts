// A webhook plugin: a pure function from the pod and the Datasets it mounts to the mutated pod. Fluid's
// api.MutatingHandler, without the client: everything a plugin reads is in its input (dataset-use.ts).
import type { DatasetUse } from '../dataset-use';
import type { Pod } from '../pod';

export interface PluginResult {
  /** The pod after the plugin: a new object, or the one given when nothing changed. */
  readonly pod: Pod;
  /** No later plugin of the list runs (Fluid's shouldStop). */
  readonly stop?: boolean;
}

/** Settings shared by every plugin, from the operator's flags. */
export interface PluginSettings {
  /** Where the fuse sidecar goes: Fluid's FUSE_SIDECAR_INJECTION_MODE ("default" is "legacy"). @default 'default' */
  readonly sidecarInjectionMode?: SidecarInjectionMode;
  /** Image of the file prefetcher sidecar when the pod names none (Fluid's FILE_PREFETCHER_IMAGE). @default - none */
  readonly filePrefetcherImage?: string;
}

export type SidecarInjectionMode = 'default' | 'legacy' | 'native-sidecar';

export interface PodPlugin {
  /** Fluid's plugin name, as the webhook-plugins profile lists it. */
  readonly name: string;
  mutate(pod: Pod, uses: readonly DatasetUse[], settings: PluginSettings): PluginResult;
}

/** A plugin's refusal: the pod is denied with this message, which names the pod and the field. */
export class PluginError extends Error {}
