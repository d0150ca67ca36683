// The fuse DaemonSet `<name>-fuse` (charts/thin/templates/fuse/daemonset.yaml, pkg/ddc/thin/transform_fuse.go).
import type { Construct } from 'constructs';
import type { Container, EnvVar, LocalObjectReference, PodSpec, Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { FuseDaemonSet } from '../../components/fuse-daemon-set';
import type { PodTemplate } from '../../components/pod-template';
import { NO_SIDECAR } from '../../fluid-labels';
import { fuseLabelKey } from '../../object-names';
import {
  CACHE_DIR_VOLUME,
  CONFIG_FILE,
  CONFIG_FILE_MODE,
  CONFIG_MOUNT_PATH,
  CONFIG_VOLUME,
  DEFAULT_FUSE_PULL_POLICY,
  FUSE_CONTAINER,
  FUSE_DNS_POLICY,
  FUSE_MOUNT_VOLUME,
  FUSE_ROLE,
  MOUNT_OPTIONS_ENV,
  MOUNT_POINT_ENV,
  THIN_RUNTIME_TYPE,
} from './defaults';
import { roleLabels, ThinLayout } from './layout';
import { componentFields, pullSecretsField } from './container';
import type { MergedFuse } from './merge';
import { fuseConfigName, fuseName } from './names';
import { joinVolumeSets, VolumeSet } from './volumes';

export interface ThinFuseProps {
  readonly layout: ThinLayout;
  /** Profile and runtime fuse settings, merged. */
  readonly fuse: MergedFuse;
  /** Volumes besides the merged ones: the Dataset's host folders, then the Secrets config.json points into. */
  readonly extraVolumes: VolumeSet;
  /** Level-0 tiered-store path, mounted from the host at the same path. @default - no cache-dir volume */
  readonly cacheDir?: string;
  /** Pull secrets of the pod when the fuse names none (runtime, else profile). @default - none */
  readonly imagePullSecrets?: readonly LocalObjectReference[];
  /** From the runtime annotation runtime.fluid.io/fuse.hostpid. @default false */
  readonly hostPID?: boolean;
  /** From the controller env CRITICAL_FUSE_POD. @default true, as Fluid installs it */
  readonly critical?: boolean;
}

function fuseEnv(props: ThinFuseProps): EnvVar[] {
  const { layout, fuse } = props;
  const env: EnvVar[] = [
    { name: 'FLUID_RUNTIME_TYPE', value: THIN_RUNTIME_TYPE },
    { name: 'FLUID_RUNTIME_NS', value: layout.namespace },
    { name: 'FLUID_RUNTIME_NAME', value: layout.name },
    ...fuse.env,
    { name: MOUNT_POINT_ENV, value: layout.targetPath },
  ];
  if (fuse.mountOptions) env.push({ name: MOUNT_OPTIONS_ENV, value: fuse.mountOptions });
  return env;
}

/** The chart's own volumes: config.json (and the cache folder); the Bidirectional mount comes from FuseDaemonSet. */
function chartVolumes(props: ThinFuseProps): VolumeSet {
  const volumes: Volume[] = [
    {
      name: CONFIG_VOLUME,
      configMap: { name: fuseConfigName(props.layout.name), items: [{ key: CONFIG_FILE, path: CONFIG_FILE }], defaultMode: CONFIG_FILE_MODE },
    },
  ];
  const mounts: VolumeMount[] = [{ name: CONFIG_VOLUME, mountPath: CONFIG_MOUNT_PATH, readOnly: true }];
  if (props.cacheDir) {
    volumes.push({ name: CACHE_DIR_VOLUME, hostPath: { path: props.cacheDir, type: 'DirectoryOrCreate' } });
    mounts.push({ name: CACHE_DIR_VOLUME, mountPath: props.cacheDir });
  }
  return { volumes, mounts };
}

function fuseContainer(props: ThinFuseProps, mounts: readonly VolumeMount[]): Container {
  const { fuse } = props;
  return {
    name: FUSE_CONTAINER,
    ...componentFields(fuse),
    imagePullPolicy: fuse.imagePullPolicy ?? DEFAULT_FUSE_PULL_POLICY,
    ...(fuse.command ? { command: [...fuse.command] } : {}),
    ...(fuse.args ? { args: [...fuse.args] } : {}),
    env: fuseEnv(props),
    securityContext: { privileged: true, runAsGroup: 0, runAsUser: 0 },
    lifecycle: { preStop: fuse.preStop },
    volumeMounts: [...mounts],
  };
}

export function fusePodTemplate(props: ThinFuseProps): PodTemplate {
  const { fuse } = props;
  const volumes = joinVolumeSets([chartVolumes(props), fuse.volumes, props.extraVolumes]);
  const spec: PodSpec = {
    ...pullSecretsField(fuse, props.imagePullSecrets),
    dnsPolicy: FUSE_DNS_POLICY,
    enableServiceLinks: false,
    hostNetwork: fuse.hostNetwork,
    hostPID: props.hostPID ?? false,
    containers: [fuseContainer(props, volumes.mounts)],
    restartPolicy: 'Always',
    volumes: [...volumes.volumes],
  };
  return {
    labels: { ...roleLabels(props.layout, FUSE_ROLE).pod, ...fuse.labels },
    annotations: { ...NO_SIDECAR, ...fuse.annotations },
    spec,
  };
}

export function addThinFuse(scope: Construct, props: ThinFuseProps): FuseDaemonSet {
  const labels = roleLabels(props.layout, FUSE_ROLE);
  return new FuseDaemonSet(scope, 'Fuse', {
    name: fuseName(props.layout.name),
    labels: labels.object,
    selector: labels.selector,
    template: fusePodTemplate(props),
    fuseLabelKey: fuseLabelKey(props.layout.dataset),
    nodeSelector: props.fuse.nodeSelector,
    mountPoint: { volumeName: FUSE_MOUNT_VOLUME, hostPath: props.layout.hostDir },
    priorityClassName: props.critical ?? true ? 'system-node-critical' : null,
  });
}
