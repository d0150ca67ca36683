// The contract a cache engine fills in. Fluid asks a runtime author for Helm charts plus ~30 Go methods; most exist
// only because Helm output is opaque. Here an engine is data plus two pure functions: `check` for the rules Fluid
// enforces in code, and `build` that adds the engine's constructs. The generic code does everything else: the
// PV/PVC, ordering, status, scaling, deletion.
import type { Construct } from 'constructs';
import type { z } from 'zod';
import type { FieldError } from '../../crds/field-error';
import type { CacheRuntimeClassFields } from '../../crds/schema/cache-runtime-class';
import type { DatasetSpec } from '../../crds/schema/dataset';
import type { ThinRuntimeProfileSpec } from '../../crds/schema/thin-runtime-profile';
import type { DatasetRef } from '../object-names';
import type { EngineOperations } from '../operations/operation-contract';

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
}

export type WorkloadKind = 'StatefulSet' | 'DaemonSet' | 'Deployment';

/** A workload the engine created, so the generic reconciler can read its readiness. */
export interface WorkloadRef {
  readonly kind: WorkloadKind;
  readonly name: string;
  /** Desired replicas (DaemonSets: unknown until scheduled). */
  readonly replicas?: number;
}

export interface BuiltRuntime {
  readonly master?: WorkloadRef;
  readonly workers?: WorkloadRef;
  readonly fuse?: WorkloadRef;
  /** How the dataset's PV reaches the data; undefined when the engine makes no volume. */
  readonly volume?: {
    /** Host path where the fuse mounts the data. */
    readonly fluidPath: string;
    /** Mount type the CSI plugin checks. */
    readonly mountType: string;
    /** The user's fuse node selector; becomes the PV's node affinity. */
    readonly fuseNodeSelector?: Record<string, string>;
  };
  /** Label selector of the worker pods (status.selector, used by the scale subresource). */
  readonly statusSelector?: string;
}

/** An error about one object, from an engine's own checks. */
export interface EngineError extends FieldError {
  /** Which object the path is in. */
  readonly object: 'runtime' | 'dataset' | 'profile' | 'runtimeClass';
}

export interface RuntimeEngine<Spec = any> {
  /** The runtime kind this engine serves, e.g. AlluxioRuntime. */
  readonly kind: string;
  /** Fluid's runtime type: node-label infix, mount folder, status.runtimes[].type (alluxio, jindo, ...). */
  readonly runtimeType: string;
  /** Which cluster-scoped object the runtime names and the caller must resolve. @default - none */
  readonly references?: { readonly kind: 'ThinRuntimeProfile' | 'CacheRuntimeClass'; readonly field: string };
  /**
   * Spec schema for a kind outside Fluid's API (a runtime written outside this repository); Fluid's kinds are
   * validated by crds/schema. @default - the kind is one of crds/schema/kinds.ts
   */
  readonly specSchema?: z.ZodType<Spec>;
  /** Rules Fluid enforces in code rather than in its schema (mount schemes, option pairs ...). */
  check(input: RenderInput<Spec>): readonly EngineError[];
  /** Adds the engine's constructs (master, workers, fuse, config) to `scope`. */
  build(scope: Construct, input: RenderInput<Spec>): BuiltRuntime;
  /** DataLoad, DataMigrate and DataBackup as this engine runs them; DataProcess needs nothing from it. @default - none */
  readonly operations?: EngineOperations;
}

/** The dataset identity the naming rules need. */
export function datasetRefOf(input: RenderInput<unknown>): DatasetRef {
  const meta = input.dataset.metadata;
  return { namespace: meta.namespace ?? 'default', name: meta.name, uid: meta.uid };
}
