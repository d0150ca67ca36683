// The fuse generation the dataset's PVC records (label fuse.runtime.fluid.io/generation), which Fluid's CSI plugin
// compares with the running fuse's for the OnFuseChanged clean policy (pkg/csi/plugins/nodeserver.go). Fluid writes
// it when it creates the PVC, for any runtime whose fuse DaemonSet exists with exactly one container, as that
// DaemonSet's metadata.generation (pkg/utils/dataset/volume/create.go CreatePersistentVolumeClaimForRuntime), and
// never rewrites it for the generic case. So: what an existing PVC records, else the DaemonSet's generation now.
// (JuiceFS also raises it when its fuse image changes, pkg/ddc/juicefs/sync_runtime.go; we do not sync that.)
import type { KubeObject } from '../../constructs/render-runtime';
import type { WorkloadRef } from '../../constructs/runtimes/runtime-engine';
import { DatasetRef, persistentVolumeClaimName } from '../../constructs/object-names';
import { FUSE_GENERATION_LABEL } from '../../csi/fuse-generation';
import type { ClusterView } from './cluster-view';

export type RecordedGeneration = { readonly pvcExists: true; readonly generation?: number } | { readonly pvcExists: false };

/** What the dataset's PVC records, if the PVC exists; a value that is not a whole number counts as none. */
export function pvcFuseGeneration(view: ClusterView, ds: DatasetRef): RecordedGeneration {
  const pvc = view.get('PersistentVolumeClaim', persistentVolumeClaimName(ds), ds.namespace);
  if (!pvc) return { pvcExists: false };
  const value = pvc.metadata.labels?.[FUSE_GENERATION_LABEL];
  return value !== undefined && /^\d+$/.test(value) ? { pvcExists: true, generation: Number(value) } : { pvcExists: true };
}

/**
 * The generation a PVC about to be created records: the fuse DaemonSet's now, or, while it does not exist yet, 1, the
 * generation it is created with (so `synth`, which pictures the cluster as set up, prints the label the operator
 * writes). None unless the fuse is a DaemonSet with exactly one container, Fluid's condition.
 */
export function fuseGenerationForNewPvc(view: ClusterView, namespace: string, fuse: WorkloadRef | undefined, rendered: readonly KubeObject[]): number | undefined {
  if (fuse?.kind !== 'DaemonSet') return undefined;
  const live = view.get('DaemonSet', fuse.name, namespace);
  const ds = (live ?? rendered.find((o) => o.kind === 'DaemonSet' && o.metadata.name === fuse.name)) as { spec?: { template?: { spec?: { containers?: unknown[] } } } } | undefined;
  if (ds?.spec?.template?.spec?.containers?.length !== 1) return undefined;
  if (!live) return 1;
  return typeof live.metadata.generation === 'number' ? live.metadata.generation : undefined;
}
