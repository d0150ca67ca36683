// The Vineyard master: an etcd cluster, StatefulSet `<name>-master` with the headless Service of the same name
// (charts/vineyard/templates/master/*). Every member is listed in --initial-cluster, so replicas start together.
import { Construct } from 'constructs';
import type { VineyardRuntimeSpec } from '../../../crds/schema/vineyard-runtime';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { CacheMaster } from '../../components/cache-master';
import type { PodTemplate } from '../../components/pod-template';
import { componentLabels, names, selectorOf } from './labels';
import { envOf, networkParts, podMetadata } from './pod-parts';
import { masterResources } from './resources';
import type { VineyardValues } from './values';

const DATA_VOLUME = 'etcd-data';
const DATA_DIR = '/etcd-data';

/** `<name>-master-<i>=http://<name>-master-<i>.<name>-master.<ns>:<port>` or the client URLs (vineyard.etcdEndpoints). */
export function etcdEndpoints(v: VineyardValues, kind: 'peer' | 'client'): string {
  const master = names.master(v);
  const port = kind === 'peer' ? v.masterPorts.peer : v.masterPorts.client;
  return Array.from({ length: v.masterReplicas }, (_, i) => {
    const url = `http://${master}-${i}.${master}.${v.ds.namespace}:${port}`;
    return kind === 'peer' ? `${master}-${i}=${url}` : url;
  }).join(',');
}

/**
 * The volumes the master's pod gets: spec.volumes named by the master's volumeMounts and then by the worker's (Fluid
 * collects both into one list the master alone renders), else an emptyDir for etcd's data.
 */
function masterVolumes(spec: VineyardRuntimeSpec): { volumes: Volume[]; mounts: VolumeMount[] } {
  const byName = new Map((spec.volumes ?? []).map((vol) => [vol.name, vol]));
  const mounts = spec.master?.volumeMounts ?? [];
  const named = [...mounts, ...(spec.worker?.volumeMounts ?? [])].flatMap((m) => (byName.has(m.name) ? [byName.get(m.name)!] : []));
  return {
    volumes: named.length ? named : [{ name: DATA_VOLUME, emptyDir: {} }],
    mounts: mounts.length ? [...mounts] : [{ name: DATA_VOLUME, mountPath: DATA_DIR }],
  };
}

export function masterTemplate(v: VineyardValues, spec: VineyardRuntimeSpec): PodTemplate {
  const meta = podMetadata(spec, 'master');
  const own = spec.master;
  const service = names.master(v);
  const resources = masterResources(own?.resources);
  const storage = masterVolumes(spec);
  const { client, peer } = v.masterPorts;
  const podUrl = (port: number) => `http://$(POD_NAME).${service}.${v.ds.namespace}:${port}`;
  return {
    labels: { ...componentLabels(v, 'vineyard-master'), ...meta.labels },
    annotations: meta.annotations,
    spec: {
      ...(own?.nodeSelector && Object.keys(own.nodeSelector).length ? { nodeSelector: own.nodeSelector } : {}),
      enableServiceLinks: false,
      ...networkParts(v.masterHostNetwork),
      containers: [
        {
          name: 'vineyard-master',
          image: `${v.masterImage.image}:${v.masterImage.tag}`,
          imagePullPolicy: v.masterImage.pullPolicy,
          securityContext: { runAsUser: 1001, runAsNonRoot: true, privileged: false },
          command: [
            'etcd',
            '--name=$(POD_NAME)',
            `--initial-advertise-peer-urls=${podUrl(peer)}`,
            `--listen-peer-urls=http://0.0.0.0:${peer}`,
            `--advertise-client-urls=${podUrl(client)}`,
            `--listen-client-urls=http://0.0.0.0:${client}`,
            `--initial-cluster-token=${v.ds.name}`,
            '--initial-cluster-state=new',
            `--initial-cluster=${etcdEndpoints(v, 'peer')}`,
            `--data-dir=${DATA_DIR}`,
          ],
          env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, ...envOf(own?.env)],
          ...(resources ? { resources } : {}),
          ports: [
            { name: 'client', containerPort: client, protocol: 'TCP' },
            { name: 'peer', containerPort: peer, protocol: 'TCP' },
          ],
          volumeMounts: storage.mounts,
        },
      ],
      volumes: storage.volumes,
    },
  };
}

export function addMaster(scope: Construct, v: VineyardValues, spec: VineyardRuntimeSpec): CacheMaster {
  return new CacheMaster(scope, 'Master', {
    name: names.master(v),
    labels: componentLabels(v, 'vineyard-master'),
    selector: selectorOf(v, 'vineyard-master'),
    replicas: v.masterReplicas,
    template: masterTemplate(v, spec),
    services: {
      kind: 'single',
      labels: componentLabels(v, 'vineyard-master'),
      ports: [
        { name: 'client', port: v.masterPorts.client },
        { name: 'peer', port: v.masterPorts.peer },
      ],
    },
  });
}
