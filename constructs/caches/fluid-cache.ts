// What every per-kind cache construct (AlluxioCache, JindoCache, ...) shares: a Dataset and the runtime that serves
// it, checked at construction by the operator's own parser and engine checks, emitted as custom resources for an
// operator in the cluster and/or as the objects the operator creates for them. The objects come from `synthesize`,
// the function behind `fluid-cdk8s synth`, so a chart shows exactly what the operator applies.
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { API_VERSION } from '../../crds/schema/kinds';
import { SpecError } from '../../crds/spec-error';
import { toJson_DatasetSpec, type DatasetSpec } from '../../imports/datasets';
import { synthesize } from '../../operator/reconcilers/synthesize';
import { DEFAULT_MOUNT_ROOT } from '../object-names';
import type { KubeObject } from '../kube-object';
import { parseFluidObject } from '../parse-fluid-object';
import { builtinEngines } from '../runtimes/builtin-engines';

/** What a cache construct adds to the chart. */
export enum CacheOutput {
  /**
   * The Dataset and the runtime (and nothing else): what you apply to a cluster where the fluid-cdk8s operator (or
   * Fluid) runs; it creates the cache's objects, binds the Dataset and keeps its status.
   */
  CUSTOM_RESOURCES = 'custom-resources',
  /**
   * The objects the operator creates for them (ConfigMaps, master and worker StatefulSets, fuse DaemonSet, PV and
   * PVC), for a review or a cluster without the operator. Without owner references: only a cluster assigns the
   * runtime's UID, and a reference to a UID that does not exist gets an object garbage-collected.
   */
  OBJECTS = 'objects',
  /** Both: the custom resources and the objects. The operator adopts the objects (they carry its owner annotation). */
  ALL = 'all',
}

/** Labels and annotations of an object the construct emits. */
export interface ObjectMetadataProps {
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** Fluid reads some (`data.fluid.io/metadataList`, `pvc.fluid.io/resources.requests.storage`). @default - none */
  readonly annotations?: Record<string, string>;
}

/**
 * The controller settings the rendered objects depend on, by the names the operator takes them under (its
 * environment). Only `CacheOutput.OBJECTS` and `ALL` use them; give the values your operator runs with.
 */
export interface CacheSettings {
  /** Host folder under which every fuse mounts (`MOUNT_ROOT`). @default "/runtime-mnt" */
  readonly mountRoot?: string;
  /** Image overrides and feature switches by Fluid's variable names (ALLUXIO_RUNTIME_IMAGE_ENV, ...). @default - none */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface FluidCacheProps {
  /**
   * Name of the Dataset and of its runtime: a runtime serves the Dataset of its own namespace and name.
   * @default - the construct's id
   */
  readonly name?: string;
  /** @default - the chart's namespace, else "default" */
  readonly namespace?: string;
  /** The Dataset: where the data lives (`mounts`), access modes, placement, owner ... */
  readonly dataset: DatasetSpec;
  /** @default - none */
  readonly datasetMetadata?: ObjectMetadataProps;
  /** @default - none */
  readonly runtimeMetadata?: ObjectMetadataProps;
  /** @default CacheOutput.CUSTOM_RESOURCES */
  readonly output?: CacheOutput;
  /** @default - the operator's defaults: mount root "/runtime-mnt", Fluid's chart images */
  readonly settings?: CacheSettings;
}

/** The runtime half, as each per-kind construct hands it over. */
export interface RuntimeManifest {
  readonly kind: string;
  /** The spec as JSON (the imports' toJson_<Kind>Spec output). */
  readonly spec: Record<string, unknown> | undefined;
  /** The cluster-scoped object the runtime names (ThinRuntimeProfile, CacheRuntimeClass), when the chart has it. */
  readonly referenced?: ApiObject;
  /** The field naming it, for the error when rendering needs it and it is missing. */
  readonly referenceField?: string;
}

function manifest(kind: string, name: string, namespace: string, meta: ObjectMetadataProps | undefined, spec: unknown): KubeObject {
  return { apiVersion: API_VERSION, kind, metadata: { name, namespace, ...meta }, ...(spec === undefined ? {} : { spec }) };
}

/** A cdk8s construct id from an object's kind and name ("/" is the path separator). */
function idOf(obj: KubeObject): string {
  return `${obj.kind}-${obj.metadata.name}`.replace(/\//g, '_');
}

function withoutOwnerReferences(obj: KubeObject): KubeObject {
  const { ownerReferences: _dropped, ...metadata } = obj.metadata as KubeObject['metadata'] & { ownerReferences?: unknown };
  return { ...obj, metadata: metadata as KubeObject['metadata'] };
}

/** Throws the operator's messages, prefixed by the construct's path so the chart line is easy to find. */
function fail(path: string, errors: readonly SpecError[]): never {
  throw new Error(`${path}: ${errors.map((e) => e.message).join('\n')}`);
}

/** Base of the per-kind cache constructs (AlluxioCache, JindoCache ...), which are the ones to create. */
export abstract class FluidCache extends Construct {
  /** Name of the Dataset and of the runtime. */
  public readonly name: string;
  public readonly namespace: string;
  public readonly output: CacheOutput;
  /** The Dataset and runtime as the chart declares them (also when the output holds only the objects). */
  public readonly customResources: readonly KubeObject[];
  /**
   * The objects the operator creates for this Dataset and runtime, in apply order, owner references left out.
   * Undefined when the runtime names a profile or class this construct was not given (it cannot be rendered here).
   */
  public readonly objects?: readonly KubeObject[];

  protected constructor(scope: Construct, id: string, props: FluidCacheProps, runtime: RuntimeManifest) {
    super(scope, id);
    this.name = props.name ?? id;
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'default';
    this.output = props.output ?? CacheOutput.CUSTOM_RESOURCES;
    const dataset = manifest('Dataset', this.name, this.namespace, props.datasetMetadata, toJson_DatasetSpec(props.dataset));
    const runtimeObject = manifest(runtime.kind, this.name, this.namespace, props.runtimeMetadata, runtime.spec ?? {});
    this.customResources = [dataset, runtimeObject];
    this.objects = this.render(runtime, props.settings);
    if (this.output !== CacheOutput.OBJECTS) {
      new ApiObject(this, 'Dataset', dataset as never);
      new ApiObject(this, 'Runtime', runtimeObject as never);
    }
    if (this.output !== CacheOutput.CUSTOM_RESOURCES) {
      if (!this.objects) {
        throw new Error(`${this.node.path}: ${runtime.kind} ${this.namespace}/${this.name} names a ${runtime.referenceField} this construct was not given; pass it to render the objects`);
      }
      for (const obj of this.objects) {
        const api = new ApiObject(this, idOf(obj), obj as never);
        // cdk8s gives every object its chart's namespace; a cluster-scoped one (the PersistentVolume) has none.
        if (obj.metadata.namespace === undefined && api.metadata.namespace !== undefined) api.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
      }
    }
  }

  /** The operator's rendering, or its errors thrown; only the parse when a referenced object is elsewhere. */
  private render(runtime: RuntimeManifest, settings: CacheSettings | undefined): KubeObject[] | undefined {
    const registry = builtinEngines();
    if (runtime.referenceField && !runtime.referenced) {
      const errors = this.customResources
        .map((doc) => parseFluidObject(doc, registry, this.namespace))
        .flatMap((parsed) => (parsed && !parsed.ok ? [parsed.error] : []));
      if (errors.length) fail(this.node.path, errors);
      return undefined;
    }
    const docs = [...this.customResources, ...(runtime.referenced ? [runtime.referenced.toJson()] : [])];
    const result = synthesize(docs, registry, {
      defaultNamespace: this.namespace,
      settings: { mountRoot: settings?.mountRoot ?? DEFAULT_MOUNT_ROOT, env: settings?.env ?? {} },
    });
    if (!result.ok) fail(this.node.path, result.errors);
    return result.groups.flatMap((g) => g.objects).map(withoutOwnerReferences);
  }
}
