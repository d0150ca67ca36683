// The contract a cache engine fills in. Fluid asks a runtime author for Helm charts plus ~30 Go methods; most exist
// only because Helm output is opaque. Here an engine is data plus a few pure functions: `check` for the rules Fluid
// enforces in code, `build` that adds the engine's constructs, and what the generic code cannot know (its CRD, the
// RBAC its objects need, its cache per node, its status extras). The generic code does everything else: the
// PV/PVC, ordering, status, scaling, deletion; `synth` and the operator run every engine the same way.
import type { Construct } from 'constructs';
import type { z } from 'zod';
import type { FieldError } from '../../crds/field-error';
import type { KindDefinition } from '../../crds/schema/kinds';
import type { ExtraMetadata } from '../components/dataset-volume';
import type { DatasetRef } from '../object-names';
import type { Permission } from '../operator/permission';
import type { EngineOperations } from '../operations/operation-contract';
import type { CacheClient } from './cache-client';
import type { CacheQuota } from './cache-quota';
import type { EngineSettings, ObservedCluster, PodSummary, RenderInput } from './render-input';
import type { SecretReference } from './secret-reference';

export type { CacheRuntimeClassObject, EngineSettings, FluidObject, ObservedCluster, ObservedPod, PodSummary, RenderInput } from './render-input';

/**
 * The shape of the runtime's status: `flat` is Fluid's RuntimeStatus (masterPhase, workerNumberReady ...);
 * `per-component` is Fluid's CacheRuntimeStatus (a block per component, and the runtime's config ConfigMap as
 * valueFile).
 */
export type RuntimeStatusForm =
  | { readonly form: 'flat' }
  | { readonly form: 'per-component'; readonly valueFile: (runtimeName: string) => string };

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
    /**
     * Extra PV and PVC metadata the engine insists on, in place of what the runtime's data.fluid.io/metadataList
     * annotation would give (Vineyard's PV is always published by symlink). @default - the runtime's annotation
     */
    readonly metadata?: { readonly pv?: ExtraMetadata; readonly pvc?: ExtraMetadata };
    /**
     * CSI attributes of an engine that writes its own PV (EFC): these beside fluid_path, mount_type, runtime_namespace
     * and runtime_name, in place of the generic mount_pod_node_selector_key, skip-check target and publish method.
     * @default - the generic attributes
     */
    readonly attributes?: Record<string, string>;
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
  /**
   * The runtime type in the cache-node label keys (fluid.io/s-<type>-*, fluid.io/s-h-<type>-*) where Fluid's engine
   * labels with another name than `runtimeType` (Jindo: its engine implementation). @default - runtimeType
   */
  readonly nodeLabelType?: string;
  /** Which cluster-scoped object the runtime names and the caller must resolve. @default - none */
  readonly references?: { readonly kind: 'ThinRuntimeProfile' | 'CacheRuntimeClass'; readonly field: string };
  /**
   * Spec schema for a kind outside Fluid's API (a runtime written outside this repository); Fluid's kinds are
   * validated by crds/schema. @default - the kind is one of crds/schema/kinds.ts
   */
  readonly specSchema?: z.ZodType<Spec>;
  /** Whether the engine serves `dataset://` mounts, another Dataset's volume (Fluid's reference datasets). @default false */
  readonly servesDatasetMounts?: boolean;
  /** Rules Fluid enforces in code rather than in its schema (mount schemes, option pairs ...). */
  check(input: RenderInput<Spec>): readonly EngineError[];
  /** Adds the engine's constructs (master, workers, fuse, config) to `scope`. */
  build(scope: Construct, input: RenderInput<Spec>): BuiltRuntime;
  /** DataLoad, DataMigrate and DataBackup as this engine runs them; DataProcess needs nothing from it. @default - none */
  readonly operations?: EngineOperations;
  /**
   * The runtime kind's CRD: plural, scope, short names, printer columns, scale subresource. Fluid's kinds take theirs
   * from crds/schema/kinds.ts. @default - for a kind outside Fluid's API: `<kind lowercased>s`, namespaced, a status
   * subresource, the spec from `specSchema` and Fluid's RuntimeStatus
   */
  readonly definition?: KindDefinition;
  /**
   * API permissions the operator needs for objects only this engine renders (Roles, pods/exec ...), beyond the
   * workloads, ConfigMaps, Services, volumes and Jobs every engine may render. @default - none
   */
  readonly permissions?: readonly Permission[];
  /**
   * The fields that name each Secret the engine's pods mount, for a clear error when one is missing. @default -
   * every Secret the rendered objects reference, at the `secretKeyRef` and `secret` fields of the runtime and
   * Dataset that name it (secret-reference.ts)
   */
  secrets?(input: RenderInput<Spec>, mounted: ReadonlySet<string>): readonly SecretReference[];
  /**
   * The host ports this runtime needs allocated (its components run on the host network), by name; the operator
   * allocates each from its range once, records it on the runtime, and passes them back as `input.ports`.
   * @default - none
   */
  hostPorts?(input: RenderInput<Spec>): readonly string[];
  /** Cache each worker node holds, for Fluid's fluid.io/s-h-* node labels. @default - none (no quota labels) */
  cacheQuota?(spec: Spec): CacheQuota;
  /** @default { form: 'flat' } */
  readonly status?: RuntimeStatusForm;
  /** Status fields beside the components' (ThinRuntime reports its mounts). @default - none */
  statusExtras?(input: RenderInput<Spec>): Record<string, unknown>;
  /**
   * What the engine renders from its running pods (CacheRuntime: each component's pods in runtime.json); given the
   * pods of the runtime's namespace. @default - nothing observed
   */
  observe?(pods: readonly PodSummary[], runtimeName: string): ObservedCluster;
  /**
   * How the operator's cache sync talks to the running cache once the runtime is bound: cache figures, UFS totals,
   * the HCFS endpoint, UFS mounts (cache-client.ts). The operator then holds `create` on pods/exec.
   * @default - no cache figures; the Dataset's cache columns stay blank
   */
  readonly cache?: CacheClient<Spec>;
  /**
   * Objects the engine needs once per cluster, whatever runtimes exist (EFC: its session manager DaemonSet and
   * namespace), added to `scope`, a Chart without a namespace: each object names its own. `fluid-cdk8s install`
   * prints them beside the operator, so they are in the user's manifests; the operator never creates them. Throws,
   * naming the variable, on settings it cannot use. @default - none
   */
  installObjects?(scope: Construct, settings: EngineSettings): void;
}

/** The dataset identity the naming rules need. */
export function datasetRefOf(input: RenderInput<unknown>): DatasetRef {
  const meta = input.dataset.metadata;
  return { namespace: meta.namespace ?? 'default', name: meta.name, uid: meta.uid };
}
