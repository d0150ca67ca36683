// With spec.runAs, Alluxio runs as that user: an init container writes passwd/group files into a host folder,
// and the Alluxio containers mount them over /etc/passwd and /etc/group
// (pkg/ddc/alluxio/transform_init_users.go; charts/alluxio/templates/{master,worker}/statefulset.yaml, fuse/daemonset.yaml).
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import type { Container, EnvVar, Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import type { DatasetRef } from '../../object-names';
import { PATHS, VOLUMES } from './defaults';
import { ImageChoice, imageRef } from './images';

export interface InitUsers {
  /** The init-users image. @default fluidcloudnative/init-users:v0.9.0 */
  readonly image: ImageChoice;
  /** Host folder of the passwd and group files, `/tmp/fluid/<ns>/<name>`. */
  readonly dir: string;
  /** FLUID_INIT_USERS: `<uid>:<user>:<gid>,<gid>:<group>` (pkg/utils/init_user.go). */
  readonly users: string;
  /** FLUID_TIERSTORE_PATHS: every tier folder as written in the spec, `:`-separated (utils.go getInitTierPathsEnv). */
  readonly tierPaths: string;
}

/** The init-users settings, or undefined when the runtime sets no runAs. */
export function initUsersOf(spec: AlluxioRuntimeSpec, image: ImageChoice, ds: DatasetRef): InitUsers | undefined {
  const runAs = spec.runAs;
  if (!runAs) return undefined;
  return {
    image,
    dir: `${PATHS.initUsersDir}/${ds.namespace}/${ds.name}`,
    users: `${runAs.uid}:${runAs.user}:${runAs.gid},${runAs.gid}:${runAs.group}`,
    tierPaths: (spec.tieredstore?.levels ?? []).flatMap((l) => (l.path ?? '').split(',')).join(':'),
  };
}

function initEnv(init: InitUsers): EnvVar[] {
  return [
    ...(init.users ? [{ name: 'FLUID_INIT_USERS', value: init.users }] : []),
    ...(init.tierPaths ? [{ name: 'FLUID_TIERSTORE_PATHS', value: init.tierPaths }] : []),
  ];
}

/**
 * The init container of master (`init_users`) and workers (`init_users chmod_tierpath`, with the tier folders
 * mounted so it can hand them to the user).
 */
export function initUsersContainer(init: InitUsers, commands: readonly string[], tierMounts: readonly VolumeMount[]): Container {
  return {
    name: 'init-users',
    image: imageRef(init.image),
    imagePullPolicy: init.image.pullPolicy,
    command: ['/entrypoint.sh'],
    args: [...commands],
    env: initEnv(init),
    volumeMounts: [
      { name: 'dir', mountPath: '/tmp' },
      { name: 'user', mountPath: '/tmp/passwd' },
      { name: 'group', mountPath: '/tmp/group' },
      ...tierMounts,
    ],
  };
}

/** The fuse's init container: opens the fuse mount folder to the runAs user. */
export function initFuseContainer(init: InitUsers, mountDir: string): Container {
  return {
    name: 'init-fuse',
    image: imageRef(init.image),
    imagePullPolicy: init.image.pullPolicy,
    command: ['/entrypoint.sh'],
    args: ['chmod_fuse_mountpoint'],
    env: [{ name: 'FLUID_FUSE_MOUNTPOINT', value: mountDir }],
    securityContext: { runAsUser: 0, runAsGroup: 0 },
    volumeMounts: [{ name: VOLUMES.fuseMount, mountPath: mountDir }],
  };
}

/** The passwd and group files, plus (for init containers that write them) their folder. */
export function initUsersVolumes(init: InitUsers, withDir: boolean): Volume[] {
  return [
    ...(withDir ? [{ name: 'dir', hostPath: { path: init.dir, type: 'DirectoryOrCreate' } }] : []),
    { name: 'user', hostPath: { path: `${init.dir}/passwd`, type: 'FileOrCreate' } },
    { name: 'group', hostPath: { path: `${init.dir}/group`, type: 'FileOrCreate' } },
  ];
}

/** /etc/passwd and /etc/group of the Alluxio containers, read-only. */
export const PASSWD_MOUNTS: readonly VolumeMount[] = [
  { name: 'user', mountPath: '/etc/passwd', readOnly: true },
  { name: 'group', mountPath: '/etc/group', readOnly: true },
];
