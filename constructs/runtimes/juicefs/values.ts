// Everything the JuiceFS objects are rendered from, computed once from the runtime, its Dataset and the controller
// settings: the counterpart of the values Fluid hands its juicefs chart (pkg/ddc/juicefs/type.go, transform*.go).
import type { JuiceFSRuntimeSpec } from '../../../crds/schema/juicefs-runtime';
import type { Level } from '../../../crds/schema/common/tiered-store';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import type { DatasetRef } from '../../object-names';
import { datasetId, fuseLabelKey, fuseMountPath, runtimeMountDir } from '../../object-names';
import { parseQuantity, Quantity } from '../../quantity';
import { imageFromEnv } from '../fluid-switches';
import { datasetRefOf, RenderInput } from '../runtime-engine';
import * as d from './defaults';
import { datasetOptions, DatasetOptions, metricsPortOption, mountOptions, Options, shellWord, subPathOf } from './options';
import { juiceSecrets, JuiceSecrets } from './secrets';

export type Edition = 'community' | 'enterprise';

/** An image: the runtime's fields, else the controller's override for the edition, else Fluid's chart default. */
export interface Image {
  readonly image: string;
  readonly tag: string;
  /** @default 'IfNotPresent' */
  readonly pullPolicy: string;
}

export interface JuiceValues {
  /** The Dataset (and runtime) namespace and name. */
  readonly ds: DatasetRef;
  /** Value of fluid.io/dataset-id and fluid.io/dataset. */
  readonly datasetId: string;
  /** The Dataset's placement. @default 'Exclusive' */
  readonly placement: 'Exclusive' | 'Shared';
  /** The controller environment (EngineSettings.env). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @see editionOf */
  readonly edition: Edition;
  /** What the file system is mounted from, as a shell word: ${METAURL} with a metaurl, else the mount's name. */
  readonly source: string;
  /** The first mount's name: the volume name of `juicefs format` and of `/root/.juicefs/<name>.conf`. */
  readonly volumeName: string;
  /** Secret references of the encryptOptions JuiceFS reads. */
  readonly secrets: JuiceSecrets;
  /** The Dataset's options: storage, bucket, and the rest for format and fuse. */
  readonly dataset: DatasetOptions;
  /** The first mount's own `quota` option: the sub-directory's capacity (sharedOptions do not count, as in Fluid). */
  readonly quota?: string;
  /** The JuiceFS sub-directory the mount point names ("/" for the root). */
  readonly subPath: string;
  /** The first tiered-store level; undefined without a tiered store. */
  readonly level?: Level;
  /** Options workers and fuse both mount with: subdir and the first tier's cache settings. */
  readonly mountOptions: Options;
  /** spec.juicefsVersion. @default juicedata/mount:ce-v1.3.0 or :ee-5.2.10-eb0a8b3 by edition */
  readonly workerImage: Image;
  /** spec.fuse image fields, with the same defaults. */
  readonly fuseImage: Image;
  /** `<root>/juicefs/<ns>/<name>/juicefs-fuse`: where both fuse and workers mount, and the PV's fluid_path. */
  readonly mountPath: string;
  /** `<root>/juicefs/<ns>/<name>`: the host folder the fuse shares with pods. */
  readonly hostMountDir: string;
  /** fluid.io/f-<ns>-<name>: the node label fuse pods select. */
  readonly fuseLabelKey: string;
  /** The Dataset's access modes include ReadOnlyMany. @default true (Fluid's default access mode) */
  readonly readOnly: boolean;
  /** spec.worker.networkMode is not ContainerNetwork. @default true */
  readonly workerHostNetwork: boolean;
  /** spec.fuse.networkMode is not ContainerNetwork. @default true */
  readonly fuseHostNetwork: boolean;
  /** Worker metrics port, community edition only. @default 9567, or 9568 on host network (defaults.ts) */
  readonly workerMetricsPort?: number;
  /** Fuse metrics port, community edition only. @default 9567 */
  readonly fuseMetricsPort?: number;
  /** The memory tier's size when the first level is memory and has a quota. */
  readonly memoryTier?: Quantity;
}

function imageOf(edition: Edition, env: JuiceValues['env'], own: { image?: string; imageTag?: string; imagePullPolicy?: string } | undefined): Image {
  const base =
    edition === 'community' ? (imageFromEnv(env.JUICEFS_CE_IMAGE_ENV) ?? d.CE_IMAGE) : (imageFromEnv(env.JUICEFS_EE_IMAGE_ENV) ?? d.EE_IMAGE);
  return { image: own?.image || base.image, tag: own?.imageTag || base.tag, pullPolicy: own?.imagePullPolicy || d.IMAGE_PULL_POLICY };
}

/**
 * The metrics port of a community-edition component: its `metrics` option, else 9567. On host network Fluid
 * allocates one at run time; see defaults.ts for the ports used instead.
 */
function metricsPort(edition: Edition, hostNetwork: boolean, options: Options | undefined, allocated: number | undefined, hostDefault: number): number | undefined {
  if (edition !== 'community') return undefined;
  return metricsPortOption(options) ?? (hostNetwork ? allocated ?? hostDefault : d.METRICS_PORT);
}

/**
 * The host ports a JuiceFS runtime needs allocated: the metrics port of each community-edition component on the host
 * network that sets none in its `metrics` option.
 */
export function juicefsHostPorts(input: RenderInput<JuiceFSRuntimeSpec>): string[] {
  const { spec } = input.runtime;
  if (editionOf(input.dataset.spec) !== 'community') return [];
  const wanted = (component: 'worker' | 'fuse') =>
    spec[component]?.networkMode !== 'ContainerNetwork' && metricsPortOption(spec[component]?.options) === undefined;
  return [...(wanted('worker') ? ['worker-metrics'] : []), ...(wanted('fuse') ? ['fuse-metrics'] : [])];
}

export function memoryTierOf(levels: readonly Level[] | undefined): Quantity | undefined {
  // Fluid takes the medium of the last level and the quota of the first (utils.go getTieredStoreType).
  const first = levels?.[0];
  if (!first || levels?.at(-1)?.mediumtype !== 'MEM' || first.quota === undefined) return undefined;
  return parseQuantity(first.quota);
}

/** community when the first mount has a metaurl encryptOption, else enterprise (transform.go genEdition). */
export function editionOf(dataset: DatasetSpec): Edition {
  return dataset.mounts?.[0]?.encryptOptions?.some((e) => e.name === 'metaurl') ? 'community' : 'enterprise';
}

export function juiceValues(input: RenderInput<JuiceFSRuntimeSpec>): JuiceValues {
  const { spec } = input.runtime;
  const ds = datasetRefOf(input);
  const env = input.settings.env;
  const mount = input.dataset.spec.mounts?.[0];
  const edition = editionOf(input.dataset.spec);
  const secrets = juiceSecrets(input.dataset.spec);
  const modes = input.dataset.spec.accessModes?.length ? input.dataset.spec.accessModes : ['ReadOnlyMany'];
  const workerHostNetwork = spec.worker?.networkMode !== 'ContainerNetwork';
  const fuseHostNetwork = spec.fuse?.networkMode !== 'ContainerNetwork';
  return {
    ds,
    datasetId: datasetId(ds),
    placement: input.dataset.spec.placement === 'Shared' ? 'Shared' : 'Exclusive',
    env,
    edition,
    source: secrets.fixed.metaurl ? '${METAURL}' : shellWord(mount?.name ?? ''),
    volumeName: mount?.name ?? '',
    secrets,
    dataset: datasetOptions(input.dataset.spec),
    ...(mount?.options?.quota !== undefined ? { quota: mount.options.quota } : {}),
    subPath: subPathOf(mount?.mountPoint ?? '') ?? '/',
    level: spec.tieredstore?.levels?.[0],
    mountOptions: mountOptions(mount?.mountPoint ?? '', spec.tieredstore?.levels?.[0]),
    workerImage: imageOf(edition, env, spec.juicefsVersion),
    fuseImage: imageOf(edition, env, spec.fuse),
    mountPath: fuseMountPath(input.settings.mountRoot, d.RUNTIME_TYPE, d.FUSE_DIR, ds),
    hostMountDir: runtimeMountDir(input.settings.mountRoot, d.RUNTIME_TYPE, ds),
    fuseLabelKey: fuseLabelKey(ds),
    readOnly: modes.includes('ReadOnlyMany'),
    workerHostNetwork,
    fuseHostNetwork,
    workerMetricsPort: metricsPort(edition, workerHostNetwork, spec.worker?.options, input.ports?.['worker-metrics'], d.HOST_NETWORK_WORKER_METRICS_PORT),
    fuseMetricsPort: metricsPort(edition, fuseHostNetwork, spec.fuse?.options, input.ports?.['fuse-metrics'], d.METRICS_PORT),
    memoryTier: memoryTierOf(spec.tieredstore?.levels),
  };
}

