// How a ThinRuntime's settings combine with its ThinRuntimeProfile's (fluid-spec.md §8.1; pkg/ddc/thin/transform.go,
// transform_fuse.go, transform_resources.go): the profile first, the runtime over it. Pure, so every rule of the table
// has a unit test.
import type {
  ContainerPort,
  EnvVar,
  LifecycleHandler,
  LocalObjectReference,
  Probe,
  ResourceRequirements,
  Volume,
} from '../../../crds/schema/k8s/core.generated';
import type { ThinCompTemplateSpec, ThinFuseSpec } from '../../../crds/schema/thin-components';
import { fuseMountOptions } from './mount-options';
import { joinVolumeSets, mountedVolumes, VolumeSet } from './volumes';

/** What a ThinRuntimeProfile and a ThinRuntime both declare. */
export interface ThinLayer {
  /** Fuse settings. @default - none */
  readonly fuse?: ThinFuseSpec;
  /** Worker settings. @default - none */
  readonly worker?: ThinCompTemplateSpec;
  /** Volumes the fuse and worker volumeMounts refer to. @default - none */
  readonly volumes?: readonly Volume[];
  /** Pull secrets of every pod, used when a component names none. @default - none */
  readonly imagePullSecrets?: readonly LocalObjectReference[];
}

/** Image settings after the merge. */
export interface MergedImage {
  /** Image repository; undefined when neither layer sets one (an error for the fuse, see check.ts). */
  readonly image?: string;
  /** Image tag. @default - none: the image is used as written */
  readonly imageTag?: string;
  /** Pull policy. @default - none: the chart default applies (fuse IfNotPresent, worker the Kubernetes default) */
  readonly imagePullPolicy?: string;
  /** Pull secrets of the component; the pod falls back to the top-level ones when empty. @default - none */
  readonly imagePullSecrets?: readonly LocalObjectReference[];
}

/** Container and pod settings both components share. */
export interface MergedComponent extends MergedImage {
  /** Env from the profile (replaced wholesale), runtime entries appended. */
  readonly env: readonly EnvVar[];
  /** Ports from the profile, runtime entries appended. */
  readonly ports: readonly ContainerPort[];
  /** The runtime's selector when set, else the profile's. @default - none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** The runtime's probe when set, else the profile's. @default - none */
  readonly livenessProbe?: Probe;
  /** The runtime's probe when set, else the profile's. @default - none */
  readonly readinessProbe?: Probe;
  /** Profile requests and limits, runtime ones merged over them by resource name. */
  readonly resources: ResourceRequirements;
  /** Profile volumes its mounts name, then the runtime's. */
  readonly volumes: VolumeSet;
  /** Host network unless networkMode is ContainerNetwork. */
  readonly hostNetwork: boolean;
}

export interface MergedFuse extends MergedComponent {
  /** The runtime's command when set, else the profile's. @default - the image's entrypoint */
  readonly command?: readonly string[];
  /** The runtime's args when set, else the profile's. @default - none */
  readonly args?: readonly string[];
  /** Pod labels: profile podMetadata, runtime over it. */
  readonly labels: Readonly<Record<string, string>>;
  /** Pod annotations: profile podMetadata, runtime over it. */
  readonly annotations: Readonly<Record<string, string>>;
  /** `umount <targetPath>` unless the profile or the runtime sets a preStop. */
  readonly preStop: LifecycleHandler;
  /** MOUNT_OPTIONS; undefined when there is none. */
  readonly mountOptions?: string;
}

/** The worker keeps only cpu and memory of its resources (pkg/ddc/thin/transform_resources.go transformResourcesForWorker). */
export type MergedWorker = MergedComponent;

/** What the fuse merge needs from the Dataset and the paths. */
export interface FuseMergeContext {
  /** The Dataset's effective access modes. */
  readonly accessModes: readonly string[];
  /** Where the fuse mounts; the default preStop unmounts it. */
  readonly targetPath: string;
}

/** Go's `len(x) != 0`: an empty string, list or map counts as unset. */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** The override when set, else the base: the rule for images, selectors, commands and args. */
function prefer<T>(base: T | undefined, over: T | undefined): T | undefined {
  return isSet(over) ? over : isSet(base) ? base : undefined;
}

function mergeImage(base: MergedImage | undefined, over: MergedImage | undefined): MergedImage {
  return {
    image: prefer(base?.image, over?.image),
    imageTag: prefer(base?.imageTag, over?.imageTag),
    imagePullPolicy: prefer(base?.imagePullPolicy, over?.imagePullPolicy),
    imagePullSecrets: prefer(base?.imagePullSecrets, over?.imagePullSecrets),
  };
}

function mergeResources(
  layers: readonly (ResourceRequirements | undefined)[],
  keep: (resource: string) => boolean = () => true,
): ResourceRequirements {
  const pick = (list?: Record<string, string | number>) => Object.fromEntries(Object.entries(list ?? {}).filter(([k]) => keep(k)));
  const limits = Object.assign({}, ...layers.map((r) => pick(r?.limits)));
  const requests = Object.assign({}, ...layers.map((r) => pick(r?.requests)));
  return { ...(Object.keys(limits).length ? { limits } : {}), ...(Object.keys(requests).length ? { requests } : {}) };
}

/** Network from the profile (empty = host network), the runtime's when it sets one (api/v1alpha1 IsHostNetwork). */
function hostNetwork(profileMode: string | undefined, runtimeMode: string | undefined): boolean {
  const mode = isSet(runtimeMode) ? runtimeMode : profileMode;
  return mode !== 'ContainerNetwork';
}

type ComponentSpec = ThinFuseSpec | ThinCompTemplateSpec;

/** Image, tag, pull policy and pull secrets of a component: the runtime's when set, else the profile's. */
export function mergedImage(profile: ThinLayer | undefined, runtime: ThinLayer, part: 'fuse' | 'worker'): MergedImage {
  return mergeImage(profile?.[part], runtime[part]);
}

function mergeComponent(profile: ThinLayer | undefined, runtime: ThinLayer, part: 'fuse' | 'worker'): MergedComponent {
  const p: ComponentSpec | undefined = profile?.[part];
  const r: ComponentSpec | undefined = runtime[part];
  return {
    ...mergedImage(profile, runtime, part),
    env: [...(p?.env ?? []), ...(r?.env ?? [])],
    ports: [...(p?.ports ?? []), ...(r?.ports ?? [])],
    // The table's rule. Fluid's transform_fuse.go resets the fuse selector before reading the runtime's, so a profile's
    // fuse nodeSelector is lost there; we keep it, so a profile can pin its fuse and the PV follows.
    nodeSelector: prefer(p?.nodeSelector, r?.nodeSelector),
    livenessProbe: r?.livenessProbe ?? p?.livenessProbe,
    readinessProbe: r?.readinessProbe ?? p?.readinessProbe,
    resources: mergeResources([p?.resources, r?.resources], part === 'worker' ? (k) => k === 'cpu' || k === 'memory' : undefined),
    volumes: joinVolumeSets([mountedVolumes(profile?.volumes, p?.volumeMounts), mountedVolumes(runtime.volumes, r?.volumeMounts)]),
    // The fuse rule of the table, also for the worker (Fluid's transformWorkers reads only the runtime's worker mode).
    hostNetwork: hostNetwork(p?.networkMode, r?.networkMode),
  };
}

/** The fuse: profile first, runtime over it, as fluid-spec.md §8.1 lists. */
export function mergeFuse(profile: ThinLayer | undefined, runtime: ThinLayer, ctx: FuseMergeContext): MergedFuse {
  const p = profile?.fuse;
  const r = runtime.fuse;
  return {
    ...mergeComponent(profile, runtime, 'fuse'),
    command: prefer(p?.command, r?.command),
    args: prefer(p?.args, r?.args),
    labels: { ...p?.podMetadata?.labels, ...r?.podMetadata?.labels },
    annotations: { ...p?.podMetadata?.annotations, ...r?.podMetadata?.annotations },
    preStop: r?.lifecycle?.preStop ?? p?.lifecycle?.preStop ?? { exec: { command: ['umount', ctx.targetPath] } },
    mountOptions: fuseMountOptions(ctx.accessModes, p?.options, r?.options),
  };
}

/** The worker (rendered only when the runtime enables it): profile first, runtime over it. */
export function mergeWorker(profile: ThinLayer | undefined, runtime: ThinLayer): MergedWorker {
  return mergeComponent(profile, runtime, 'worker');
}

/** Pull secrets of every pod: the runtime's when set, else the profile's (pkg/ddc/thin/transform.go). */
export function mergePullSecrets(profile: ThinLayer | undefined, runtime: ThinLayer): readonly LocalObjectReference[] | undefined {
  return prefer(profile?.imagePullSecrets, runtime.imagePullSecrets);
}
