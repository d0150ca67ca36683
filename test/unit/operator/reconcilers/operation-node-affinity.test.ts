// What a finished operation records about where its pod ran: from the Node's labels, and which pod counts.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { ObservedObject, StaticClusterView } from '../../../../operator/reconcilers/cluster-view';
import { jobNodeAffinity, recordedNodeAffinity } from '../../../../operator/reconcilers/operation-node-affinity';

const LABELS = {
  'kubernetes.io/hostname': 'node-3',
  'topology.kubernetes.io/zone': 'zone-b',
  'topology.kubernetes.io/region': 'east',
  'kubernetes.io/os': 'linux',
  rack: 'r7',
};
const term = (...pairs: [string, string][]) => ({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: pairs.map(([key, v]) => ({ key, operator: 'In', values: [v] })) }] } });

describe('recordedNodeAffinity', () => {
  it('records host, region and zone, and no other label by default', () => {
    expect(recordedNodeAffinity(LABELS, undefined)).toEqual(term(['kubernetes.io/hostname', 'node-3'], ['topology.kubernetes.io/region', 'east'], ['topology.kubernetes.io/zone', 'zone-b']));
  });

  it('adds the labels the pod annotation names (spaces trimmed, repeats once, missing ones skipped)', () => {
    const got = recordedNodeAffinity(LABELS, { 'affinity.dataflow.fluid.io/labels': ' rack, kubernetes.io/hostname,absent ,' });
    expect(got).toEqual(term(['kubernetes.io/hostname', 'node-3'], ['topology.kubernetes.io/region', 'east'], ['topology.kubernetes.io/zone', 'zone-b'], ['rack', 'r7']));
  });

  it('records only the labels the node has, and nothing when it has none of them', () => {
    expect(recordedNodeAffinity({ 'kubernetes.io/hostname': 'kwok-node-1', type: 'kwok' }, undefined)).toEqual(term(['kubernetes.io/hostname', 'kwok-node-1']));
    expect(recordedNodeAffinity({ type: 'kwok' }, undefined)).toBeUndefined();
  });
});

describe('jobNodeAffinity', () => {
  const selector = { 'batch.kubernetes.io/controller-uid': 'job-uid' };
  const job: ObservedObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'warm-loader-job', namespace: 'ns' }, spec: { selector: { matchLabels: selector } } };
  const pod = (name: string, phase: string, nodeName: string, labels: Record<string, string> = selector): ObservedObject => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ns', labels }, spec: { nodeName }, status: { phase },
  });
  const node = (name: string): ObservedObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } } });
  const view = (objects: ObservedObject[]) => new StaticClusterView(objects, builtinEngines());

  it('follows the Job\'s succeeded pod to its Node, not a failed attempt nor another Job\'s pod', () => {
    const objects = [job, pod('failed', 'Failed', 'n1'), pod('other', 'Succeeded', 'n2', { 'batch.kubernetes.io/controller-uid': 'x' }), pod('ok', 'Succeeded', 'n3'), node('n1'), node('n2'), node('n3')];
    expect(jobNodeAffinity(view(objects), job)).toEqual(term(['kubernetes.io/hostname', 'n3']));
  });

  it('finds the pod by its owner when the Job shows no selector', () => {
    const bare: ObservedObject = { ...job, metadata: { ...job.metadata, uid: 'job-uid' }, spec: {} };
    const owned: ObservedObject = { ...pod('ok', 'Succeeded', 'n3', {}), metadata: { name: 'ok', namespace: 'ns', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'warm-loader-job', uid: 'job-uid' }] } };
    expect(jobNodeAffinity(view([bare, pod('stray', 'Succeeded', 'n2', {}), owned, node('n2'), node('n3')]), bare)).toEqual(term(['kubernetes.io/hostname', 'n3']));
  });

  it('records nothing when the pod or its Node is gone', () => {
    expect(jobNodeAffinity(view([job, node('n3')]), job)).toBeUndefined();
    expect(jobNodeAffinity(view([job, pod('ok', 'Succeeded', 'n3')]), job)).toBeUndefined();
  });
});
