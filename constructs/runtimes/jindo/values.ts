// Everything the Jindo objects are rendered from, computed once from the runtime, its Dataset and the controller
// settings: the counterpart of the values Fluid hands its jindocache chart (pkg/ddc/jindocache/types.go).
import type { JindoRuntimeSpec } from '../../../crds/schema/jindo-runtime';
import type { DatasetRef } from '../../object-names';
import { datasetId, fuseLabelKey, fuseMountPath, runtimeMountDir } from '../../object-names';
import { imageFromEnv, ImageRef } from '../fluid-switches';
import { datasetRefOf, RenderInput } from '../runtime-engine';
import { Credentials, credentialsOf } from './credentials';
import * as d from './defaults';
import { fileStoreProperties, lastMountType } from './file-store';
import { CacheSet, cacheSetOf, localHostPath, MergedMount, mergedMounts, mountKind, UfsVolume, ufsVolumeOf } from './mounts';
import * as props from './properties';
import { DataVolume, jindoCache, JindoCache } from './tiered-store';

/** An image and its pull policy: the runtime's fields, else the controller's override, else Fluid's chart default. */
export interface Image extends ImageRef {
  /** @default 'Always' (transform.go) */
  readonly pullPolicy: string;
}

export interface JindoValues {
  /** The Dataset (and runtime) namespace and name. */
  readonly ds: DatasetRef;
  /** Value of fluid.io/dataset-id and fluid.io/dataset. */
  readonly datasetId: string;
  /** The controller environment (EngineSettings.env), for switches read where they apply. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `<name>-jindofs`: the chart's fullnameOverride, prefix of every object name. */
  readonly fullname: string;
  /** The Dataset's placement. @default 'Exclusive' */
  readonly placement: 'Exclusive' | 'Shared';
  /** Image of master and workers. @default smartdata:6.9.1-202509151826 (defaults.ts) */
  readonly smartdata: Image;
  /** Image of the fuse. @default jindo-fuse:6.9.1-202509151826 (defaults.ts) */
  readonly fuseImage: Image;
  /** spec.networkmode is not ContainerNetwork. @default true */
  readonly hostNetwork: boolean;
  /** A DNS server for Jindo pods (JINDO_DNS_SERVER_ENV); undefined: cluster DNS. */
  readonly dnsServer?: string;
  /** 1, or 3 for raft HA. */
  readonly masterReplicas: number;
  /** spec.master.disabled is not set. @default true */
  readonly masterEnabled: boolean;
  /** spec.worker.disabled is not set. @default true */
  readonly workerEnabled: boolean;
  /** Master and workers disabled: the fuse reads the storage directly. */
  readonly fuseOnly: boolean;
  /** Ports (defaults.ts PORTS); raft only with three masters; fuseMetrics 0 when fuse metrics are off. */
  readonly ports: { readonly masterRpc: number; readonly workerRpc: number; readonly raft?: number; readonly fuseMetrics: number };
  /** Cache folders, capacities and volumes from the first tiered-store level. */
  readonly cache: JindoCache;
  /** local:/// mounts, mounted from the host like cache folders. */
  readonly localVolumes: readonly DataVolume[];
  /** PVCs of pvc:// mounts. */
  readonly ufsVolumes: readonly UfsVolume[];
  /** One per mount, by mount name. */
  readonly cachesets: readonly CacheSet[];
  /** Secrets mounted at /token. */
  readonly credentials: Credentials;
  /** The Dataset's access modes include ReadOnlyMany. @default true (Fluid's default access mode) */
  readonly readOnly: boolean;
  /** Runtime annotation fluid.io/runtime-rpc-protocol is rdma. @default false */
  readonly rdma: boolean;
  /** Arguments of the fuse container. */
  readonly fuseArgs: readonly string[];
  /** fluid.io/f-<ns>-<name>: the node label fuse pods select. */
  readonly fuseLabelKey: string;
  /** `<root>/jindo/<ns>/<name>`, seen as /jfs by the fuse. */
  readonly fuseHostDir: string;
  /** `<root>/jindo/<ns>/<name>/jindofs-fuse`: the PV's fluid_path. */
  readonly fluidPath: string;
  /** Property sets of the configuration files (properties.ts). */
  readonly properties: {
    readonly master: props.Properties;
    readonly worker: props.Properties;
    readonly fuse: props.Properties;
    readonly cacheClient: props.Properties;
    readonly token: props.Properties;
    readonly fileStore: props.Properties;
    readonly serverLog: props.Properties;
    readonly fuseLog: props.Properties;
  };
}

function imageOf(envValue: string | undefined, fallback: ImageRef, own: { image?: string; imageTag?: string; imagePullPolicy?: string } | undefined): Image {
  const base = imageFromEnv(envValue) ?? fallback;
  return { image: own?.image || base.image, tag: own?.imageTag || base.tag, pullPolicy: own?.imagePullPolicy || d.IMAGE_PULL_POLICY };
}

/** The fuse metrics port: a -ometrics_port=N the user passed wins, 0 when metrics are off (transformFuseMetrics). */
function metricsPortAndArgs(spec: JindoRuntimeSpec, args: string[], allocated: Allocated): { port: number; args: string[] } {
  const enabled = spec.fuse?.metrics?.enabled ?? false;
  const own = [...args].reverse().find((a) => a.startsWith('-ometrics_port='));
  if (own !== undefined) return { port: enabled ? Number(own.slice('-ometrics_port='.length)) : 0, args };
  const port = enabled ? allocated['fuse-metrics'] ?? d.PORTS.fuseMetrics : 0;
  return { port, args: [...args, `-ometrics_port=${port}`] };
}

/** Fuse mount options by access mode (transformFuseArg); the user's args replace them. */
function baseFuseArgs(spec: JindoRuntimeSpec, readOnly: boolean, mountCount: number): string[] {
  if (spec.fuse?.args?.length) return [...spec.fuse.args];
  const args = readOnly
    ? ['-okernel_cache', '-oro', '-oattr_timeout=7200', '-oentry_timeout=7200', '-onegative_timeout=7200']
    : ['-oauto_cache', '-oattr_timeout=0', '-oentry_timeout=0', '-onegative_timeout=0'];
  return mountCount <= 1 ? [...args, '-ono_symlink'] : args;
}

interface Storage {
  readonly mounts: readonly MergedMount[];
  readonly localVolumes: DataVolume[];
  readonly ufsVolumes: UfsVolume[];
  readonly cachesets: CacheSet[];
}

function storageOf(input: RenderInput<JindoRuntimeSpec>): Storage {
  const mounts = mergedMounts(input.dataset.spec);
  const local = mounts.filter((m) => mountKind(m.mount.mountPoint).kind === 'local');
  return {
    mounts,
    localVolumes: local.map((m) => ({ key: m.mount.name ?? '', path: localHostPath(m.mount.mountPoint), type: 'hostPath' })),
    ufsVolumes: mounts.filter((m) => mountKind(m.mount.mountPoint).kind === 'pvc').map((m) => ufsVolumeOf(m, input.dataset.spec)),
    cachesets: mounts.map(cacheSetOf).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

function propertiesOf(inputs: props.PropertyInputs): JindoValues['properties'] {
  const fuse = props.fuseProperties(inputs);
  return {
    master: props.masterProperties(inputs),
    worker: props.workerProperties(inputs),
    fuse,
    cacheClient: props.cacheClientProperties(fuse),
    token: props.tokenProperties(inputs),
    fileStore: inputs.fileStore,
    serverLog: props.serverLogProperties(inputs),
    fuseLog: props.fuseLogProperties(inputs),
  };
}

type Settings = Pick<JindoValues, 'env' | 'smartdata' | 'fuseImage' | 'hostNetwork' | 'dnsServer' | 'rdma'>;

/** Images, network and switches from the runtime and the controller's environment. */
function settingsOf(input: RenderInput<JindoRuntimeSpec>): Settings {
  const { spec } = input.runtime;
  const env = input.settings.env;
  const dnsServer = env.JINDO_DNS_SERVER_ENV || d.NO_DNS_SERVER;
  return {
    env,
    smartdata: imageOf(env.JINDO_SMARTDATA_IMAGE_ENV, d.SMARTDATA_IMAGE, spec.jindoVersion),
    fuseImage: imageOf(env.JINDO_FUSE_IMAGE_ENV, d.FUSE_IMAGE, spec.fuse),
    hostNetwork: spec.networkmode !== 'ContainerNetwork',
    ...(dnsServer === d.NO_DNS_SERVER ? {} : { dnsServer }),
    rdma: input.runtime.metadata.annotations?.[d.RPC_PROTOCOL_ANNOTATION] === 'rdma',
  };
}

type Identity = Pick<JindoValues, 'ds' | 'datasetId' | 'fullname' | 'placement' | 'fuseLabelKey' | 'fuseHostDir' | 'fluidPath'>;

function identityOf(input: RenderInput<JindoRuntimeSpec>): Identity {
  const ds = datasetRefOf(input);
  return {
    ds,
    datasetId: datasetId(ds),
    fullname: `${ds.name}-${d.CHART_NAME}`,
    placement: input.dataset.spec.placement === 'Shared' ? 'Shared' : 'Exclusive',
    fuseLabelKey: fuseLabelKey(ds),
    fuseHostDir: runtimeMountDir(input.settings.mountRoot, d.RUNTIME_TYPE, ds),
    fluidPath: fuseMountPath(input.settings.mountRoot, d.RUNTIME_TYPE, d.FUSE_DIR, ds),
  };
}

type Topology = Pick<JindoValues, 'masterReplicas' | 'masterEnabled' | 'workerEnabled' | 'fuseOnly'> & { ports: PropertyPorts };
type PropertyPorts = props.PropertyInputs['ports'];

/** Host ports the operator allocated (`jindoHostPorts` names them); rendering from files has none. */
type Allocated = Readonly<Record<string, number>>;

/**
 * The host ports a Jindo runtime needs allocated: on the host network (Fluid's default), the master's RPC and raft,
 * the worker's RPC, and the fuse's metrics port when metrics are on and no -ometrics_port is given.
 */
export function jindoHostPorts(spec: JindoRuntimeSpec): string[] {
  if (spec.networkmode === 'ContainerNetwork') return [];
  const ha = spec.master?.replicas === d.HA_MASTERS;
  const ownMetricsPort = (spec.fuse?.args ?? []).some((a) => a.startsWith('-ometrics_port='));
  return ['master-rpc', 'worker-rpc', ...(ha ? ['raft'] : []), ...(spec.fuse?.metrics?.enabled && !ownMetricsPort ? ['fuse-metrics'] : [])];
}

function topologyOf(spec: JindoRuntimeSpec, allocated: Allocated): Topology {
  const ha = spec.master?.replicas === d.HA_MASTERS;
  return {
    masterReplicas: ha ? d.HA_MASTERS : 1,
    masterEnabled: !spec.master?.disabled,
    workerEnabled: !spec.worker?.disabled,
    fuseOnly: !!spec.master?.disabled && !!spec.worker?.disabled,
    ports: {
      masterRpc: allocated['master-rpc'] ?? d.PORTS.masterRpc,
      workerRpc: allocated['worker-rpc'] ?? d.PORTS.workerRpc,
      ...(ha ? { raft: allocated.raft ?? d.PORTS.raft } : {}),
    },
  };
}

/** Fuse-only mode hands the fuse the first mount point to read (transformFuseArg). */
function fuseArgsOf(input: RenderInput<JindoRuntimeSpec>, t: Topology, readOnly: boolean, mountCount: number): { port: number; args: string[] } {
  const first = input.dataset.spec.mounts?.[0]?.mountPoint;
  const uri = t.fuseOnly && first ? [`-ouri=${first}`] : [];
  return metricsPortAndArgs(input.runtime.spec, [...baseFuseArgs(input.runtime.spec, readOnly, mountCount), ...uri], input.ports ?? {});
}

export function jindoValues(input: RenderInput<JindoRuntimeSpec>): JindoValues {
  const { spec } = input.runtime;
  const identity = identityOf(input);
  const settings = settingsOf(input);
  const topology = topologyOf(spec, input.ports ?? {});
  const modes = input.dataset.spec.accessModes?.length ? input.dataset.spec.accessModes : ['ReadOnlyMany'];
  const readOnly = modes.includes('ReadOnlyMany');
  const storage = storageOf(input);
  const fuse = fuseArgsOf(input, topology, readOnly, storage.mounts.length);
  const credentials = credentialsOf(storage.mounts, spec.secret);
  const cache = jindoCache(spec.tieredstore?.levels, identity.ds.namespace, identity.ds.name);
  const properties = propertiesOf({
    spec,
    cache,
    ports: topology.ports,
    masterPods: Array.from({ length: topology.masterReplicas }, (_, i) => `${identity.fullname}-master-${i}`),
    rdma: settings.rdma,
    readOnly,
    fuseTag: settings.fuseImage.tag,
    fileStore: fileStoreProperties(storage.mounts),
    mountType: lastMountType(storage.mounts),
    credentials,
  });
  const { mounts: _mounts, ...volumes } = storage;
  return { ...identity, ...settings, ...topology, ...volumes, ports: { ...topology.ports, fuseMetrics: fuse.port }, cache, credentials, readOnly, fuseArgs: fuse.args, properties };
}
