// Tearing a runtime down in Fluid's order (pkg/ddc/base/runtime_controller ReconcileRuntimeDeletion, shutdown.go):
// the PVC, then the PV, then the node labels and the objects we created, then our finalizer. The Dataset is left
// in place, reset to NotBound; nothing a user created is touched.
import { datasetId, DatasetRef, persistentVolumeClaimName, persistentVolumeName } from '../../constructs/object-names';
import { NO_CACHE } from '../../constructs/runtimes/cache-quota';
import type { ClusterView, ObservedObject } from './cluster-view';
import { boundRuntimeOf, notBoundDatasetStatus } from './dataset-status';
import { ownedObjectDeletes } from './desired-objects';
import { fuseLabelRemovals } from './fuse-label-cleanup';
import { nodeLabelChanges } from './node-labels';
import { DONE, keyOf, Plan, requeueAfter, Write } from './plan';
import { finalizerOf } from './runtime-metadata';
import { datasetStatusWrite } from './runtime-observations';
import type { RuntimeSnapshot } from './runtime-snapshot';
/** Volume deletion is waited on: the PVC stays while pods use it, and the PV must go after it. */
const VOLUME_POLL_MS = 2_000;

function isFluidVolume(obj: ObservedObject | undefined): obj is ObservedObject {
  return obj?.metadata.annotations?.CreatedBy === 'fluid';
}

function volumeWrites(view: ClusterView, ds: DatasetRef): { writes: Write[]; pending: boolean } {
  const pvc = view.get('PersistentVolumeClaim', persistentVolumeClaimName(ds), ds.namespace);
  if (isFluidVolume(pvc)) return { writes: pvc.metadata.deletionTimestamp ? [] : [{ op: 'delete', key: keyOf(pvc) }], pending: true };
  const pv = view.get('PersistentVolume', persistentVolumeName(ds));
  if (isFluidVolume(pv)) return { writes: pv.metadata.deletionTimestamp ? [] : [{ op: 'delete', key: keyOf(pv) }], pending: true };
  return { writes: [], pending: false };
}

function datasetUid(runtime: ObservedObject, dataset: ObservedObject | undefined): string | undefined {
  return dataset?.metadata.uid ?? runtime.metadata.ownerReferences?.find((o) => o.kind === 'Dataset')?.uid;
}

export function planRuntimeDeletion(s: RuntimeSnapshot): Plan {
  const { engine, view } = s;
  const runtime = s.runtime.raw;
  const dataset = s.dataset?.raw;
  const finalizer = finalizerOf(engine);
  const finalizers = runtime.metadata.finalizers ?? [];
  if (!finalizers.includes(finalizer)) return { writes: [], events: [], outcome: DONE };
  const ds: DatasetRef = { namespace: runtime.metadata.namespace ?? 'default', name: runtime.metadata.name, uid: datasetUid(runtime, dataset) };

  const volumes = volumeWrites(view, ds);
  if (volumes.pending) return { writes: volumes.writes, events: [], outcome: requeueAfter(VOLUME_POLL_MS) };

  const labels = nodeLabelChanges({
    runtimeType: engine.nodeLabelType ?? engine.runtimeType,
    dataset: ds,
    datasetId: datasetId(ds),
    placement: 'Exclusive',
    quota: NO_CACHE,
    nodes: view.list('Node'),
    workerPods: view.list('Pod').filter((p) => p.metadata.labels?.['fluid.io/dataset'] !== undefined),
    keep: false,
  });
  for (const [node, removal] of fuseLabelRemovals(view.list('Node'), ds)) labels.set(node, { ...labels.get(node), ...removal });
  const writes: Write[] = [...[...labels].map(([node, l]) => ({ op: 'node-labels' as const, node, labels: l })), ...ownedObjectDeletes(view, runtime)];
  const bound = boundRuntimeOf(dataset?.status);
  if (dataset && bound?.name === runtime.metadata.name && bound.namespace === runtime.metadata.namespace) {
    const reset = datasetStatusWrite(dataset, notBoundDatasetStatus(dataset.status));
    if (reset) writes.push(reset);
  }
  writes.push({ op: 'metadata', key: keyOf(runtime), resourceVersion: runtime.metadata.resourceVersion ?? '', patch: { finalizers: finalizers.filter((f) => f !== finalizer) } });
  return { writes, events: [], outcome: DONE };
}
