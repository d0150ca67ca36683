// The fuse DaemonSet `<name>-fuse`: on each node where a pod uses the Dataset, mounts the Alluxio namespace at
// `<root>/alluxio/<ns>/<name>/alluxio-fuse` (charts/alluxio/templates/fuse/daemonset.yaml,
// pkg/ddc/alluxio/transform_fuse.go).
import type { Construct } from 'constructs';
import type { Container, EnvVar } from '../../../crds/schema/k8s/core.generated';
import { FuseDaemonSet } from '../../components/fuse-daemon-set';
import type { PodTemplate } from '../../components/pod-template';
import { criticalFusePod, fuseHostPid } from '../fluid-switches';
import { PATHS, RUNTIME_TYPE, VOLUMES } from './defaults';
import { imageRef } from './images';
import { initFuseContainer, initUsersVolumes, PASSWD_MOUNTS } from './init-users';
import { fuseSelector, roleLabels } from './labels';
import { componentPod, configEnvFrom, fieldEnv, mapEnv, runAsContext, uniqueVolumes } from './pod-parts';
import { tierVolumes } from './tiered-store';
import { userVolumes } from './user-volumes';
import type { AlluxioValues } from './values';

function fuseEnv(v: AlluxioValues): EnvVar[] {
  const own = { ...v.spec.fuse?.env, ...(v.fuseMountPointEnv ? { MOUNT_POINT: v.fuseMountPath } : {}) };
  return [
    fieldEnv('ALLUXIO_CLIENT_HOSTNAME', 'status.hostIP'),
    { name: 'ALLUXIO_CLIENT_JAVA_OPTS', value: ' -Dalluxio.user.hostname=${ALLUXIO_CLIENT_HOSTNAME} ' },
    { name: 'FLUID_RUNTIME_TYPE', value: RUNTIME_TYPE },
    { name: 'FLUID_RUNTIME_NS', value: v.ds.namespace },
    { name: 'FLUID_RUNTIME_NAME', value: v.id.release },
    ...mapEnv(own),
  ];
}

function fuseContainer(v: AlluxioValues): Container {
  const resources = v.resources.fuse;
  return {
    name: 'alluxio-fuse',
    image: imageRef(v.fuseImage),
    imagePullPolicy: v.fuseImage.pullPolicy,
    ...(resources ? { resources } : {}),
    command: ['/entrypoint.sh'],
    args: v.fuseArgs,
    env: fuseEnv(v),
    securityContext: { ...runAsContext(v), privileged: true },
    // Unmount before the pod goes, so the host is not left with a dead mount point.
    lifecycle: { preStop: { exec: { command: [PATHS.fuseBinary, 'unmount', v.fuseMountPath] } } },
    envFrom: configEnvFrom(v),
    volumeMounts: [...(v.initUsers ? PASSWD_MOUNTS : []), ...tierVolumes(v.renderedTiers, true).mounts, ...userVolumes(v.spec, 'fuse').mounts],
  };
}

export function fusePodTemplate(v: AlluxioValues): PodTemplate {
  const init = v.initUsers;
  return componentPod(v, 'fuse', roleLabels(v.id, 'alluxio-fuse'), {
    ...(fuseHostPid(v.runtimeAnnotations) ? { hostPID: true } : {}),
    ...(init ? { initContainers: [initFuseContainer(init, v.fuseMountDir)] } : {}),
    containers: [fuseContainer(v)],
    volumes: uniqueVolumes([
      ...(init ? initUsersVolumes(init, false) : []),
      ...tierVolumes(v.renderedTiers, true).volumes,
      ...userVolumes(v.spec, 'fuse').volumes,
    ]),
  });
}

export function addFuse(scope: Construct, v: AlluxioValues): FuseDaemonSet {
  return new FuseDaemonSet(scope, 'Fuse', {
    name: `${v.id.release}-fuse`,
    labels: roleLabels(v.id, 'alluxio-fuse'),
    selector: fuseSelector(v.id),
    template: fusePodTemplate(v),
    fuseLabelKey: v.fuseLabelKey,
    nodeSelector: v.spec.fuse?.nodeSelector,
    mountPoint: { volumeName: VOLUMES.fuseMount, hostPath: v.fuseMountDir },
    fuseDeviceVolume: VOLUMES.fuseDevice,
    priorityClassName: criticalFusePod(v.settings.env) ? undefined : null,
  });
}
