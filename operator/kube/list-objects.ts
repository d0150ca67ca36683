// One GET of a collection URL, returning the API server's JSON untouched. The typed clients would deserialize
// built-in kinds into client-node's models (Dates for timestamps, unknown fields dropped) while watch events
// arrive as plain JSON; an informer cache must hold one shape, so list results are plain JSON too.
import * as k8s from '@kubernetes/client-node';

export interface ListQuery {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** @default 'application/json' */
  readonly accept?: string;
}

/** Throws k8s.ApiException on a non-2xx answer, like the generated clients, so callers can read `code`. */
export async function listObjects<T extends k8s.KubernetesObject>(
  kc: k8s.KubeConfig,
  path: string,
  query: ListQuery = {},
  signal?: AbortSignal,
): Promise<k8s.KubernetesListObject<T>> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('The KubeConfig has no current cluster');
  const url = new URL(cluster.server + path);
  if (query.labelSelector !== undefined) url.searchParams.set('labelSelector', query.labelSelector);
  if (query.fieldSelector !== undefined) url.searchParams.set('fieldSelector', query.fieldSelector);
  const request = new k8s.RequestContext(url.toString(), k8s.HttpMethod.GET);
  request.setHeaderParam('Accept', query.accept ?? 'application/json');
  if (signal !== undefined) request.setSignal(signal);
  await kc.applySecurityAuthentication(request);
  const response = await new k8s.IsomorphicFetchHttpLibrary().send(request).toPromise();
  const text = await response.body.text();
  if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
    throw new k8s.ApiException(response.httpStatusCode, `GET ${path} answered ${response.httpStatusCode}`, parseOrText(text), response.headers);
  }
  const list = JSON.parse(text) as k8s.KubernetesListObject<T>;
  // An empty PartialObjectMetadataList comes with `items: null`; ListWatch expects an array.
  return list.items ? list : { ...list, items: [] };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
