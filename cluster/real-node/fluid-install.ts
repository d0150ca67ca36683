// The operator and the fuse.csi.fluid.io plugin on a real node, installed as users install them: the output of
// `fluid-cdk8s install`, pinned to the real node by its own flags, with the node's kubelet folder and the cluster's
// shared mount root. Both run from the operator image the node imported under the name `install` prints.
import type * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { installManifests } from '../../cli/install';
import { CSI_PLUGIN_NAME } from '../../constructs/csi/csi-install';
import { OPERATOR_NAME } from '../../constructs/operator/operator-install';
import { installCrds } from '../../operator/kube/crd-installer';
import { kubeRequest } from '../../operator/kube/kube-request';
import type { AppliedObject } from '../../operator/kube/server-side-apply';
import { done, notYet, waitFor } from '../../operator/kube/wait';
import { applyObject, deleteObject } from '../apply-object';
import { REAL_NODE_LABEL } from './kubelet-config';
import { nodePaths } from './node-paths';

/** Pod start from images already on the node, and the kubelet's plugin registration: seconds; this allows a busy box. */
const READY_DEADLINE_MS = 120_000;
const FIELD_MANAGER = 'fluid-cdk8s-harness';
const CSI_DRIVER = 'fuse.csi.fluid.io';

export interface FluidOnRealNodeProps {
  /** The cluster folder (LocalCluster.dir). */
  readonly clusterDir: string;
  /** The real node's name. */
  readonly node: string;
  /** The cluster's shared mount root (LocalCluster.mountRoot). */
  readonly mountRoot: string;
  /** @default 'fluid-system' */
  readonly namespace?: string;
  /** The operator's `--cache-sync-period`. @default 60, as `install` */
  readonly cacheSyncPeriodSeconds?: number;
}

export interface FluidOnRealNode {
  readonly namespace: string;
  /** The node's kubelet folder, where the plugin publishes volumes. */
  readonly kubeletDir: string;
  /** Deletes the operator and the plugin and waits until their pods are gone; CRDs stay. */
  uninstall(): Promise<void>;
}

async function podsWith(kc: k8s.KubeConfig, namespace: string, name: string): Promise<k8s.V1Pod[]> {
  const selector = encodeURIComponent(`app.kubernetes.io/name=${name}`);
  return (await kubeRequest(kc, 'GET', `/api/v1/namespaces/${namespace}/pods?labelSelector=${selector}`)).body.items as k8s.V1Pod[];
}

function isReady(pod: k8s.V1Pod): boolean {
  return !pod.metadata?.deletionTimestamp && !!pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Applies the install output and waits until the kubelet has registered the driver and the operator is Ready. */
export async function installFluidOnRealNode(kc: k8s.KubeConfig, props: FluidOnRealNodeProps): Promise<FluidOnRealNode> {
  const namespace = props.namespace ?? 'fluid-system';
  const kubeletDir = nodePaths(props.clusterDir, props.node).kubeletRoot;
  const docs = parseAllDocuments(installManifests({
    namespace, nodeSelector: { [REAL_NODE_LABEL]: 'true' }, tolerations: [{ key: REAL_NODE_LABEL, operator: 'Exists' }],
    kubeletDir, mountRoot: props.mountRoot, cacheSyncPeriodSeconds: props.cacheSyncPeriodSeconds,
  })).map((d) => d.toJS() as AppliedObject);
  await installCrds(kc, docs.filter((d) => d.kind === 'CustomResourceDefinition'), FIELD_MANAGER);
  await applyObject(kc, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, FIELD_MANAGER);
  for (const doc of docs.filter((d) => d.kind !== 'CustomResourceDefinition')) await applyObject(kc, doc, FIELD_MANAGER);
  await waitFor(`the kubelet of ${props.node} to register ${CSI_DRIVER}`, READY_DEADLINE_MS, async () => {
    const drivers = ((await kubeRequest(kc, 'GET', `/apis/storage.k8s.io/v1/csinodes/${props.node}`).then((r) => r.body.spec?.drivers, () => [])) ?? []) as { name: string }[];
    return drivers.some((d) => d.name === CSI_DRIVER) ? done(true) : notYet(`CSINode lists ${JSON.stringify(drivers.map((d) => d.name))}`);
  }, { intervalMs: 250 });
  await waitFor('the operator pod to be Ready', READY_DEADLINE_MS, async () => {
    const pods = await podsWith(kc, namespace, OPERATOR_NAME);
    return pods.some(isReady) ? done(true) : notYet(pods.map((p) => `${p.metadata?.name}: ${p.status?.phase}`).join('; ') || 'no pod');
  }, { intervalMs: 250 });
  return { namespace, kubeletDir, uninstall: () => uninstall(kc, namespace) };
}

async function uninstall(kc: k8s.KubeConfig, namespace: string): Promise<void> {
  await deleteObject(kc, 'Deployment', OPERATOR_NAME, namespace);
  await deleteObject(kc, 'DaemonSet', CSI_PLUGIN_NAME, namespace);
  await waitFor('the operator and CSI plugin pods to be gone', READY_DEADLINE_MS, async () => {
    const left = [...await podsWith(kc, namespace, OPERATOR_NAME), ...await podsWith(kc, namespace, CSI_PLUGIN_NAME)];
    return left.length === 0 ? done(true) : notYet(left.map((p) => p.metadata?.name).join(', '));
  }, { intervalMs: 250 });
  await deleteObject(kc, 'CSIDriver', CSI_DRIVER);
}
