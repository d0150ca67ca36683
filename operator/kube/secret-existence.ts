// Whether Secrets exist, asking for their metadata only: the operator checks names, and secret values never enter
// its memory.
import type * as k8s from '@kubernetes/client-node';
import { KubeApiError, kubeRequest } from './kube-request';
import { resourceOf, resourcePath } from './resources';

const METADATA_ONLY = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

/** Names of the Secrets in `namespace` that do not exist. */
export async function missingSecrets(kc: k8s.KubeConfig, namespace: string, names: readonly string[]): Promise<Set<string>> {
  const missing = new Set<string>();
  for (const name of new Set(names)) {
    try {
      await kubeRequest(kc, 'GET', resourcePath(resourceOf('Secret'), namespace, name), undefined, undefined, METADATA_ONLY);
    } catch (e) {
      if (!(e instanceof KubeApiError && e.status === 404)) throw e;
      missing.add(name);
    }
  }
  return missing;
}
