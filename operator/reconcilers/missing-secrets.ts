// A Secret the runtime's pods would mount that does not exist: reported against the field naming it, since the
// pods would otherwise wait in ContainerCreating with no word to the user. Only Secrets the rendering references
// count; a Secret named in a field the engine does not use blocks nothing.
import type { KubeObject } from '../../constructs/render-runtime';
import type { RenderInput } from '../../constructs/runtimes/render-input';
import { fieldsNaming, renderedSecretNames, SecretReference } from '../../constructs/runtimes/secret-reference';
import type { RuntimeSnapshot } from './runtime-snapshot';

export function missingSecretMessage(s: RuntimeSnapshot, input: RenderInput<unknown>, objects: readonly KubeObject[]): string | undefined {
  const { namespace = 'default', name } = s.runtime.raw.metadata;
  const mounted = renderedSecretNames(objects);
  const missing = [...mounted].filter((secret) => s.view.presence('Secret', secret, namespace) === undefined).sort();
  if (missing.length === 0) return undefined;
  const refs: readonly SecretReference[] = s.engine.secrets?.(input, mounted) ?? missing.flatMap((secret) => fieldsNaming(secret, input));
  const where = (ref: SecretReference) => (ref.object === 'Dataset' ? `Dataset ${namespace}/${name}` : `${s.runtime.raw.kind} ${namespace}/${name}`);
  return missing
    .flatMap((secret) => {
      const named = refs.filter((r) => r.secret === secret);
      if (named.length === 0) return [`${s.runtime.raw.kind} ${namespace}/${name}: Secret "${secret}", which its pods mount, not found in namespace ${namespace}`];
      return named.map((r) => `${where(r)}: ${r.path}: Secret "${secret}" not found in namespace ${namespace}`);
    })
    .join('; ');
}
