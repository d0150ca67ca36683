// The Datasets a pod mounts, as the plugins need them (Fluid's CollectRuntimeInfosFromPVCs), read from a
// ClusterView: the operator's caches in the webhook, the objects made from files in `synth --mutate`. The fuse is
// taken from the engine's own rendering of the runtime (the FuseDaemonSet construct, through the renderer the
// operator applies), so the sidecar and the DaemonSet's container cannot drift apart.
import { commonLabelKey, fuseLabelKey } from '../constructs/object-names';
import { KubeObject, renderRuntime } from '../constructs/render-runtime';
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import type { EngineSettings, RuntimeEngine } from '../constructs/runtimes/runtime-engine';
import { cacheAffinityOf, NodeAffinity } from '../operator/reconcilers/cache-affinity';
import type { ClusterView, ObservedObject } from '../operator/reconcilers/cluster-view';
import { boundRuntimeOf } from '../operator/reconcilers/dataset-status';
import { servedRenderInput } from '../operator/reconcilers/runtime-plan';
import { runtimeSnapshot } from '../operator/reconcilers/runtime-snapshot';
import type { DatasetUse, FuseTemplate } from './dataset-use';
import { claimNamesOf, Pod } from './pod';
import { enabled, SKIP_PRECHECK } from './pod-labels';

export interface UseContext {
  readonly view: ClusterView;
  readonly registry: EngineRegistry;
  readonly settings: EngineSettings;
  readonly now: Date;
}

export type UsesResult = { readonly ok: true; readonly uses: readonly DatasetUse[] } | { readonly ok: false; readonly error: string };

/** Fluid's CheckIfPVCIsDataset: a Dataset's PVC carries the cache-node label (fluid.io/s-*) or fluid.io/managed-by. */
function isDatasetClaim(pvc: ObservedObject): boolean {
  const labels = pvc.metadata.labels ?? {};
  return Object.keys(labels).some((k) => k.startsWith('fluid.io/s-')) || 'fluid.io/managed-by' in labels;
}

/** Fluid's checkDatasetBound: a Dataset that is NotBound (or has no phase yet) cannot serve a pod. */
function unboundReason(dataset: ObservedObject): string | undefined {
  const phase = dataset.status?.phase ?? '';
  if (phase !== 'NotBound' && phase !== '') return undefined;
  const notReady = (dataset.status?.conditions as { type: string; message?: string }[] | undefined)?.find((c) => c.type === 'NotReady');
  const id = `${dataset.metadata.namespace}/${dataset.metadata.name}`;
  return notReady ? `dataset "${id}" not ready because ${notReady.message ?? ''}` : `dataset "${id}" not bound`;
}

function engineOf(ctx: UseContext, dataset: ObservedObject, namespace: string): RuntimeEngine | undefined {
  const bound = boundRuntimeOf(dataset.status);
  const candidates = ctx.registry.all().filter((e) => ctx.view.parsed(e.kind, dataset.metadata.name, namespace));
  return candidates.find((e) => e.runtimeType === bound?.type) ?? candidates[0];
}

function fuseTemplateOf(objects: readonly KubeObject[], fuseName: string | undefined): FuseTemplate | undefined {
  const ds = objects.find((o) => o.kind === 'DaemonSet' && o.metadata.name === fuseName) as any;
  const pv = objects.find((o) => o.kind === 'PersistentVolume') as any;
  const container = ds?.spec?.template?.spec?.containers?.[0];
  const attributes = pv?.spec?.csi?.volumeAttributes;
  if (!container || !attributes?.fluid_path) return undefined;
  const mounted = new Set((container.volumeMounts ?? []).map((m: { name: string }) => m.name));
  return {
    container,
    volumes: (ds.spec.template.spec.volumes ?? []).filter((v: { name: string }) => mounted.has(v.name)),
    hostMountPath: attributes.fluid_path,
    ...(attributes.fluid_sub_path ? { subPath: attributes.fluid_sub_path } : {}),
  };
}

function useOf(ctx: UseContext, claimName: string, dataset: ObservedObject, namespace: string): DatasetUse | string {
  const engine = engineOf(ctx, dataset, namespace);
  const id = `${namespace}/${dataset.metadata.name}`;
  if (!engine) return `dataset "${id}" has no runtime`;
  const snapshot = runtimeSnapshot(ctx.view, ctx.registry, { kind: engine.kind, namespace, name: dataset.metadata.name }, ctx.settings, ctx.now);
  const input = snapshot && servedRenderInput(snapshot);
  if (!snapshot || !input) return `the ${engine.kind} of dataset "${id}" does not resolve; see its status`;
  const { objects, built } = renderRuntime(engine, input);
  const workers = built.workers && objects.find((o) => o.kind === built.workers!.kind && o.metadata.name === built.workers!.name);
  const ref = { namespace, name: dataset.metadata.name, uid: dataset.metadata.uid };
  const cacheAffinity: NodeAffinity | undefined = snapshot.runtime.raw.status?.cacheAffinity ?? (workers ? cacheAffinityOf(workers as never) : undefined);
  const fuse = fuseTemplateOf(objects, built.fuse?.name);
  return {
    claimName,
    namespace,
    name: dataset.metadata.name,
    runtimeType: engine.runtimeType,
    cacheNodeLabel: commonLabelKey(ref),
    fuseNodeLabel: fuseLabelKey(ref),
    ...(built.volume?.fuseNodeSelector ? { fuseNodeSelector: built.volume.fuseNodeSelector } : {}),
    ...(cacheAffinity ? { cacheAffinity } : {}),
    ...(fuse ? { fuse } : {}),
  };
}

/** The Datasets behind the pod's PVCs, in PVC order; PVCs that are not a Dataset's are left out, as in Fluid. */
export function datasetUsesOf(pod: Pod, namespace: string, ctx: UseContext): UsesResult {
  const uses: DatasetUse[] = [];
  for (const claimName of claimNamesOf(pod)) {
    const pvc = ctx.view.get('PersistentVolumeClaim', claimName, namespace);
    if (!pvc || !isDatasetClaim(pvc)) continue;
    const datasetName = pvc.metadata.labels?.['fluid.io/managed-by'] ?? claimName;
    const dataset = ctx.view.get('Dataset', datasetName, namespace);
    if (!dataset) return { ok: false, error: `spec.volumes: the PVC ${claimName} belongs to dataset "${namespace}/${datasetName}", which does not exist` };
    if (!enabled(pod.metadata.annotations, SKIP_PRECHECK)) {
      const reason = unboundReason(dataset);
      if (reason) return { ok: false, error: `spec.volumes: the PVC ${claimName}: ${reason} (annotation ${SKIP_PRECHECK}: "true" admits the pod anyway)` };
    }
    const use = useOf(ctx, claimName, dataset, namespace);
    if (typeof use === 'string') return { ok: false, error: `spec.volumes: the PVC ${claimName}: ${use}` };
    uses.push(use);
  }
  return { ok: true, uses };
}
