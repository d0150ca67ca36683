// What a finished operation records in status.nodeAffinity for the operations that follow it: the labels of the
// node its pod ran on (pkg/controllers/v1alpha1/fluidapp/dataflowaffinity and pkg/dataflow/helper.go in Fluid).
// Fluid goes through annotations on the Job; we read the same pod and Node from the snapshot the plan sees.
import type { NodeAffinity, NodeSelectorRequirement } from '../../crds/schema/k8s/core.generated';
import { HOSTNAME_LABEL } from '../../constructs/operations/flow-affinity';
import type { ClusterView, ObservedObject } from './cluster-view';

/** Always recorded when the node has them: host, region, zone (Fluid's order). */
export const RECORDED_NODE_LABELS = [HOSTNAME_LABEL, 'topology.kubernetes.io/region', 'topology.kubernetes.io/zone'] as const;

/** A pod annotation (copied from the operation's) naming more node labels to record, comma-separated. */
export const EXTRA_LABELS_ANNOTATION = 'affinity.dataflow.fluid.io/labels';

/**
 * One required term with an `In` expression per recorded label the node has, in the order they are named; none
 * of them on the node: nothing to record. A label named twice is recorded once.
 */
export function recordedNodeAffinity(nodeLabels: Record<string, string> | undefined, podAnnotations: Record<string, string> | undefined): NodeAffinity | undefined {
  const extra = (podAnnotations?.[EXTRA_LABELS_ANNOTATION] ?? '').split(',').map((l) => l.trim()).filter(Boolean);
  const names = [...new Set([...RECORDED_NODE_LABELS, ...extra])];
  const matchExpressions: NodeSelectorRequirement[] = names
    .filter((name) => nodeLabels?.[name] !== undefined)
    .map((name) => ({ key: name, operator: 'In', values: [nodeLabels![name]] }));
  return matchExpressions.length ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } : undefined;
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** The Job's pods: those its selector matches (Fluid lists them so), or that name it as owner. */
function jobPods(view: ClusterView, job: ObservedObject): readonly ObservedObject[] {
  const selector = job.spec?.selector?.matchLabels as Record<string, string> | undefined;
  const uid = job.metadata.uid;
  const owned = (p: ObservedObject) => !!uid && !!p.metadata.ownerReferences?.some((o) => o.kind === 'Job' && o.uid === uid);
  return view.list('Pod', job.metadata.namespace).filter((p) => selects(selector, p.metadata.labels) || owned(p));
}

/**
 * Where a completed Job's succeeded pod ran, as recorded affinity; undefined when that pod or its Node is no longer
 * in the view (then nothing is recorded and followers run unconstrained rather than waiting forever).
 */
export function jobNodeAffinity(view: ClusterView, job: ObservedObject): NodeAffinity | undefined {
  const pod = jobPods(view, job).find((p) => p.status?.phase === 'Succeeded');
  const nodeName = pod?.spec?.nodeName as string | undefined;
  const node = nodeName ? view.get('Node', nodeName) : undefined;
  return node ? recordedNodeAffinity(node.metadata.labels, pod!.metadata.annotations) : undefined;
}

/**
 * The Job says Complete but the view still shows none of its pods Succeeded: the Pod and Job caches are fed by
 * separate watches, so the pod's last update can arrive after the Job's. Worth waiting for, or nothing is recorded.
 */
export function jobPodsLagging(view: ClusterView, job: ObservedObject): boolean {
  const pods = jobPods(view, job);
  return pods.length > 0 && !pods.some((p) => p.status?.phase === 'Succeeded');
}
