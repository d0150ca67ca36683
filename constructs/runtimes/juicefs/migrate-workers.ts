// The workers of a parallel JuiceFS DataMigrate: a StatefulSet of sshd pods behind a headless Service, which the
// launcher Job reaches as <release>-workers-<i>.<release>-workers and drives with `juicefs sync --worker`
// (charts/fluid-datamigrate/juicefs/templates/{statefulset,service}.yaml). The launcher counts as one worker, so
// there are parallelism - 1 of them. Every pod gets the SSH key pair from the user's Secret as a mounted volume:
// the keys never pass through us.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Affinity, Container, EnvVar, LocalObjectReference, ResourceRequirements, Volume, VolumeMount, WeightedPodAffinityTerm } from '../../../crds/schema/k8s/core.generated';
import { HeadlessService } from '../../components/headless-service';
import { statefulSetObject } from '../../components/stateful-set-manifest';
import type { ParallelOptions } from './parallel-options';
import { WORKER_READINESS } from './migrate-scripts';

/** Fluid's label on the launcher and worker pods, `migrate-<dataset id>` (pkg/dataoperation/constants.go). */
export const OPERATION_LABEL = 'fluid.io/operation';

const SSH_VOLUME = 'data-migrate-ssh';
const SCRIPT_VOLUME = 'data-migrate-script';

/** `<release>-workers`: the StatefulSet, its Service and its pods' `app` label (pkg/utils/dataoperation.go). */
export function workersName(release: string): string {
  return `${release}-workers`;
}

/**
 * The key pair as files: the private key, the public key, and the public key again as authorized_keys, so every
 * pod (the launcher too, which also runs a worker) lets the others in. Mounted with subPath .ssh: the kubelet's
 * symlinked layout would fail sshd's permission checks.
 */
export function sshVolume(options: ParallelOptions): Volume {
  return {
    name: SSH_VOLUME,
    secret: {
      secretName: options.sshSecretName,
      defaultMode: 0o600,
      items: [
        { key: 'ssh-privatekey', path: '.ssh/id_rsa' },
        { key: 'ssh-publickey', path: '.ssh/id_rsa.pub' },
        { key: 'ssh-publickey', path: '.ssh/authorized_keys' },
      ],
    },
  };
}

export const SSH_MOUNT: VolumeMount = { name: SSH_VOLUME, mountPath: '/root/.ssh', subPath: '.ssh' };

/** What the launcher's script reads to find and wait for the workers. */
export function launcherEnv(release: string, options: ParallelOptions): EnvVar[] {
  const workers = workersName(release);
  return [
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'SSH_READY_TIMEOUT', value: String(options.sshReadyTimeoutSeconds) },
    { name: 'TARGET_SSH_PORT', value: String(options.sshPort) },
    { name: 'WORKER_NAME_FORMAT', value: `${workers}-{}.${workers}` },
  ];
}

/**
 * The launcher and the workers prefer different nodes (Fluid's addWorkerPodPreferredAntiAffinity), added to the
 * user's affinity. Fluid's term selects a label value no pod carries; ours selects the label the pods do carry.
 */
export function withWorkerAntiAffinity(affinity: Affinity | undefined, operationLabel: string): Affinity {
  const term: WeightedPodAffinityTerm = {
    weight: 100,
    podAffinityTerm: { labelSelector: { matchLabels: { [OPERATION_LABEL]: operationLabel } }, topologyKey: 'kubernetes.io/hostname' },
  };
  const anti = affinity?.podAntiAffinity;
  return { ...affinity, podAntiAffinity: { ...anti, preferredDuringSchedulingIgnoredDuringExecution: [...(anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []), term] } };
}

export interface MigrateWorkersProps {
  /** The operation's release name, `<datamigrate>-migrate`. */
  readonly release: string;
  /** Labels of the StatefulSet and the Service (release, role and the library block of the chart). */
  readonly labels: Record<string, string>;
  /** Value of the fluid.io/operation label of the worker pods, `migrate-<dataset id>`. */
  readonly operationLabel: string;
  /** How many workers run now: parallelism - 1 while the migration runs, 0 once it has ended. */
  readonly replicas: number;
  readonly options: ParallelOptions;
  /** The launcher's image, pull policy and resources. */
  readonly image: string;
  readonly imagePullPolicy: string;
  /** @default - none */
  readonly resources?: ResourceRequirements;
  /** The credential variables of the launcher (secretKeyRef only). */
  readonly secretEnv: readonly EnvVar[];
  /** Claims of pvc:// ends, mounted where the launcher mounts them. @default - none */
  readonly extraVolumes?: readonly Volume[];
  readonly extraMounts?: readonly VolumeMount[];
  /** The pods' affinity, with the anti-affinity to each other. */
  readonly affinity: Affinity;
  /** @default - none */
  readonly pullSecrets?: readonly LocalObjectReference[];
  /** The script ConfigMap holding the readiness check. */
  readonly scriptConfigMap: string;
}

/** The worker StatefulSet (sshd in the foreground, ready once SSH with the shared key works) and its Service. */
export class MigrateWorkers extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: MigrateWorkersProps) {
    super(scope, id);
    this.name = workersName(props.release);
    const port = props.options.sshPort;
    const worker: Container = {
      name: 'worker',
      image: props.image,
      imagePullPolicy: props.imagePullPolicy,
      command: ['/usr/sbin/sshd', '-D', '-p', String(port)],
      readinessProbe: { exec: { command: [`/etc/fluid/scripts/${WORKER_READINESS.path}`] } },
      ports: [{ containerPort: port }],
      ...(props.resources ? { resources: props.resources } : {}),
      env: [{ name: 'TARGET_SSH_PORT', value: String(port) }, ...props.secretEnv],
      volumeMounts: [SSH_MOUNT, { name: SCRIPT_VOLUME, mountPath: '/etc/fluid/scripts' }, ...(props.extraMounts ?? [])],
    };
    const volumes: Volume[] = [
      sshVolume(props.options),
      { name: SCRIPT_VOLUME, configMap: { name: props.scriptConfigMap, items: [{ key: WORKER_READINESS.key, path: WORKER_READINESS.path, mode: 0o555 }] } },
      ...(props.extraVolumes ?? []),
    ];
    const selector = { app: this.name };
    new ApiObject(this, 'StatefulSet', statefulSetObject({
      name: this.name,
      labels: props.labels,
      selector,
      replicas: props.replicas,
      serviceName: this.name,
      podManagementPolicy: 'Parallel',
      updateStrategy: 'RollingUpdate',
      template: {
        labels: { [OPERATION_LABEL]: props.operationLabel },
        spec: {
          affinity: props.affinity,
          ...(props.pullSecrets?.length ? { imagePullSecrets: [...props.pullSecrets] } : {}),
          containers: [worker],
          volumes,
        },
      },
    }));
    new HeadlessService(this, 'Service', { name: this.name, labels: props.labels, selector });
  }
}
