// The operator's Deployment, clean under Pod Security Standards `restricted`: non-root, no privilege escalation, every
// capability dropped, RuntimeDefault seccomp and a read-only root with a writable /tmp. Several replicas share the
// work through the leader Lease: one reconciles, the others stand by and take over within seconds.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { compareQuantities, parseQuantity } from '../quantity';
import { operatorNodeOptions } from './operator-heap';

/** A pod toleration, as the Kubernetes API spells it. */
export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** Container resources as quantities ("100m", "128Mi"); a field left out is not set. */
export interface OperatorResources {
  readonly cpuRequest?: string;
  readonly memoryRequest?: string;
  readonly cpuLimit?: string;
  readonly memoryLimit?: string;
}

/**
 * 100m CPU and 128Mi asked for, 512Mi at most. No CPU limit: a limit throttles the reconcile bursts after a restart
 * and protects nothing the request does not already.
 */
export const DEFAULT_OPERATOR_RESOURCES: OperatorResources = { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '512Mi' };

export interface OperatorDeploymentProps {
  readonly name: string;
  /** On the Deployment, its selector and its pods. */
  readonly labels: Readonly<Record<string, string>>;
  readonly image: string;
  readonly imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  readonly serviceAccountName: string;
  /** The operator's arguments after `operator`. */
  readonly args: readonly string[];
  readonly env: readonly { readonly name: string; readonly value?: string; readonly valueFrom?: unknown }[];
  readonly metricsPort: number;
  readonly healthProbePort: number;
  /** @default 1 */
  readonly replicas?: number;
  /** @default DEFAULT_OPERATOR_RESOURCES */
  readonly resources?: OperatorResources;
  /** @default {} (any node) */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default [] */
  readonly tolerations?: readonly Toleration[];
  /** More container ports, e.g. the pod webhook's. @default [] */
  readonly extraPorts?: readonly { readonly name: string; readonly containerPort: number }[];
  /** More volumes and where the operator container mounts them (read-only), e.g. the webhook-plugins profile. @default [] */
  readonly extraVolumes?: readonly { readonly volume: Record<string, unknown> & { readonly name: string }; readonly mountPath: string }[];
}

/** What `restricted` asks of every container (https://kubernetes.io/docs/concepts/security/pod-security-standards/). */
const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

export class OperatorDeployment extends Construct {
  readonly replicas: number;

  constructor(scope: Construct, id: string, props: OperatorDeploymentProps) {
    super(scope, id);
    this.replicas = props.replicas ?? 1;
    if (!Number.isInteger(this.replicas) || this.replicas < 1) throw new Error(`Deployment ${props.name}: replicas must be a whole number of 1 or more, got ${props.replicas}`);
    const selector = { ...props.labels };
    new ApiObject(this, 'Resource', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: props.name, labels: { ...props.labels } },
      spec: {
        replicas: this.replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: { ...props.labels } },
          spec: {
            serviceAccountName: props.serviceAccountName,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            ...(props.nodeSelector && Object.keys(props.nodeSelector).length ? { nodeSelector: { ...props.nodeSelector } } : {}),
            ...(props.tolerations?.length ? { tolerations: [...props.tolerations] } : {}),
            // Standbys on other nodes than the leader, when there are other nodes: a node failure then costs one lease
            // duration, not a reschedule. Preferred only, so a one-node cluster still runs every replica.
            ...(this.replicas > 1 ? { affinity: spreadOverNodes(selector) } : {}),
            containers: [
              {
                name: 'operator',
                image: props.image,
                imagePullPolicy: props.imagePullPolicy,
                args: ['operator', ...props.args],
                env: withNodeOptions(props.env, (props.resources ?? DEFAULT_OPERATOR_RESOURCES).memoryLimit),
                ports: [
                  { name: 'metrics', containerPort: props.metricsPort, protocol: 'TCP' },
                  { name: 'health', containerPort: props.healthProbePort, protocol: 'TCP' },
                  ...(props.extraPorts ?? []).map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: 'TCP' })),
                ],
                livenessProbe: { httpGet: { path: '/healthz', port: 'health' } },
                readinessProbe: { httpGet: { path: '/readyz', port: 'health' } },
                resources: resourcesOf(props.name, props.resources ?? DEFAULT_OPERATOR_RESOURCES),
                securityContext: RESTRICTED_CONTAINER,
                // Node and its libraries may write temporary files; the root filesystem is read-only.
                volumeMounts: [
                  { name: 'tmp', mountPath: '/tmp' },
                  ...(props.extraVolumes ?? []).map((v) => ({ name: v.volume.name, mountPath: v.mountPath, readOnly: true })),
                ],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }, ...(props.extraVolumes ?? []).map((v) => ({ ...v.volume }))],
          },
        },
      },
    });
  }
}

/** The container's env with NODE_OPTIONS sized to its memory limit (operator-heap.ts), unless `env` sets it already. */
function withNodeOptions(env: OperatorDeploymentProps['env'], memoryLimit: string | undefined): Record<string, unknown>[] {
  const own = env.map((e) => ({ ...e }));
  return own.some((e) => e.name === 'NODE_OPTIONS') ? own : [...own, { name: 'NODE_OPTIONS', value: operatorNodeOptions(memoryLimit) }];
}

function spreadOverNodes(matchLabels: Record<string, string>): unknown {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels } } }],
    },
  };
}

/** The container's resources; a request above its limit would be refused by the apiserver, so it is refused here first. */
function resourcesOf(name: string, r: OperatorResources): { requests?: Record<string, string>; limits?: Record<string, string> } {
  const field = (resource: 'cpu' | 'memory', kind: 'requests' | 'limits', value: string | undefined) => {
    if (value === undefined || value === '') return {};
    if (parseQuantity(value) === undefined) throw new Error(`Deployment ${name}: resources.${kind}.${resource}: expected a quantity such as "${resource === 'cpu' ? '100m' : '128Mi'}", got "${value}"`);
    return { [resource]: value };
  };
  for (const [resource, request, limit] of [['cpu', r.cpuRequest, r.cpuLimit], ['memory', r.memoryRequest, r.memoryLimit]] as const) {
    const [q, l] = [parseQuantity(request ?? ''), parseQuantity(limit ?? '')];
    if (q && l && compareQuantities(q, l) > 0) throw new Error(`Deployment ${name}: resources.requests.${resource}: ${request} is more than the limit ${limit}`);
  }
  const requests = { ...field('cpu', 'requests', r.cpuRequest), ...field('memory', 'requests', r.memoryRequest) };
  const limits = { ...field('cpu', 'limits', r.cpuLimit), ...field('memory', 'limits', r.memoryLimit) };
  return { ...(Object.keys(requests).length ? { requests } : {}), ...(Object.keys(limits).length ? { limits } : {}) };
}
