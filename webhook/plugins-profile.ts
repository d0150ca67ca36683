// Which plugins run for which pods: Fluid's `webhook-plugins` ConfigMap (key pluginsProfile), same layout
// (pkg/webhook/plugins/plugins_configmap.go): lists for serverful and serverless pods, with and without Datasets,
// run in order; `pluginConfig` gives a plugin its args as a YAML string (NodeAffinityWithCache's tiered locality).
import { parse } from 'yaml';
import { z } from 'zod';
import { datasetUsageInjector } from './plugins/dataset-usage-injector';
import { filePrefetcher } from './plugins/file-prefetcher';
import { fuseSidecar } from './plugins/fuse-sidecar';
import { mountPropagationInjector } from './plugins/mount-propagation-injector';
import { nodeAffinityWithCache, TieredLocality } from './plugins/node-affinity-with-cache';
import type { PodPlugin } from './plugins/pod-plugin';
import { preferNodesWithoutCache } from './plugins/prefer-nodes-without-cache';
import { requireNodeWithFuse } from './plugins/require-node-with-fuse';

/** ConfigMap and key Fluid's chart installs the profile under. */
export const PLUGINS_CONFIGMAP = 'webhook-plugins';
export const PLUGINS_PROFILE_KEY = 'pluginsProfile';

const PluginLists = z.object({
  withDataset: z.array(z.string()).nullish(),
  withoutDataset: z.array(z.string()).nullish(),
});

const ProfileSchema = z.object({
  plugins: z.object({ serverful: PluginLists.nullish(), serverless: PluginLists.nullish() }).nullish(),
  pluginConfig: z.array(z.object({ name: z.string(), args: z.string().nullish() })).nullish(),
});

const TieredLocalitySchema = z.object({
  preferred: z.array(z.object({ name: z.string(), weight: z.number().int() })).nullish(),
  required: z.array(z.string()).nullish(),
});

/** The plugin lists, built. */
export interface PluginProfile {
  readonly serverful: { readonly withDataset: readonly PodPlugin[]; readonly withoutDataset: readonly PodPlugin[] };
  readonly serverless: { readonly withDataset: readonly PodPlugin[]; readonly withoutDataset: readonly PodPlugin[] };
}

/** Fluid's chart default (charts/fluid/fluid/values.yaml, webhook.pluginsProfile), as YAML for the ConfigMap. */
export const DEFAULT_PROFILE_YAML = `plugins:
  serverful:
    withDataset:
      - FilePrefetcher
      - RequireNodeWithFuse
      - NodeAffinityWithCache
      - MountPropagationInjector
      - DatasetUsageInjector
    withoutDataset:
      - PreferNodesWithoutCache
  serverless:
    withDataset:
      - FilePrefetcher
      - FuseSidecar
      - DatasetUsageInjector
    withoutDataset: []
pluginConfig:
  - name: NodeAffinityWithCache
    args: |
      preferred:
        - name: fluid.io/node
          weight: 100
        - name: topology.kubernetes.io/zone
          weight: 50
        - name: topology.kubernetes.io/region
          weight: 20
      required:
        - fluid.io/node
`;

type Factory = (args: string | undefined) => PodPlugin;

function tieredLocality(args: string | undefined): TieredLocality {
  if (!args) return { preferred: [], required: [] };
  const parsed = TieredLocalitySchema.safeParse(parse(args));
  if (!parsed.success) throw new Error(`pluginConfig NodeAffinityWithCache.args: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { preferred: parsed.data.preferred ?? [], required: parsed.data.required ?? [] };
}

const FACTORIES: Readonly<Record<string, Factory>> = {
  PreferNodesWithoutCache: () => preferNodesWithoutCache,
  MountPropagationInjector: () => mountPropagationInjector,
  RequireNodeWithFuse: () => requireNodeWithFuse,
  NodeAffinityWithCache: (args) => nodeAffinityWithCache(tieredLocality(args)),
  FuseSidecar: () => fuseSidecar,
  DatasetUsageInjector: () => datasetUsageInjector,
  FilePrefetcher: () => filePrefetcher,
};

const PLUGIN_NAMES = Object.keys(FACTORIES);

/** The profile from its YAML text; an unknown plugin or malformed args is an error naming it, as in Fluid. */
export function parsePluginProfile(text: string): PluginProfile {
  const parsed = ProfileSchema.safeParse(parse(text) ?? {});
  if (!parsed.success) throw new Error(`webhook plugins profile: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const args = new Map((parsed.data.pluginConfig ?? []).map((c) => [c.name, c.args ?? undefined]));
  const build = (where: string, names: readonly string[] | null | undefined) =>
    (names ?? []).map((name, i) => {
      const factory = FACTORIES[name];
      if (!factory) throw new Error(`webhook plugins profile: plugins.${where}[${i}]: unknown plugin ${JSON.stringify(name)}; known: ${PLUGIN_NAMES.join(', ')}`);
      return factory(args.get(name));
    });
  const { serverful, serverless } = parsed.data.plugins ?? {};
  return {
    serverful: { withDataset: build('serverful.withDataset', serverful?.withDataset), withoutDataset: build('serverful.withoutDataset', serverful?.withoutDataset) },
    serverless: { withDataset: build('serverless.withDataset', serverless?.withDataset), withoutDataset: build('serverless.withoutDataset', serverless?.withoutDataset) },
  };
}

export const DEFAULT_PROFILE: PluginProfile = parsePluginProfile(DEFAULT_PROFILE_YAML);
