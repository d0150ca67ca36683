// The Dataset reconciler's decisions (pkg/controllers/v1alpha1/dataset/dataset_controller.go): our finalizer,
// NotBound on creation, and deletion held while pods still use the dataset's PVC. The runtime, which the Dataset
// owns, is garbage-collected afterwards and tears itself down.
import { persistentVolumeClaimName } from '../../constructs/object-names';
import type { ClusterView, ObservedObject } from './cluster-view';
import { notBoundDatasetStatus } from './dataset-status';
import { datasetStatusWrite } from './runtime-observations';
import { DONE, keyOf, Plan, PlannedEvent, regardingOf, requeueAfter } from './plan';
import { DATASET_ID_LABEL, datasetIdOf } from './runtime-metadata';
import { Condition, findCondition, kubeTime, removeCondition, setCondition } from './conditions';
import { datasetSpecErrors } from './dataset-checks';
import { VALIDATED } from './runtime-status';
import { formatErrors, objectRefOf } from '../../crds/validate';

export const DATASET_FINALIZER = 'fluid-dataset-controller-finalizer';
/** Fluid looks again after 10 s while pods hold the dataset (ErrorDeleteDataset). */
const IN_USE_POLL_MS = 10_000;

/** Pods that mount the claim and have not finished: they still read the data. */
export function podsUsingClaim(view: ClusterView, namespace: string, claim: string): ObservedObject[] {
  return view
    .list('Pod', namespace)
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .filter((p) => ((p.spec?.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[]).some((v) => v.persistentVolumeClaim?.claimName === claim));
}

function deletionPlan(dataset: ObservedObject, view: ClusterView): Plan {
  const finalizers = dataset.metadata.finalizers ?? [];
  if (!finalizers.includes(DATASET_FINALIZER)) return { writes: [], events: [], outcome: DONE };
  const ns = dataset.metadata.namespace ?? 'default';
  const claim = persistentVolumeClaimName({ namespace: ns, name: dataset.metadata.name });
  const pvc = view.get('PersistentVolumeClaim', claim, ns);
  const users = pvc?.metadata.annotations?.CreatedBy === 'fluid' ? podsUsingClaim(view, ns, claim) : [];
  if (users.length) {
    const names = users.map((p) => p.metadata.name).sort();
    const note = `Dataset ${ns}/${dataset.metadata.name} is still in use by pod(s) ${names.join(', ')}; it is deleted once they finish`;
    return {
      writes: [],
      events: [{ regarding: { ...keyOf(dataset), uid: dataset.metadata.uid }, type: 'Warning', reason: 'ErrorDeleteDataset', note, action: 'Delete' }],
      outcome: requeueAfter(IN_USE_POLL_MS),
    };
  }
  return {
    writes: [{ op: 'metadata', key: keyOf(dataset), resourceVersion: dataset.metadata.resourceVersion ?? '', patch: { finalizers: finalizers.filter((f) => f !== DATASET_FINALIZER) } }],
    events: [],
    outcome: DONE,
  };
}

export function planDataset(dataset: ObservedObject, view: ClusterView, now: Date = new Date()): Plan {
  if (dataset.metadata.deletionTimestamp) return deletionPlan(dataset, view);
  const finalizers = dataset.metadata.finalizers ?? [];
  if (!finalizers.includes(DATASET_FINALIZER)) {
    // The dataset-id label in the same patch: the runtime would otherwise write it in a patch of its own.
    const id = datasetIdOf(dataset);
    const labels = dataset.metadata.labels?.[DATASET_ID_LABEL] === id ? {} : { labels: { [DATASET_ID_LABEL]: id } };
    return {
      writes: [{ op: 'metadata', key: keyOf(dataset), resourceVersion: dataset.metadata.resourceVersion ?? '', patch: { finalizers: [...finalizers, DATASET_FINALIZER], ...labels } }],
      events: [],
      outcome: DONE,
    };
  }
  const problems = datasetProblems(dataset);
  const validated = findCondition<Condition>(dataset.status?.conditions, VALIDATED);
  if (!problems && !validated) {
    const write = dataset.status?.phase ? undefined : datasetStatusWrite(dataset, notBoundDatasetStatus(dataset.status));
    return { writes: write ? [write] : [], events: [], outcome: DONE };
  }
  const base = dataset.status?.phase ? dataset.status : notBoundDatasetStatus(dataset.status);
  const conditions = problems
    ? setCondition<Condition>(base.conditions as Condition[] | undefined, { type: VALIDATED, status: 'False', reason: 'InvalidSpec', message: problems, observedGeneration: dataset.metadata.generation }, kubeTime(now), 'lastUpdateTime')
    : removeCondition<Condition>(base.conditions as Condition[] | undefined, VALIDATED);
  const write = datasetStatusWrite(dataset, { ...base, conditions });
  // Fluid's event for a Dataset it refuses, recorded when the problem is new rather than on every reconcile.
  const news = problems !== undefined && validated?.message !== problems;
  const events: PlannedEvent[] = news ? [{ regarding: regardingOf(dataset), type: 'Warning', reason: 'ErrorCreateDataset', note: problems, action: 'Validate' }] : [];
  return { writes: write ? [write] : [], events, outcome: DONE };
}

/** The Dataset's problems in one message naming each field; undefined when it has none. */
export function datasetProblems(dataset: ObservedObject): string | undefined {
  const errors = datasetSpecErrors(dataset as Parameters<typeof datasetSpecErrors>[0]);
  return errors.length ? formatErrors(objectRefOf(dataset), errors).join('; ') : undefined;
}
