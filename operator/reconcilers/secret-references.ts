// The Secrets a runtime's pods will mount, with the field that names each, so a missing one is reported against the
// field the user must fix rather than as a pod stuck in ContainerCreating.
import type { ObservedObject } from './cluster-view';

export interface SecretReference {
  /** Which object names it. */
  readonly object: 'Dataset' | 'runtime';
  /** Field path of the name, e.g. spec.mounts[0].encryptOptions[1].valueFrom.secretKeyRef.name. */
  readonly path: string;
  readonly secret: string;
}

type EncryptOption = { valueFrom?: { secretKeyRef?: { name?: string } } };

function fromOptions(options: readonly EncryptOption[] | undefined, prefix: string): SecretReference[] {
  return (options ?? []).flatMap((o, i) => {
    const name = o.valueFrom?.secretKeyRef?.name;
    return name ? [{ object: 'Dataset' as const, path: `${prefix}[${i}].valueFrom.secretKeyRef.name`, secret: name }] : [];
  });
}

export function secretReferences(dataset: ObservedObject, runtime: ObservedObject): SecretReference[] {
  const mounts = (dataset.spec?.mounts ?? []) as { encryptOptions?: EncryptOption[] }[];
  const refs = [
    ...fromOptions(dataset.spec?.sharedEncryptOptions, 'spec.sharedEncryptOptions'),
    ...mounts.flatMap((m, i) => fromOptions(m.encryptOptions, `spec.mounts[${i}].encryptOptions`)),
  ];
  // JindoRuntime names its access-key Secret directly.
  if (runtime.kind === 'JindoRuntime' && typeof runtime.spec?.secret === 'string') refs.push({ object: 'runtime', path: 'spec.secret', secret: runtime.spec.secret });
  return refs;
}
