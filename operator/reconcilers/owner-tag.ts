// How the operator marks what it creates: a label its informers select on, and an annotation naming the runtime or
// data operation that owns the object, which is also that owner's queue key.

/** Names the owner, `Kind/namespace/name`, so an informer event on the object finds its owner. */
export const OWNER_ANNOTATION = 'fluid-cdk8s.io/owner';
/** Every object the operator applies carries it; the operator's full informers watch only those. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'fluid-cdk8s';
/** The field manager of everything we write; field-ownership.ts reads it back from managedFields. */
export const FIELD_MANAGER = 'fluid-cdk8s';

/** `Kind/namespace/name`: what OWNER_ANNOTATION says on each object of a runtime or operation, and its queue key. */
export function ownerTagOf(owner: { readonly kind: string; readonly metadata: { readonly name: string; readonly namespace?: string } }): string {
  return `${owner.kind}/${owner.metadata.namespace}/${owner.metadata.name}`;
}
