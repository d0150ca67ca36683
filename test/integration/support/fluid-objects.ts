// Create, read and delete data.fluid.io objects exactly as written: CustomObjectsApi sends and returns
// plain JSON, with no client-side model in between.
import * as k8s from '@kubernetes/client-node';
import { ServedKind } from './crd-install';
import { FluidDocument } from './fluid-samples';

export interface ObjectRef {
  readonly kind: ServedKind;
  readonly name: string;
  /** Absent for cluster-scoped kinds. */
  readonly namespace?: string;
}

export class FluidObjects {
  private readonly custom: k8s.CustomObjectsApi;

  constructor(kc: k8s.KubeConfig) {
    this.custom = kc.makeApiClient(k8s.CustomObjectsApi);
  }

  /** Creates the object and returns where it now lives (the name may come from generateName). */
  async create(kind: ServedKind, doc: FluidDocument): Promise<ObjectRef> {
    const { group, version, plural } = kind;
    const namespace = doc.metadata.namespace;
    const created = (kind.namespaced
      ? await this.custom.createNamespacedCustomObject({ group, version, plural, namespace: namespace!, body: doc })
      : await this.custom.createClusterCustomObject({ group, version, plural, body: doc })) as FluidDocument;
    return { kind, name: created.metadata.name!, namespace: kind.namespaced ? namespace : undefined };
  }

  async read(ref: ObjectRef): Promise<FluidDocument> {
    const { group, version, plural } = ref.kind;
    return (ref.namespace !== undefined
      ? await this.custom.getNamespacedCustomObject({ group, version, plural, namespace: ref.namespace, name: ref.name })
      : await this.custom.getClusterCustomObject({ group, version, plural, name: ref.name })) as FluidDocument;
  }

  /** No Fluid controller runs in these tests, so nothing adds finalizers and deletion is immediate. */
  async delete(ref: ObjectRef): Promise<void> {
    const { group, version, plural } = ref.kind;
    if (ref.namespace !== undefined) {
      await this.custom.deleteNamespacedCustomObject({ group, version, plural, namespace: ref.namespace, name: ref.name });
    } else {
      await this.custom.deleteClusterCustomObject({ group, version, plural, name: ref.name });
    }
  }
}
