// What the kube/ modules say about their API calls: a hook that counts writes (the metric that proves an idle
// operator writes nothing) and log fields for a failed call.
import * as k8s from '@kubernetes/client-node';
import { KubeApiError } from './kube-request';

/** `apply` is a server-side-apply PATCH, counted apart from other patches. */
export type WriteVerb = 'create' | 'update' | 'patch' | 'apply' | 'delete';

/** Called once per write request sent, whatever its result; `resource` is the plural, e.g. `events`. */
export type CountApiWrite = (verb: WriteVerb, resource: string) => void;

/** The status code of an API error from either client, if it is one. */
export function apiStatusCode(err: unknown): number | undefined {
  if (err instanceof k8s.ApiException) return err.code;
  return err instanceof KubeApiError ? err.status : undefined;
}

/**
 * Log fields for a failed call. client-node's ApiException.message embeds every response header and the whole
 * body, so only the status code and the Status message are kept. A request that got no answer says why in
 * `cause`: fetch's own message is only "fetch failed", the reason (ECONNREFUSED, a TLS error) is its cause.
 */
export function apiErrorFields(err: unknown): { code?: number; error: string; cause?: string } {
  if (err instanceof k8s.ApiException) return { code: err.code, error: statusMessage(err.body) ?? `HTTP ${err.code}` };
  if (err instanceof KubeApiError) return { code: err.status, error: err.message };
  const cause = causeOf(err);
  return { error: err instanceof Error ? err.message : String(err), ...(cause !== undefined ? { cause } : {}) };
}

/** The innermost reason a request got no answer: a system error code and its message, e.g. `connect ECONNREFUSED 127.0.0.1:6443`. */
function causeOf(err: unknown): string | undefined {
  let reason: string | undefined;
  for (let e = (err as { cause?: unknown } | undefined)?.cause, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : '';
    reason = typeof code === 'string' && !text.includes(code) ? [code, text].filter(Boolean).join(': ') : text || reason;
  }
  return reason;
}

/**
 * How loud a failed reconcile is. A 409 conflict is expected whenever two writers race and the retry reads
 * fresh state, so it is debug; an apiserver answer or an unreachable apiserver is a warning with its message
 * and cause; anything else is unexpected, so its stack is kept.
 */
export function failureLog(err: Error): { level: 'debug' | 'warn'; fields: Record<string, unknown> } {
  const status = apiStatusCode(err);
  if (status === 409) return { level: 'debug', fields: apiErrorFields(err) };
  if (status !== undefined || causeOf(err) !== undefined || typeof (err as { code?: unknown }).code === 'string') return { level: 'warn', fields: apiErrorFields(err) };
  return { level: 'warn', fields: { err } };
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
