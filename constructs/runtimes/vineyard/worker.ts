// Vineyard workers: StatefulSet `<name>-worker` running vineyardd, and the headless Service of the same name that
// the client's RPC endpoints resolve through (charts/vineyard/templates/worker/*). Each worker puts its IPC socket in
// a host folder of the runtime, so a client on the same node can reach it.
import { Construct } from 'constructs';
import type { VineyardRuntimeSpec } from '../../../crds/schema/vineyard-runtime';
import type { NodeSelector } from '../../../crds/schema/k8s/core.generated';
import { CacheWorker } from '../../components/cache-worker';
import { HeadlessService } from '../../components/headless-service';
import type { PodTemplate } from '../../components/pod-template';
import { DEFAULT_MOUNT_ROOT } from '../../object-names';
import { RUNTIME_TYPE, WORKER_OPTIONS, WORKER_SOCKET, WORKER_SOCKET_DIR } from './defaults';
import { componentLabels, names, selectorOf } from './labels';
import { etcdEndpoints } from './master';
import { envOf, networkParts, podMetadata } from './pod-parts';
import { workerResources } from './resources';
import type { VineyardValues } from './values';

const SOCKET_VOLUME = 'vineyard-socket-volume';

/** Pod fields the chart hands vineyardd through the downward API. */
const fieldEnv = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { fieldPath } } });

/**
 * Where a worker's socket lives on the host. The chart writes /runtime-mnt literally here rather than the
 * controller's MOUNT_ROOT, so we do too: the client reaches workers through the etcd registry, not this folder.
 */
export function workerSocketHostDir(v: VineyardValues): string {
  return `${DEFAULT_MOUNT_ROOT}/${RUNTIME_TYPE}/${v.ds.namespace}/${v.ds.name}`;
}

export function workerCommand(v: VineyardValues): string[] {
  return [
    '/usr/local/bin/vineyardd',
    '--socket',
    WORKER_SOCKET,
    '--size',
    v.workerSize,
    ...(WORKER_OPTIONS.reserveMemory ? ['--reserve_memory'] : []),
    '--meta_timeout',
    WORKER_OPTIONS.etcdTimeoutSeconds,
    '--etcd_prefix',
    WORKER_OPTIONS.etcdPrefix,
    '--etcd_endpoint',
    etcdEndpoints(v, 'client'),
    '--rpc_socket_port',
    String(v.workerPorts.rpc),
  ];
}

export function workerTemplate(v: VineyardValues, spec: VineyardRuntimeSpec): PodTemplate {
  const meta = podMetadata(spec, 'worker');
  const own = spec.worker;
  return {
    labels: { ...componentLabels(v, 'vineyard-worker'), ...meta.labels },
    annotations: meta.annotations,
    spec: {
      ...(own?.nodeSelector && Object.keys(own.nodeSelector).length ? { nodeSelector: own.nodeSelector } : {}),
      enableServiceLinks: false,
      ...networkParts(v.workerHostNetwork),
      containers: [
        {
          name: 'vineyard-worker',
          image: `${v.workerImage.image}:${v.workerImage.tag}`,
          imagePullPolicy: v.workerImage.pullPolicy,
          command: workerCommand(v),
          lifecycle: { preStop: { exec: { command: ['sh', '-c', `rm -f ${WORKER_SOCKET}`] } } },
          env: [
            { name: 'VINEYARDD_NAME', value: `${v.ds.name}-vineyardd` },
            { name: 'VINEYARDD_NAMESPACE', value: v.ds.namespace },
            fieldEnv('MY_NODE_NAME', 'spec.nodeName'),
            fieldEnv('MY_POD_NAME', 'metadata.name'),
            fieldEnv('MY_POD_NAMESPACE', 'metadata.namespace'),
            fieldEnv('MY_UID', 'metadata.uid'),
            fieldEnv('MY_POD_IP', 'status.podIP'),
            fieldEnv('MY_HOST_NAME', 'status.podIP'),
            fieldEnv('USER', 'metadata.name'),
            ...envOf(own?.env),
          ],
          resources: workerResources(own?.resources, v.workerSize),
          ports: [{ name: 'rpc', containerPort: v.workerPorts.rpc, protocol: 'TCP' }],
          livenessProbe: { tcpSocket: { port: v.workerPorts.rpc }, periodSeconds: 60 },
          readinessProbe: { exec: { command: ['ls', WORKER_SOCKET] }, initialDelaySeconds: 15, periodSeconds: 10, failureThreshold: 10 },
          volumeMounts: [{ name: SOCKET_VOLUME, mountPath: WORKER_SOCKET_DIR }],
        },
      ],
      volumes: [{ name: SOCKET_VOLUME, hostPath: { path: workerSocketHostDir(v), type: 'DirectoryOrCreate' } }],
      // One worker of this dataset per node: the chart's own rule, beside Fluid's worker affinity.
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              labelSelector: { matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'In', values: [`${v.datasetId}-worker`] }] },
              topologyKey: 'kubernetes.io/hostname',
            },
          ],
        },
      },
    },
  };
}

export interface WorkerInputs {
  /** spec.replicas. */
  readonly replicas: number;
  /** The Dataset's nodeAffinity.required. @default - none */
  readonly datasetNodeAffinity?: NodeSelector;
}

export function addWorkers(scope: Construct, v: VineyardValues, spec: VineyardRuntimeSpec, inputs: WorkerInputs): CacheWorker {
  new HeadlessService(scope, 'WorkerService', {
    name: names.worker(v),
    labels: componentLabels(v, 'vineyard-worker'),
    selector: selectorOf(v, 'vineyard-worker'),
    ports: [
      { name: 'rpc', port: v.workerPorts.rpc },
      { name: 'metrics', port: v.workerPorts.exporter },
    ],
  });
  return new CacheWorker(scope, 'Worker', {
    name: names.worker(v),
    labels: componentLabels(v, 'vineyard-worker'),
    selector: selectorOf(v, 'vineyard-worker'),
    replicas: inputs.replicas,
    template: workerTemplate(v, spec),
    datasetId: v.datasetId,
    placement: v.placement,
    fuseLabelKey: v.fuseLabelKey,
    datasetNodeAffinity: inputs.datasetNodeAffinity,
  });
}
