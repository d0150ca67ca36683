// The EFC master: StatefulSet `<name>-master` that mounts the NAS/CPFS file system and reads the workers' endpoints
// (charts/efc/templates/master/statefulset.yaml). The chart names a governing Service but renders none.
import { Construct } from 'constructs';
import type { EFCRuntimeSpec } from '../../../crds/schema/efc-runtime';
import { CacheMaster } from '../../components/cache-master';
import type { PodTemplate } from '../../components/pod-template';
import { ENDPOINTS_DIR, MASTER_MOUNT_PATH, SHM_PATH, SOCK_DIR } from './defaults';
import { ENDPOINTS_VOLUME, endpointsVolume } from './endpoints';
import { names, objectLabels, podLabels, selectorOf } from './labels';
import { commonPodSpec, podMetadata, resourcesPart } from './pod-parts';
import { tierVolume } from './tiered-store';
import type { EfcValues } from './values';

const SOCK_VOLUME = 'efc-sock';

/** The master's fixed memory tier: /dev/shm with no quota (transform_tieredstore.go transformMasterTieredStore). */
const SHM = tierVolume({ mediumtype: 'MEM', volumeType: 'emptyDir', path: SHM_PATH });

export function masterArgs(v: EfcValues): string[] {
  return ['master', v.mount?.mountPoint ?? '', MASTER_MOUNT_PATH, v.options.master];
}

export function masterTemplate(v: EfcValues, spec: EFCRuntimeSpec): PodTemplate {
  const meta = podMetadata(spec, 'master');
  return {
    labels: { ...podLabels(v, 'efc-master'), ...meta.labels },
    annotations: meta.annotations,
    spec: {
      terminationGracePeriodSeconds: 90,
      ...commonPodSpec(v, v.masterHostNetwork, spec.master?.nodeSelector),
      containers: [
        {
          name: 'efc-master',
          image: `${v.masterImage.image}:${v.masterImage.tag}`,
          imagePullPolicy: v.masterImage.pullPolicy,
          ...resourcesPart(spec.master?.resources),
          command: ['/entrypoint.sh'],
          args: masterArgs(v),
          livenessProbe: {
            exec: { command: ['sh', '-c', 'ps -ef | grep master.py | grep -v grep'] },
            failureThreshold: 3,
            initialDelaySeconds: 5,
            periodSeconds: 1,
            successThreshold: 1,
            timeoutSeconds: 1,
          },
          securityContext: { privileged: false },
          lifecycle: { preStop: { exec: { command: ['sh', '-c', `/entrypoint.sh stop_master ${MASTER_MOUNT_PATH}`] } } },
          volumeMounts: [{ name: ENDPOINTS_VOLUME, mountPath: ENDPOINTS_DIR }, SHM.mount, { name: SOCK_VOLUME, mountPath: SOCK_DIR }],
        },
      ],
      volumes: [endpointsVolume(v), SHM.volume, { name: SOCK_VOLUME, emptyDir: {} }],
    },
  };
}

export function addMaster(scope: Construct, v: EfcValues, spec: EFCRuntimeSpec): CacheMaster {
  return new CacheMaster(scope, 'Master', {
    name: names.master(v),
    labels: objectLabels(v, 'efc-master'),
    selector: selectorOf(v, 'efc-master'),
    replicas: v.masterReplicas,
    template: masterTemplate(v, spec),
    // The chart sets neither, so the StatefulSet takes Kubernetes' defaults.
    podManagementPolicy: 'OrderedReady',
    updateStrategy: 'RollingUpdate',
  });
}
