// What the plugins know about one Dataset a pod mounts: Fluid's RuntimeInfo, reduced to the facts the plugins read.
// Built from the cluster (the operator's caches) by the webhook, and from files by `synth --mutate`
// (dataset-uses.ts), so both mutate a pod the same way.
import type { NodeAffinity } from '../operator/reconcilers/cache-affinity';
import type { Container, Volume } from './pod';

/** The fuse as the engine's FuseDaemonSet construct renders it: what the sidecar copies. */
export interface FuseTemplate {
  /** The DaemonSet's first container, the fuse itself. */
  readonly container: Container;
  /** The DaemonSet's volumes that container mounts. */
  readonly volumes: readonly Volume[];
  /** Where the fuse mounts the data on the host (the PV's CSI attribute fluid_path). */
  readonly hostMountPath: string;
  /** The PV's CSI attribute fluid_sub_path. @default - none */
  readonly subPath?: string;
}

export interface DatasetUse {
  /** The PVC the pod's volume names; Fluid names it after the Dataset. */
  readonly claimName: string;
  /** The Dataset (and the runtime of the same name) behind the PVC. */
  readonly namespace: string;
  readonly name: string;
  /** Fluid's runtime type: alluxio, jindo, juicefs, thin, cache ... */
  readonly runtimeType: string;
  /** fluid.io/s-<ns>-<name>: the label of nodes holding the cache (Fluid's GetCommonLabelName). */
  readonly cacheNodeLabel: string;
  /** fluid.io/f-<ns>-<name>: the label of nodes running the fuse (Fluid's GetFuseLabelName). */
  readonly fuseNodeLabel: string;
  /** The runtime's `spec.fuse.nodeSelector`. @default - none */
  readonly fuseNodeSelector?: Readonly<Record<string, string>>;
  /** The runtime's `status.cacheAffinity`. @default - none yet */
  readonly cacheAffinity?: NodeAffinity;
  /** The fuse to inject as a sidecar; absent when the engine runs no fuse. */
  readonly fuse?: FuseTemplate;
}

/** The uses sorted by PVC name: Fluid walks its runtime-info map in that order (utils.OrderedKeys). */
export function sortedUses(uses: readonly DatasetUse[]): DatasetUse[] {
  return [...uses].sort((a, b) => (a.claimName < b.claimName ? -1 : a.claimName > b.claimName ? 1 : 0));
}
