// What an engine renders from: the runtime, its Dataset, the profile or class it names, the controller's settings
// and what the operator observed. Shared by the engine contract and the data-operation contract.
import type { CacheRuntimeClassFields } from '../../crds/schema/cache-runtime-class';
import type { DatasetSpec } from '../../crds/schema/dataset';
import type { ThinRuntimeProfileSpec } from '../../crds/schema/thin-runtime-profile';

/** A data.fluid.io object after validation: spec typed, defaults applied. */
export interface FluidObject<Spec> {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly spec: Spec;
}

/** A cluster-scoped CacheRuntimeClass: its fields are top-level. */
export type CacheRuntimeClassObject = Omit<FluidObject<never>, 'spec'> & CacheRuntimeClassFields;

/**
 * Settings of the controllers, named as Fluid names them so Fluid users know the knobs: `MOUNT_ROOT` and the image
 * variables (ALLUXIO_RUNTIME_IMAGE_ENV, JINDO_SMARTDATA_IMAGE_ENV, ...). Engines fall back to Fluid's chart defaults.
 */
export interface EngineSettings {
  /** Host folder under which every fuse mounts. */
  readonly mountRoot: string;
  /** Controller environment: image overrides and feature switches, by Fluid's variable names. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A pod of a component as the cluster reports it (used for CacheRuntime's topology). */
export interface ObservedPod {
  readonly podName: string;
  readonly podIP: string;
}

/** A pod as an engine's `observe` sees it. */
export interface PodSummary {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Empty until the pod has an address. */
  readonly podIP: string;
  readonly deleting: boolean;
  /** status.phase (Pending, Running, ...); '' when not reported. */
  readonly phase?: string;
  /** The controller that made the pod (a StatefulSet's or DaemonSet's name); undefined for a bare pod. */
  readonly controller?: { readonly kind: string; readonly name: string };
  /** When each running container last started, by container name (an engine remounts after a master restart). */
  readonly containersStartedAt?: Readonly<Record<string, string>>;
}

/** What the operator has seen in the cluster; empty when rendering from files. */
export interface ObservedCluster {
  /** Pods of each component, by component name (master, worker, client). */
  readonly componentPods?: Readonly<Record<string, readonly ObservedPod[]>>;
  /** metadata.generation of the fuse DaemonSet, recorded on the PVC. */
  readonly fuseGeneration?: number;
}

export interface RenderInput<Spec> {
  readonly runtime: FluidObject<Spec>;
  readonly dataset: FluidObject<DatasetSpec>;
  /** The ThinRuntimeProfile a ThinRuntime names, resolved by the caller. */
  readonly profile?: FluidObject<ThinRuntimeProfileSpec>;
  /** The CacheRuntimeClass a CacheRuntime names, resolved by the caller. */
  readonly runtimeClass?: CacheRuntimeClassObject;
  readonly settings: EngineSettings;
  readonly observed: ObservedCluster;
  /**
   * Host ports the operator allocated for this runtime, by the names the engine's `hostPorts` asks for. @default -
   * none: a rendering from files uses the engines' default ports
   */
  readonly ports?: Readonly<Record<string, number>>;
}
