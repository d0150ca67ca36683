// One runtime in, the Kubernetes objects of its cache system out: the renderer both `synth` and the operator use.
import { App, Chart } from 'cdk8s';
import { QUANTITY_PATTERN } from '../crds/schema/fields';
import { DatasetVolume, ExtraMetadata } from './components/dataset-volume';
import type { KubeObject } from './kube-object';
import { datasetRefOf, BuiltRuntime, RenderInput, RuntimeEngine } from './runtimes/runtime-engine';

export type { KubeObject };

export interface RenderedRuntime {
  readonly objects: readonly KubeObject[];
  readonly built: BuiltRuntime;
}

/** Apply order: what pods read before they start, then the workloads, then the volume users mount. */
const KIND_ORDER = [
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'Secret',
  'ConfigMap',
  'Service',
  'StatefulSet',
  'Deployment',
  'DaemonSet',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Job',
  'CronJob',
];

function rank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

export function byApplyOrder(a: KubeObject, b: KubeObject): number {
  return rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind) || a.metadata.name.localeCompare(b.metadata.name);
}

/** An annotation on the runtime that copies into the PV's CSI attributes (Fluid reads it the same way). */
const SKIP_CHECK_MOUNT_READY = 'fluid.io/skip-check-mount-ready-target';
/** Dataset annotation overriding the PV capacity; Fluid falls back to its default when it does not parse. */
const STORAGE_REQUEST = 'pvc.fluid.io/resources.requests.storage';
/** Runtime annotation: JSON list of {labels, annotations, selector: {group, kind}} for the PV and PVC. */
const METADATA_LIST = 'data.fluid.io/metadataList';

function capacityOf(annotations: Record<string, string> | undefined): string | undefined {
  const value = annotations?.[STORAGE_REQUEST];
  return value !== undefined && new RegExp(QUANTITY_PATTERN).test(value) ? value : undefined;
}

interface MetadataEntry extends ExtraMetadata {
  readonly selector?: { readonly group?: string; readonly kind?: string };
}

/** A field as Go's encoding/json finds it: the exact name first, else any case ({"Labels": ...} works in Fluid). */
function goField(obj: unknown, name: string): any {
  if (obj === null || typeof obj !== 'object') return undefined;
  const record = obj as Record<string, unknown>;
  if (name in record) return record[name];
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function metadataEntry(raw: unknown): MetadataEntry {
  const selector = goField(raw, 'selector');
  return {
    labels: goField(raw, 'labels'),
    annotations: goField(raw, 'annotations'),
    selector: { group: goField(selector, 'group'), kind: goField(selector, 'kind') },
  };
}

/** Extra PV/PVC metadata from the runtime; a value that is not such a JSON list is ignored, as Fluid ignores it. */
function extraMetadata(annotations: Record<string, string> | undefined, kind: string): ExtraMetadata | undefined {
  const text = annotations?.[METADATA_LIST];
  if (!text) return undefined;
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(entries)) return undefined;
  const matching = entries.map(metadataEntry).filter((e) => (e.selector?.group ?? '') === '' && e.selector?.kind === kind);
  return {
    labels: Object.assign({}, ...matching.map((e) => e.labels ?? {})),
    annotations: Object.assign({}, ...matching.map((e) => e.annotations ?? {})),
  };
}

/** The engine's own PV/PVC metadata when it names any, else the runtime's metadataList annotation. */
function volumeMetadata(volume: NonNullable<BuiltRuntime['volume']>, annotations: Record<string, string> | undefined): { pvMetadata?: ExtraMetadata; pvcMetadata?: ExtraMetadata } {
  if (volume.metadata) return { pvMetadata: volume.metadata.pv, pvcMetadata: volume.metadata.pvc };
  return { pvMetadata: extraMetadata(annotations, 'PersistentVolume'), pvcMetadata: extraMetadata(annotations, 'PersistentVolumeClaim') };
}

export function renderRuntime<Spec>(engine: RuntimeEngine<Spec>, input: RenderInput<Spec>): RenderedRuntime {
  const ds = datasetRefOf(input);
  // A fresh App per render: construct ids are unique per scope, and `new App()` touches no disk until synth().
  const chart = new Chart(new App(), `${ds.namespace}-${ds.name}`, { namespace: ds.namespace, disableResourceNameHashes: true });
  const built = engine.build(chart, input);
  if (built.volume) {
    new DatasetVolume(chart, 'Volume', {
      dataset: ds,
      accessModes: input.dataset.spec.accessModes,
      capacity: capacityOf(input.dataset.metadata.annotations),
      fluidPath: built.volume.fluidPath,
      mountType: built.volume.mountType,
      fuseNodeSelector: built.volume.fuseNodeSelector,
      ownAttributes: built.volume.attributes,
      skipCheckMountReadyTarget: input.runtime.metadata.annotations?.[SKIP_CHECK_MOUNT_READY],
      ...volumeMetadata(built.volume, input.runtime.metadata.annotations),
      fuseGeneration: input.observed.fuseGeneration,
    });
  }
  const objects = (chart.toJson() as KubeObject[]).slice().sort(byApplyOrder);
  return { objects, built };
}
