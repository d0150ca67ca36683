import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { commonLabelKey, DatasetRef, datasetId, fuseLabelKey, persistentVolumeClaimName, persistentVolumeName } from '../object-names';

/** Fluid's CSI driver; the PV is served by it (pkg/common/volume.go). */
export const CSI_DRIVER = 'fuse.csi.fluid.io';
/** Fluid names this StorageClass on its PVs and PVCs without creating it, so nothing provisions them dynamically. */
export const STORAGE_CLASS = 'fluid';
/** Fluid recognises its own PV and PVC by this annotation (GetExpectedFluidAnnotations). */
export const CREATED_BY = { CreatedBy: 'fluid' } as const;
/** Capacity when the Dataset sets no pvc.fluid.io/resources.requests.storage annotation. */
export const DEFAULT_CAPACITY = '100Pi';
/** Runtime annotation copied into the CSI attributes. */
export const SKIP_CHECK_MOUNT_READY = 'fluid.io/skip-check-mount-ready-target';

/** Extra labels and annotations for the PV or PVC, from the runtime's data.fluid.io/metadataList annotation. */
export interface ExtraMetadata {
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

export interface DatasetVolumeProps {
  /** The dataset (and runtime) this volume serves. */
  readonly dataset: DatasetRef;
  /** Access modes, from the Dataset. @default ['ReadOnlyMany'] */
  readonly accessModes?: readonly string[];
  /** Capacity of the PV and request of the PVC. @default '100Pi' */
  readonly capacity?: string;
  /** Host path where the fuse mounts the data (CSI attribute fluid_path). */
  readonly fluidPath: string;
  /** Mount type the CSI plugin checks (CSI attribute mount_type), e.g. fuse.alluxio-fuse. */
  readonly mountType: string;
  /** The user's fuse node selector; becomes the PV's node affinity. @default - no node affinity */
  readonly fuseNodeSelector?: Record<string, string>;
  /** Value of the runtime's fluid.io/skip-check-mount-ready-target annotation. @default - not set */
  readonly skipCheckMountReadyTarget?: string;
  /** Extra PV metadata; a label fluid.io/node-publish-method: symlink also sets the CSI attribute. @default - none */
  readonly pvMetadata?: ExtraMetadata;
  /** Extra PVC metadata. @default - none */
  readonly pvcMetadata?: ExtraMetadata;
  /**
   * The engine's own CSI attributes beside fluid_path, mount_type and runtime_*, in place of the generic ones
   * (mount_pod_node_selector_key, the skip-check target, node_publish_method). @default - the generic ones
   */
  readonly ownAttributes?: Record<string, string>;
  /** metadata.generation of the fuse DaemonSet, recorded on the PVC when known. @default - not recorded */
  readonly fuseGeneration?: number;
}

/** The PersistentVolume and PersistentVolumeClaim that pods mount to read a bound dataset. */
export class DatasetVolume extends Construct {
  readonly pvName: string;
  readonly pvcName: string;

  constructor(scope: Construct, id: string, props: DatasetVolumeProps) {
    super(scope, id);
    const ds = props.dataset;
    this.pvName = persistentVolumeName(ds);
    this.pvcName = persistentVolumeClaimName(ds);
    const accessModes = props.accessModes?.length ? [...props.accessModes] : ['ReadOnlyMany'];
    const capacity = props.capacity ?? DEFAULT_CAPACITY;
    const labels = { [commonLabelKey(ds)]: 'true', 'fluid.io/dataset-id': datasetId(ds) };

    const base = { fluid_path: props.fluidPath, mount_type: props.mountType, runtime_namespace: ds.namespace, runtime_name: ds.name };
    const attributes: Record<string, string> = props.ownAttributes ? { ...base, ...props.ownAttributes } : { ...base, mount_pod_node_selector_key: fuseLabelKey(ds) };
    if (!props.ownAttributes) {
      if (props.skipCheckMountReadyTarget !== undefined) attributes[SKIP_CHECK_MOUNT_READY] = props.skipCheckMountReadyTarget;
      if (props.pvMetadata?.labels?.['fluid.io/node-publish-method'] === 'symlink') attributes.node_publish_method = 'symlink';
    }

    const selector = Object.entries(props.fuseNodeSelector ?? {});
    // Plain ApiObjects, as the workloads: cdk8s-plus-28's generated classes would give the same JSON, but loading
    // them is 3 MB of JavaScript for every `synth`.
    const pv = new ApiObject(this, 'PersistentVolume', {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: this.pvName,
        labels: { ...labels, ...props.pvMetadata?.labels },
        annotations: { ...props.pvMetadata?.annotations, ...CREATED_BY },
      },
      spec: {
        accessModes,
        capacity: { storage: capacity },
        storageClassName: STORAGE_CLASS,
        claimRef: { namespace: ds.namespace, name: this.pvcName },
        csi: { driver: CSI_DRIVER, volumeHandle: this.pvName, volumeAttributes: attributes },
        nodeAffinity: selector.length
          ? { required: { nodeSelectorTerms: [{ matchExpressions: selector.map(([key, value]) => ({ key, operator: 'In', values: [value] })) }] } }
          : undefined,
      },
    });
    // A PersistentVolume is cluster-scoped, but cdk8s gives every object its chart's namespace.
    pv.addJsonPatch(JsonPatch.remove('/metadata/namespace'));

    const pvcLabels: Record<string, string> = { ...labels, ...props.pvcMetadata?.labels };
    if (props.fuseGeneration !== undefined) pvcLabels['fuse.runtime.fluid.io/generation'] = String(props.fuseGeneration);
    new ApiObject(this, 'PersistentVolumeClaim', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: this.pvcName, namespace: ds.namespace, labels: pvcLabels, annotations: { ...props.pvcMetadata?.annotations, ...CREATED_BY } },
      spec: { accessModes, resources: { requests: { storage: capacity } }, storageClassName: STORAGE_CLASS, volumeName: this.pvName },
    });
  }
}
