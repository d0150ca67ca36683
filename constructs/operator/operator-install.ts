import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DEFAULT_MOUNT_ROOT } from '../object-names';
import { defaultOperatorImage } from './operator-image';
import { builtinEngines } from '../runtimes/builtin-engines';
import type { EngineRegistry } from '../runtimes/engine-registry';
import { clusterPermissions, NAMESPACE_PERMISSIONS, rulesOf } from './permissions';
import { OperatorDeployment, OperatorResources, Toleration } from './operator-deployment';
import { OperatorMetricsService } from './operator-metrics-service';

export type { Toleration } from './operator-deployment';

export interface OperatorInstallProps {
  /** Namespace the operator runs in. @default 'fluid-system' */
  readonly namespace?: string;
  /**
   * Operator image: the Dockerfile at the repository root builds it.
   * @default `ghcr.io/fluid-cdk8s/operator:<package version>` (defaultOperatorImage())
   */
  readonly image?: string;
  /** @default 'IfNotPresent': a pinned tag never changes, so a node that has the image need not pull it again */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Nodes the operator may run on. @default {} (any node) */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Taints the operator tolerates. @default [] */
  readonly tolerations?: readonly Toleration[];
  /** The engines the operator runs: their runtime kinds and the objects they render decide its RBAC. @default builtinEngines() */
  readonly registry?: EngineRegistry;
  /**
   * JavaScript modules of engines written outside this repository, as paths inside the image: the operator loads
   * them with `--engine`. @default [] (the built-in engines only)
   */
  readonly engineModules?: readonly string[];
  /** Host folder under which every fuse mounts: Fluid's MOUNT_ROOT, passed to the operator. @default '/runtime-mnt' */
  readonly mountRoot?: string;
  /** Reconcile workers per controller. @default - the operator's own default (8) */
  readonly workers?: number;
  /** Port of /metrics (`--metrics-bind-address`), also the metrics Service's. @default 8080, controller-runtime's */
  readonly metricsPort?: number;
  /** Port of /healthz and /readyz (`--health-probe-bind-address`). @default 8081, controller-runtime's */
  readonly healthProbePort?: number;
  /** Operator replicas. One reconciles at a time (the leader); the others take over when it goes. @default 1 */
  readonly replicas?: number;
  /** The operator container's resources. @default DEFAULT_OPERATOR_RESOURCES: 100m CPU and 128Mi requested, 512Mi memory limit */
  readonly resources?: OperatorResources;
  /** Also print a ServiceMonitor for the metrics Service (needs the Prometheus Operator's CRD). @default false */
  readonly serviceMonitor?: boolean;
  /** The operator's `--log-level`. @default the operator's own default, info */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Seconds between two cache queries of a bound runtime (`--cache-sync-period`). @default 60, Fluid's */
  readonly cacheSyncPeriodSeconds?: number;
  /**
   * Serve the pod webhook on this port, with the plugins profile from this ConfigMap (constructs/webhook).
   * @default - no webhook
   */
  readonly webhook?: { readonly port: number; readonly profileConfigMap: string; readonly profileKey: string; readonly profileDir: string; readonly profileFile: string };
  /**
   * Where the pod webhook puts the fuse sidecar of serverless pods (`--fuse-sidecar-injection-mode`, Fluid's
   * FUSE_SIDECAR_INJECTION_MODE): `native-sidecar` makes it a restartable init container, so a Job's pod can finish.
   * @default - the operator's own default ('default', which is legacy)
   */
  readonly fuseSidecarInjectionMode?: 'default' | 'legacy' | 'native-sidecar';
}

export const OPERATOR_NAME = 'fluid-cdk8s-operator';
/** Labels of the operator's objects and pods (the webhook Service selects the pods by them). */
export const OPERATOR_LABELS: Readonly<Record<string, string>> = { 'app.kubernetes.io/name': OPERATOR_NAME, 'app.kubernetes.io/part-of': 'fluid-cdk8s' };

/**
 * What `fluid-cdk8s install` prints for the operator besides the CRDs: its namespace, ServiceAccount and RBAC, the
 * Deployment, a PodDisruptionBudget, the metrics Service and, when asked for, a ServiceMonitor.
 */
export class OperatorInstall extends Chart {
  readonly replicas: number;

  constructor(scope: Construct, id: string, props: OperatorInstallProps = {}) {
    const namespace = props.namespace ?? 'fluid-system';
    super(scope, id, { namespace, disableResourceNameHashes: true });
    const labels = { ...OPERATOR_LABELS };
    const metadata = { name: OPERATOR_NAME, labels };
    const port = props.metricsPort ?? 8080;
    const ns = new k8s.KubeNamespace(this, 'Namespace', { metadata: { name: namespace, labels } });
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata });
    const clusterRole = new k8s.KubeClusterRole(this, 'ClusterRole', { metadata, rules: rulesOf(clusterPermissions(props.registry ?? builtinEngines())) });
    const subjects = [{ kind: 'ServiceAccount', name: OPERATOR_NAME, namespace }];
    const clusterBinding = new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: OPERATOR_NAME },
      subjects,
    });
    new k8s.KubeRole(this, 'Role', { metadata, rules: rulesOf(NAMESPACE_PERMISSIONS) });
    new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: OPERATOR_NAME },
      subjects,
    });
    // Cluster-scoped objects carry no namespace, whatever the chart's.
    for (const obj of [ns, clusterRole, clusterBinding]) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    const healthPort = props.healthProbePort ?? 8081;
    if (healthPort === port) throw new Error(`Deployment ${OPERATOR_NAME}: the health probe port and the metrics port are both ${port}`);
    const deployment = new OperatorDeployment(this, 'Deployment', {
      name: OPERATOR_NAME,
      labels,
      image: props.image ?? defaultOperatorImage(),
      imagePullPolicy: props.imagePullPolicy ?? 'IfNotPresent',
      serviceAccountName: OPERATOR_NAME,
      args: [
        ...(props.workers === undefined ? [] : [`--workers=${props.workers}`]),
        `--metrics-bind-address=:${port}`, `--health-probe-bind-address=:${healthPort}`,
        '--leader-elect=true', `--leader-election-namespace=${namespace}`,
        ...(props.logLevel === undefined ? [] : [`--log-level=${props.logLevel}`]),
        ...(props.cacheSyncPeriodSeconds === undefined ? [] : [`--cache-sync-period=${props.cacheSyncPeriodSeconds}`]),
        ...(props.engineModules ?? []).map((m) => `--engine=${m}`),
        ...(props.webhook ? [`--webhook-port=${props.webhook.port}`, `--plugins-profile=${props.webhook.profileDir}/${props.webhook.profileFile}`] : []),
        ...(props.webhook && props.fuseSidecarInjectionMode !== undefined ? [`--fuse-sidecar-injection-mode=${props.fuseSidecarInjectionMode}`] : []),
      ],
      env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'MOUNT_ROOT', value: props.mountRoot ?? DEFAULT_MOUNT_ROOT }],
      metricsPort: port,
      healthProbePort: healthPort,
      replicas: props.replicas,
      resources: props.resources,
      nodeSelector: props.nodeSelector,
      tolerations: props.tolerations as Toleration[] | undefined,
      extraPorts: props.webhook ? [{ name: 'webhook', containerPort: props.webhook.port }] : [],
      extraVolumes: props.webhook
        ? [{ volume: { name: 'webhook-plugins', configMap: { name: props.webhook.profileConfigMap, items: [{ key: props.webhook.profileKey, path: props.webhook.profileFile }] } }, mountPath: props.webhook.profileDir }]
        : [],
    });
    // At most one replica down at a time, whatever the count: with one replica a drain may still evict it (the
    // standby-less operator is simply rescheduled), where minAvailable: 1 would block every drain of its node.
    new ApiObject(this, 'PodDisruptionBudget', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata,
      spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
    });
    new OperatorMetricsService(this, 'Metrics', { name: `${OPERATOR_NAME}-metrics`, podLabels: labels, port, serviceMonitor: props.serviceMonitor });
    this.replicas = deployment.replicas;
  }
}
