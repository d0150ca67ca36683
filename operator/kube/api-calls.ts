// What the kube/ modules say about their API calls: a hook that counts writes (the metric that proves an idle
// operator writes nothing) and log fields for a failed call.
import * as k8s from '@kubernetes/client-node';

/** `apply` is a server-side-apply PATCH, counted apart from other patches. */
export type WriteVerb = 'create' | 'update' | 'patch' | 'apply' | 'delete';

/** Called once per write request sent, whatever its result; `resource` is the plural, e.g. `events`. */
export type CountApiWrite = (verb: WriteVerb, resource: string) => void;

/** The status code of an API error, if it is one. */
export function apiStatusCode(err: unknown): number | undefined {
  return err instanceof k8s.ApiException ? err.code : undefined;
}

/**
 * Log fields for a failed call. client-node's ApiException.message embeds every response header and the whole
 * body, so only the status code and the Status message are kept.
 */
export function apiErrorFields(err: unknown): { code?: number; error: string } {
  if (!(err instanceof k8s.ApiException)) return { error: err instanceof Error ? err.message : String(err) };
  return { code: err.code, error: statusMessage(err.body) ?? `HTTP ${err.code}` };
}

function statusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.slice(0, 200);
    }
  }
  const message = (parsed as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}
