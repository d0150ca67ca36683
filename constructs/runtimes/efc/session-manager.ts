// EFC's session manager: one DaemonSet per cluster, in its own namespace, that serves every EFC fuse on a node
// through a socket in a host folder. Fluid's EFC controller creates it when it starts (pkg/ddc/efc/sessmgr.go); here
// `fluid-cdk8s install` prints it, so that what runs in the cluster is in the user's manifests. Its pods run only
// on nodes the CSI plugin labelled while staging an EFC volume (csi/sessmgr-wait.ts).
import { Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { EngineSettings } from '../render-input';
import { imagePullSecretsFromEnv } from '../fluid-switches';
import { INIT_FUSE_IMAGE, SESSMGR_DIR, SESSMGR_ENV, SESSMGR_IMAGE, SESSMGR_NAME, SESSMGR_NAMESPACE, SESSMGR_NODE_LABEL, SOCK_DIR } from './defaults';

export type SessionManagerUpdateStrategy = 'RollingUpdate' | 'OnDelete';

export interface EfcSessionManagerProps {
  /** Fluid's MOUNT_ROOT: the socket folder is `<mountRoot>/efc-sock`, the PV attribute efc_sessmgr_workdir. */
  readonly mountRoot: string;
  /** @default 'registry.cn-zhangjiakou.aliyuncs.com/nascache/efc-fuse:latest' (Fluid's DefaultEFCSessMgrImage) */
  readonly image?: string;
  /** Image of the init container that prepares the node's fuse device. @default Fluid's DefaultEFCInitFuseImage */
  readonly initFuseImage?: string;
  /** @default 'RollingUpdate' (Fluid leaves it unset, which the apiserver defaults to RollingUpdate) */
  readonly updateStrategy?: SessionManagerUpdateStrategy;
  /** Secrets for pulling the images (Fluid's IMAGE_PULL_SECRETS). @default - none */
  readonly imagePullSecrets?: readonly string[];
}

/** The pods' label and the DaemonSet's selector, as Fluid writes them. */
const POD_LABELS = { app: SESSMGR_NAME };
const SOCK_VOLUME = 'efc-sock';

/** Namespace `efc-system` and DaemonSet `efc-sessmgr` (Fluid's names, labels, selector, containers and volume). */
export class EfcSessionManager extends Construct {
  readonly namespace = SESSMGR_NAMESPACE;
  readonly name = SESSMGR_NAME;
  /** The host folder the DaemonSet shares with the fuse pods, where its socket appears. */
  readonly workDir: string;

  constructor(scope: Construct, id: string, props: EfcSessionManagerProps) {
    super(scope, id);
    this.workDir = `${props.mountRoot}/${SESSMGR_DIR}`;
    const labels = { 'app.kubernetes.io/part-of': 'fluid-cdk8s' };
    // Its init container is privileged, which Pod Security `baseline` and `restricted` refuse: a cluster that
    // enforces either by default would leave the DaemonSet without pods, and every EFC volume stage waiting.
    const ns = new k8s.KubeNamespace(this, 'Namespace', {
      metadata: { name: SESSMGR_NAMESPACE, labels: { ...labels, 'pod-security.kubernetes.io/enforce': 'privileged' } },
    });
    const ds = new k8s.KubeDaemonSet(this, 'DaemonSet', {
      metadata: { name: SESSMGR_NAME, namespace: SESSMGR_NAMESPACE, labels },
      spec: {
        selector: { matchLabels: POD_LABELS },
        updateStrategy: { type: props.updateStrategy ?? 'RollingUpdate' },
        template: {
          metadata: { labels: POD_LABELS, annotations: { 'sidecar.istio.io/inject': 'false' } },
          spec: {
            hostNetwork: true,
            priorityClassName: 'system-node-critical',
            nodeSelector: { [SESSMGR_NODE_LABEL]: 'true' },
            tolerations: [{ operator: 'Exists' }],
            // Fluid keeps it off virtual-kubelet nodes, which have no host to share a socket on.
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }] }],
                },
              },
            },
            initContainers: [{
              name: 'init-fuse',
              image: props.initFuseImage ?? INIT_FUSE_IMAGE,
              command: ['/entrypoint.sh'],
              args: ['init_fuse', 'false', 'none'],
              securityContext: { privileged: true },
            }],
            containers: [{
              name: 'sessmgr',
              image: props.image ?? SESSMGR_IMAGE,
              command: ['/entrypoint.sh'],
              args: ['sessmgr'],
              securityContext: { privileged: false },
              lifecycle: { preStop: { exec: { command: ['sh', '-c', '/entrypoint.sh stop_sessmgr'] } } },
              volumeMounts: [{ name: SOCK_VOLUME, mountPath: SOCK_DIR }],
            }],
            volumes: [{ name: SOCK_VOLUME, hostPath: { path: this.workDir, type: 'DirectoryOrCreate' } }],
            ...(props.imagePullSecrets?.length ? { imagePullSecrets: props.imagePullSecrets.map((name) => ({ name })) } : {}),
          },
        },
      },
    });
    // A Namespace is cluster-scoped, whatever the chart's namespace; the DaemonSet goes into it, after it.
    if (Chart.of(this).namespace) ns.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    ds.addDependency(ns);
  }
}

/**
 * The session manager's props from the controller variables Fluid reads (sessmgr.go loadSessMgrConfig), with an
 * empty variable taken as unset. Throws, naming the variable, on an update strategy Kubernetes does not have.
 */
export function sessionManagerProps(settings: EngineSettings): EfcSessionManagerProps {
  const { env } = settings;
  const strategy = env[SESSMGR_ENV.updateStrategy] || undefined;
  if (strategy !== undefined && strategy !== 'RollingUpdate' && strategy !== 'OnDelete') {
    throw new Error(`${SESSMGR_ENV.updateStrategy}: the update strategy of DaemonSet ${SESSMGR_NAMESPACE}/${SESSMGR_NAME} must be RollingUpdate or OnDelete, got "${strategy}"`);
  }
  const pullSecrets = imagePullSecretsFromEnv(env).flatMap((s) => (s.name ? [s.name] : []));
  return {
    mountRoot: settings.mountRoot,
    ...(env[SESSMGR_ENV.image] ? { image: env[SESSMGR_ENV.image] } : {}),
    ...(env[SESSMGR_ENV.initFuseImage] ? { initFuseImage: env[SESSMGR_ENV.initFuseImage] } : {}),
    ...(strategy ? { updateStrategy: strategy } : {}),
    ...(pullSecrets.length ? { imagePullSecrets: pullSecrets } : {}),
  };
}
