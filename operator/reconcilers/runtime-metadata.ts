// The metadata a runtime needs before setup (pkg/controllers/runtime_controller.go): our finalizer, an owner
// reference to its Dataset (so deleting the Dataset garbage-collects the runtime) and the fluid.io/dataset-id label
// on both. Each is written only when missing, under the object's resourceVersion. The Dataset's label comes with
// the Dataset's finalizer, in the Dataset controller's one patch (dataset-plan.ts); the runtime writes it only on a
// Dataset that has the finalizer and still lacks the label (one labelled by an older version, or by hand).
import { datasetId } from '../../constructs/object-names';
import type { ObservedObject } from './cluster-view';
import { keyOf, OwnerRef, Write } from './plan';

export const DATASET_ID_LABEL = 'fluid.io/dataset-id';

/** Fluid's finalizer name per engine, e.g. alluxio-runtime-controller-finalizer. */
export function finalizerOf(engine: { runtimeType: string }): string {
  return `${engine.runtimeType}-runtime-controller-finalizer`;
}

function datasetOwner(dataset: ObservedObject): OwnerRef {
  return { apiVersion: dataset.apiVersion, kind: 'Dataset', name: dataset.metadata.name, uid: dataset.metadata.uid ?? '' };
}

/** The fluid.io/dataset-id label value of a Dataset. */
export function datasetIdOf(dataset: ObservedObject): string {
  return datasetId({ namespace: dataset.metadata.namespace ?? 'default', name: dataset.metadata.name, uid: dataset.metadata.uid });
}

/**
 * `annotations`: ones the runtime must carry too (its host ports), written with the rest. `datasetClaimed`: the
 * Dataset controller has added its finalizer, and with it the label; until then the label is its job.
 */
export function metadataWrites(runtime: ObservedObject, dataset: ObservedObject, finalizer: string, annotations: Record<string, string> = {}, datasetClaimed = true): Write[] {
  const id = datasetIdOf(dataset);
  const writes: Write[] = [];
  const finalizers = runtime.metadata.finalizers ?? [];
  const owners = runtime.metadata.ownerReferences ?? [];
  const patch: { finalizers?: string[]; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: OwnerRef[] } = {};
  const missingAnnotations = Object.entries(annotations).filter(([k, v]) => runtime.metadata.annotations?.[k] !== v);
  if (missingAnnotations.length) patch.annotations = Object.fromEntries(missingAnnotations);
  if (!finalizers.includes(finalizer)) patch.finalizers = [...finalizers, finalizer];
  if (!owners.some((o) => o.uid === dataset.metadata.uid)) patch.ownerReferences = [...owners, datasetOwner(dataset)];
  if (runtime.metadata.labels?.[DATASET_ID_LABEL] !== id) patch.labels = { [DATASET_ID_LABEL]: id };
  if (Object.keys(patch).length) writes.push({ op: 'metadata', key: keyOf(runtime), resourceVersion: runtime.metadata.resourceVersion ?? '', patch });
  if (datasetClaimed && dataset.metadata.labels?.[DATASET_ID_LABEL] !== id) {
    writes.push({ op: 'metadata', key: keyOf(dataset), resourceVersion: dataset.metadata.resourceVersion ?? '', patch: { labels: { [DATASET_ID_LABEL]: id } } });
  }
  return writes;
}
