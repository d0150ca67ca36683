// The Secrets a runtime's pods mount, and the fields that name them. What the engine renders is the declaration:
// a Secret no rendered pod references cannot keep a runtime from starting, and one that is referenced and missing
// would leave its pods in ContainerCreating, so the operator reports it against the field the user must fix.
import type { KubeObject } from '../render-runtime';
import type { RenderInput } from './render-input';

export interface SecretReference {
  /** Which object names it. */
  readonly object: 'Dataset' | 'runtime';
  /** Field path of the name, e.g. spec.mounts[0].encryptOptions[1].valueFrom.secretKeyRef.name. */
  readonly path: string;
  readonly secret: string;
}

/** Names of the Secrets the objects' pods mount: secret volumes and projections, secretKeyRef and secretRef env. */
export function renderedSecretNames(objects: readonly KubeObject[]): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown, key: string): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, key);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (key === 'secret' && typeof record.secretName === 'string') names.add(record.secretName);
    if ((key === 'secret' || key === 'secretKeyRef' || key === 'secretRef') && typeof record.name === 'string') names.add(record.name);
    for (const [k, v] of Object.entries(record)) visit(v, k);
  };
  for (const obj of objects) if (obj.kind !== 'Secret') visit(obj, '');
  return names;
}

/**
 * Where the runtime and its Dataset name `secret`: every `secretKeyRef.name`, and every field named like a Secret
 * (`secret`, `secretName`, `...Secret`) that holds the name. Sorted Dataset first, in field order.
 */
export function fieldsNaming(secret: string, input: RenderInput<unknown>): SecretReference[] {
  const found: SecretReference[] = [];
  const visit = (node: unknown, path: string, parentKey: string, object: SecretReference['object']): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${path}[${i}]`, parentKey, object));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      const at = `${path}.${k}`;
      const namesSecret = (k === 'name' && parentKey === 'secretKeyRef') || /^secret(Name)?$|Secret$/.test(k);
      if (v === secret && namesSecret) found.push({ object, path: at, secret });
      else visit(v, at, k, object);
    }
  };
  visit(input.dataset.spec, 'spec', '', 'Dataset');
  visit(input.runtime.spec, 'spec', '', 'runtime');
  return found;
}
