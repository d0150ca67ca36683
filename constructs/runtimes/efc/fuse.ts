// The EFC fuse: DaemonSet `<name>-fuse` on the nodes the CSI plugin labels, mounting the file system with the
// workers' cache behind it (charts/efc/templates/fuse/daemonset.yaml). It talks to the node's session manager
// through a host folder the session manager DaemonSet creates (session-manager.ts, printed by `install`).
import { Construct } from 'constructs';
import type { EFCRuntimeSpec } from '../../../crds/schema/efc-runtime';
import { FuseDaemonSet } from '../../components/fuse-daemon-set';
import type { PodTemplate } from '../../components/pod-template';
import { ENDPOINTS_DIR, FUSE_CONTAINER_DIR, FUSE_MOUNT_PATH, RUNTIME_TYPE, SHM_PATH, SOCK_DIR } from './defaults';
import { ENDPOINTS_VOLUME, endpointsVolume } from './endpoints';
import { names, objectLabels, podLabels, selectorOf } from './labels';
import { commonPodSpec, podMetadata, resourcesPart } from './pod-parts';
import type { EfcValues } from './values';

const SHM_VOLUME = 'efc-shm';
const SOCK_VOLUME = 'efc-sock';

export function fuseArgs(v: EfcValues): string[] {
  return ['fuse', v.mount?.mountPoint ?? '', FUSE_MOUNT_PATH, v.options.fuse];
}

export function fuseTemplate(v: EfcValues, spec: EFCRuntimeSpec): PodTemplate {
  const meta = podMetadata(spec, 'fuse');
  return {
    labels: { ...podLabels(v, 'efc-fuse'), ...meta.labels },
    annotations: meta.annotations,
    spec: {
      terminationGracePeriodSeconds: 90,
      ...commonPodSpec(v, v.fuseHostNetwork, undefined),
      containers: [
        {
          name: 'efc-fuse',
          image: `${v.fuseImage.image}:${v.fuseImage.tag}`,
          imagePullPolicy: v.fuseImage.pullPolicy,
          ...resourcesPart(spec.fuse?.resources),
          command: ['/entrypoint.sh'],
          args: fuseArgs(v),
          env: [
            { name: 'FLUID_RUNTIME_TYPE', value: RUNTIME_TYPE },
            { name: 'FLUID_RUNTIME_NS', value: v.ds.namespace },
            { name: 'FLUID_RUNTIME_NAME', value: v.ds.name },
          ],
          readinessProbe: {
            exec: { command: ['sh', '-c', 'cat /proc/mounts | grep fuse.aliyun-alinas-efc'] },
            failureThreshold: 3,
            initialDelaySeconds: 5,
            periodSeconds: 1,
            successThreshold: 1,
            timeoutSeconds: 1,
          },
          lifecycle: { preStop: { exec: { command: ['sh', '-c', `/entrypoint.sh stop_fuse ${FUSE_MOUNT_PATH}`] } } },
          volumeMounts: [
            { name: ENDPOINTS_VOLUME, mountPath: ENDPOINTS_DIR },
            { name: SHM_VOLUME, mountPath: SHM_PATH },
            { name: SOCK_VOLUME, mountPath: SOCK_DIR },
          ],
        },
      ],
      // The chart writes /runtime-mnt here; we follow MOUNT_ROOT, as the PV's efc_sessmgr_workdir and the session
      // manager's folder do (session-manager.ts), so the three agree under any --mount-root.
      volumes: [
        endpointsVolume(v),
        { name: SHM_VOLUME, emptyDir: { medium: 'Memory' } },
        { name: SOCK_VOLUME, hostPath: { path: v.sessMgrWorkDir, type: 'Directory' } },
      ],
    },
  };
}

export function addFuse(scope: Construct, v: EfcValues, spec: EFCRuntimeSpec): FuseDaemonSet {
  return new FuseDaemonSet(scope, 'Fuse', {
    name: names.fuse(v),
    labels: objectLabels(v, 'efc-fuse'),
    selector: selectorOf(v, 'efc-fuse'),
    template: fuseTemplate(v, spec),
    fuseLabelKey: v.fuseLabelKey,
    nodeSelector: spec.fuse?.nodeSelector,
    mountPoint: { volumeName: 'efc-fuse-mount', hostPath: v.hostMountPath, containerPath: FUSE_CONTAINER_DIR },
    priorityClassName: v.criticalFuse ? undefined : null,
    // The chart gives the fuse the Dataset's tolerations only.
    tolerateAllTaints: false,
  });
}
