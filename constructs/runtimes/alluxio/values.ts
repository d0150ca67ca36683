// Everything the Alluxio objects are built from, worked out once per render: the counterpart of the chart values
// Fluid's transform writes (pkg/ddc/alluxio/transform.go). The builders in master.ts, worker.ts, fuse.ts and the
// config files read only this.
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import type { LocalObjectReference, ResourceRequirements } from '../../../crds/schema/k8s/core.generated';
import type { ChartIdentity } from '../../fluid-labels';
import { datasetId, DatasetRef, fuseLabelKey, fuseMountPath, runtimeMountDir } from '../../object-names';
import { datasetRefOf, EngineSettings, RenderInput } from '../runtime-engine';
import { CHART, NEW_FUSE_ARGS_VERSION, PATHS, RUNTIME_TYPE } from './defaults';
import { fuseArgs } from './fuse-args';
import { compareVersion, fuseImage, ImageChoice, initUsersImage, pullSecrets, serverImage } from './images';
import { InitUsers, initUsersOf } from './init-users';
import { AlluxioPorts, isHostNetwork, portProperties, resolvePorts } from './ports';
import { allHttpMounts, globalProperties, mergedProperties } from './properties';
import { memoryQuota, renderedTiers, specTiers, Tier } from './tiered-store';
import { containerResources, fuseResources, workerResources } from './resources';

export interface AlluxioValues {
  /** The runtime's spec, defaults applied. */
  readonly spec: AlluxioRuntimeSpec;
  /** The Dataset's spec, defaults applied. */
  readonly dataset: DatasetSpec;
  /** Namespace, name and (when known) UID of the Dataset. */
  readonly ds: DatasetRef;
  /** Chart name, version, release and dataset id: the label values. */
  readonly id: ChartIdentity;
  /** MOUNT_ROOT and the controller environment. */
  readonly settings: EngineSettings;
  /** The runtime's annotations. @default {} */
  readonly runtimeAnnotations: Record<string, string>;
  /** Image of masters and workers. */
  readonly image: ImageChoice;
  /** Image of the fuse. */
  readonly fuseImage: ImageChoice;
  /** Pull secrets of each component's pods; empty when none is set anywhere. */
  readonly pullSecrets: Readonly<Record<'master' | 'worker' | 'fuse', LocalObjectReference[]>>;
  /** Init-users settings. @default - none: spec.runAs is not set */
  readonly initUsers?: InitUsers;
  /** uid/gid of every Alluxio container: spec.runAs, else root. */
  readonly user: { readonly uid: number; readonly gid: number };
  /** spec.master.replicas. @default 1 */
  readonly masterReplicas: number;
  /** Whether each component uses the host network (Fluid's default). */
  readonly hostNetwork: { readonly master: boolean; readonly worker: boolean; readonly fuse: boolean };
  /** Ports of every Alluxio process. */
  readonly ports: AlluxioPorts;
  /** The runtime's own tiers; empty when it declares none. */
  readonly tiers: readonly Tier[];
  /** The tiers the chart renders: the runtime's, or the chart's default one. */
  readonly renderedTiers: readonly Tier[];
  /** Container resources; undefined where the chart renders none. */
  readonly resources: Readonly<Record<'master' | 'jobMaster' | 'worker' | 'jobWorker' | 'fuse', ResourceRequirements | undefined>>;
  /** The global Alluxio properties. */
  readonly properties: Record<string, string>;
  /** Arguments of the fuse container. */
  readonly fuseArgs: string[];
  /** Older fuse images (before 2.8.0) read the mount point from env MOUNT_POINT. */
  readonly fuseMountPointEnv: boolean;
  /** `<root>/alluxio/<ns>/<name>`: the host folder the fuse owns. */
  readonly fuseMountDir: string;
  /** `<fuseMountDir>/alluxio-fuse`: where the data appears (the PV's fluid_path). */
  readonly fuseMountPath: string;
  /** Node label the CSI plugin sets where the Dataset is used; fuse pods select it. */
  readonly fuseLabelKey: string;
}

function identityOf(input: RenderInput<AlluxioRuntimeSpec>, ds: DatasetRef): ChartIdentity {
  return { chartName: CHART.name, chartVersion: CHART.version, release: input.runtime.metadata.name, datasetId: datasetId(ds) };
}

type FuseValues = Pick<AlluxioValues, 'fuseImage' | 'fuseArgs' | 'fuseMountPointEnv' | 'fuseMountDir' | 'fuseMountPath'> & { readonly ownerInArgs: boolean };

function fuseValues(input: RenderInput<AlluxioRuntimeSpec>, ds: DatasetRef): FuseValues {
  const { spec } = input.runtime;
  const dataset = input.dataset.spec;
  const image = fuseImage(spec, input.settings);
  // A tag that is no version is reported by engine.check; rendering treats it as a current image.
  const mountPointAsArgs = (compareVersion(image.tag, NEW_FUSE_ARGS_VERSION) ?? 1) >= 0;
  const mountPath = fuseMountPath(input.settings.mountRoot, RUNTIME_TYPE, PATHS.fuseDir, ds);
  const { args, ownerInArgs } = fuseArgs({ spec, dataset, mergedProperties: mergedProperties(spec), mountPointAsArgs, mountPath, allHttp: allHttpMounts(dataset) });
  return {
    fuseImage: image,
    fuseArgs: args,
    ownerInArgs,
    fuseMountPointEnv: !mountPointAsArgs,
    fuseMountDir: runtimeMountDir(input.settings.mountRoot, RUNTIME_TYPE, ds),
    fuseMountPath: mountPath,
  };
}

function resourcesOf(spec: AlluxioRuntimeSpec, tiers: readonly Tier[]): AlluxioValues['resources'] {
  const memTiers = memoryQuota(tiers);
  return {
    master: containerResources(spec.master?.resources),
    jobMaster: containerResources(spec.jobMaster?.resources),
    worker: workerResources(spec.worker?.resources, memTiers),
    jobWorker: containerResources(spec.jobWorker?.resources),
    fuse: fuseResources(spec.fuse?.resources, memTiers),
  };
}

function pullSecretsOf(spec: AlluxioRuntimeSpec, settings: EngineSettings): AlluxioValues['pullSecrets'] {
  return { master: pullSecrets(spec, 'master', settings), worker: pullSecrets(spec, 'worker', settings), fuse: pullSecrets(spec, 'fuse', settings) };
}

export function resolveValues(input: RenderInput<AlluxioRuntimeSpec>): AlluxioValues {
  const { spec } = input.runtime;
  const dataset = input.dataset.spec;
  const ds = datasetRefOf(input);
  const { ownerInArgs, ...fuse } = fuseValues(input, ds);
  const masterReplicas = spec.master?.replicas || 1;
  const ports = resolvePorts(spec, input.ports);
  const tiers = specTiers(spec.tieredstore, ds);
  const portProps = portProperties(ports, input.runtime.metadata.name, masterReplicas);
  return {
    spec,
    dataset,
    ds,
    id: identityOf(input, ds),
    settings: input.settings,
    runtimeAnnotations: input.runtime.metadata.annotations ?? {},
    image: serverImage(spec, input.settings),
    pullSecrets: pullSecretsOf(spec, input.settings),
    initUsers: initUsersOf(spec, initUsersImage(spec, input.settings), ds),
    user: { uid: spec.runAs?.uid ?? 0, gid: spec.runAs?.gid ?? 0 },
    masterReplicas,
    hostNetwork: { master: isHostNetwork(spec.master?.networkMode), worker: isHostNetwork(spec.worker?.networkMode), fuse: isHostNetwork(spec.fuse?.networkMode) },
    ports,
    tiers,
    renderedTiers: renderedTiers(tiers),
    resources: resourcesOf(spec, tiers),
    properties: globalProperties({ spec, dataset, tiers, ownerInFuseArgs: ownerInArgs, allHttp: allHttpMounts(dataset), portProperties: portProps }),
    ...fuse,
    fuseLabelKey: fuseLabelKey(ds),
  };
}
