// The Vineyard client: DaemonSet `<name>-fuse` on the nodes the CSI plugin labels, and ConfigMap `<name>-rpc-conf`
// with the workers' RPC endpoints (charts/vineyard/templates/fuse/daemonset.yaml, config/vineyard-rpc-conf.yaml).
// It mounts no file system: it publishes a vineyard socket in the runtime's host folder, which the PV hands to pods
// by symlink.
import { Construct } from 'constructs';
import type { VineyardRuntimeSpec } from '../../../crds/schema/vineyard-runtime';
import type { EnvVar } from '../../../crds/schema/k8s/core.generated';
import { FuseDaemonSet } from '../../components/fuse-daemon-set';
import type { PodTemplate } from '../../components/pod-template';
import { RuntimeConfigMap } from '../../components/runtime-config-map';
import { FUSE_ETCD_PREFIX, FUSE_SIZE } from './defaults';
import { componentLabels, names, selectorOf } from './labels';
import { envOf, networkParts, podMetadata } from './pod-parts';
import { masterResources } from './resources';
import type { VineyardValues } from './values';

const RPC_CONF_VOLUME = 'vineyard-rpc-conf';
const PRESTOP_MARKER = '/tmp/prestop-marker';

/** `<name>-worker-<i>.<name>-worker.<ns>:<rpc>` for every worker, comma-separated. */
export function rpcEndpoints(v: VineyardValues, replicas: number): string {
  const worker = names.worker(v);
  return Array.from({ length: replicas }, (_, i) => `${worker}-${i}.${worker}.${v.ds.namespace}:${v.workerPorts.rpc}`).join(',');
}

/** The client's options: size 0 (no local vineyardd), the first master's etcd and its prefix, then the runtime's. */
export function fuseOptions(v: VineyardValues, spec: VineyardRuntimeSpec): Record<string, string> {
  const master = names.master(v);
  return {
    size: FUSE_SIZE,
    etcd_endpoint: `http://${master}-0.${master}.${v.ds.namespace}:${v.masterPorts.client}`,
    etcd_prefix: FUSE_ETCD_PREFIX,
    ...spec.fuse?.options,
  };
}

/** The chart's client labels: the component's without heritage. */
function fuseLabels(v: VineyardValues): Record<string, string> {
  const { heritage: _h, ...labels } = componentLabels(v, 'vineyard-fuse');
  return labels;
}

export function fuseTemplate(v: VineyardValues, spec: VineyardRuntimeSpec, hostPid: boolean): PodTemplate {
  const meta = podMetadata(spec, 'fuse');
  // The chart gives the client the master's resources, not the client's own.
  const resources = masterResources(spec.master?.resources);
  const target = v.fusePath;
  const env: EnvVar[] = [
    { name: 'MOUNT_DIR', value: v.hostMountDir },
    { name: 'FUSE_DIR', value: target },
    { name: 'RPC_CONF_DIR', value: `${target}/rpc-conf` },
    { name: 'PRESTOP_MARKER', value: PRESTOP_MARKER },
    ...envOf(fuseOptions(v, spec), (key) => key.toUpperCase()),
    ...envOf(spec.fuse?.env),
  ];
  return {
    labels: { ...fuseLabels(v), ...meta.labels },
    annotations: meta.annotations,
    spec: {
      enableServiceLinks: false,
      ...networkParts(v.fuseHostNetwork),
      terminationGracePeriodSeconds: 60,
      restartPolicy: 'Always',
      hostPID: hostPid,
      containers: [
        {
          name: 'vineyard-fuse',
          image: `${v.fuseImage.image}:${v.fuseImage.tag}`,
          imagePullPolicy: v.fuseImage.pullPolicy,
          env,
          lifecycle: {
            preStop: {
              // The ConfigMap volume is unmounted by hand: kubelet refuses to clean it below a Bidirectional mount.
              exec: { command: ['sh', '-c', `touch ${PRESTOP_MARKER} && { rm ${target}/vineyard.sock || true; } && umount ${target}/rpc-conf`] },
            },
          },
          ...(resources ? { resources } : {}),
          volumeMounts: [{ name: RPC_CONF_VOLUME, mountPath: `${target}/rpc-conf` }],
        },
      ],
      volumes: [{ name: RPC_CONF_VOLUME, configMap: { name: names.rpcConf(v) } }],
    },
  };
}

export function addFuse(scope: Construct, v: VineyardValues, spec: VineyardRuntimeSpec, inputs: { replicas: number; hostPid: boolean }): FuseDaemonSet {
  new RuntimeConfigMap(scope, 'RpcConf', {
    name: names.rpcConf(v),
    labels: componentLabels(v, 'vineyard-rpc-conf'),
    data: { VINEYARD_RPC_ENDPOINT: rpcEndpoints(v, inputs.replicas) },
  });
  return new FuseDaemonSet(scope, 'Fuse', {
    name: names.fuse(v),
    labels: componentLabels(v, 'vineyard-fuse'),
    selector: selectorOf(v, 'vineyard-fuse'),
    template: fuseTemplate(v, spec, inputs.hostPid),
    fuseLabelKey: v.fuseLabelKey,
    // The chart's client has no node selector of its own: only the CSI plugin's label places it.
    mountPoint: { volumeName: 'vineyard-fuse-mount', hostPath: v.hostMountDir },
    // The chart does not mark the client critical.
    priorityClassName: null,
  });
}
