import { Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DEFAULT_MOUNT_ROOT } from '../object-names';
import { defaultOperatorImage } from './operator-image';
import { builtinEngines } from '../runtimes/builtin-engines';
import type { EngineRegistry } from '../runtimes/engine-registry';
import { clusterPermissions, NAMESPACE_PERMISSIONS, rulesOf } from './permissions';

/** A pod toleration, as the Kubernetes API spells it. */
export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

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
  /** Reconcile workers. @default 3 */
  readonly workers?: number;
  /** Port of /healthz, /readyz and /metrics. @default 8080 */
  readonly metricsPort?: number;
  /** Seconds between two cache queries of a bound runtime (`--cache-sync-period`). @default 60, Fluid's */
  readonly cacheSyncPeriodSeconds?: number;
  /**
   * Serve the pod webhook on this port, with the plugins profile from this ConfigMap (constructs/webhook).
   * @default - no webhook
   */
  readonly webhook?: { readonly port: number; readonly profileConfigMap: string; readonly profileKey: string; readonly profileDir: string; readonly profileFile: string };
}

export const OPERATOR_NAME = 'fluid-cdk8s-operator';
/** Labels of the operator's objects and pods (the webhook Service selects the pods by them). */
export const OPERATOR_LABELS: Readonly<Record<string, string>> = { 'app.kubernetes.io/name': OPERATOR_NAME, 'app.kubernetes.io/part-of': 'fluid-cdk8s' };

/** What `fluid-cdk8s install` prints besides the CRDs: the ServiceAccount, its RBAC and the operator Deployment. */
export class OperatorInstall extends Chart {
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
    const probePort = k8s.IntOrString.fromNumber(port);
    new k8s.KubeDeployment(this, 'Deployment', {
      metadata,
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: OPERATOR_NAME,
            nodeSelector: props.nodeSelector && Object.keys(props.nodeSelector).length ? { ...props.nodeSelector } : undefined,
            tolerations: props.tolerations?.length ? [...props.tolerations] : undefined,
            volumes: props.webhook
              ? [{ name: 'webhook-plugins', configMap: { name: props.webhook.profileConfigMap, items: [{ key: props.webhook.profileKey, path: props.webhook.profileFile }] } }]
              : undefined,
            containers: [
              {
                name: 'operator',
                image: props.image ?? defaultOperatorImage(),
                imagePullPolicy: props.imagePullPolicy ?? 'IfNotPresent',
                args: [
                  'operator', `--workers=${props.workers ?? 3}`, `--metrics-port=${port}`, `--lease-namespace=${namespace}`,
                  ...(props.cacheSyncPeriodSeconds === undefined ? [] : [`--cache-sync-period=${props.cacheSyncPeriodSeconds}`]),
                  ...(props.engineModules ?? []).map((m) => `--engine=${m}`),
                  ...(props.webhook ? [`--webhook-port=${props.webhook.port}`, `--plugins-profile=${props.webhook.profileDir}/${props.webhook.profileFile}`] : []),
                ],
                env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'MOUNT_ROOT', value: props.mountRoot ?? DEFAULT_MOUNT_ROOT }],
                ports: [{ name: 'metrics', containerPort: port }, ...(props.webhook ? [{ name: 'webhook', containerPort: props.webhook.port }] : [])],
                volumeMounts: props.webhook ? [{ name: 'webhook-plugins', mountPath: props.webhook.profileDir, readOnly: true }] : undefined,
                livenessProbe: { httpGet: { path: '/healthz', port: probePort } },
                readinessProbe: { httpGet: { path: '/readyz', port: probePort } },
                resources: {
                  requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('128Mi') },
                  limits: { memory: k8s.Quantity.fromString('512Mi') },
                },
                securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
              },
            ],
          },
        },
      },
    });
  }
}
