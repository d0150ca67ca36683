// A KubeConfig that reports every request it authenticates, for client-go's rest_client_requests_total. The
// generated clients, watches and listObjects all authenticate through applySecurityAuthentication and send with
// undici, so one interceptor on the request's dispatcher sees them all; kubeRequest (node:https) reports itself.
import * as k8s from '@kubernetes/client-node';

/** One request: the status code as a string, or `<error>` when no answer came (client-go's label values). */
export interface ObservedRequest {
  readonly code: string;
  readonly method: string;
  /** host:port of the apiserver, client-go's `host` label. */
  readonly host: string;
}

export type RequestObserver = (request: ObservedRequest) => void;

// The few parts of undici's Dispatcher API used here, typed structurally so undici (client-node's dependency) need not
// be imported. A composed dispatcher receives handlers in undici's current (onResponseStart ...) form.
interface ResponseHandler {
  onRequestStart?(controller: unknown, context: unknown): void;
  onRequestUpgrade?(controller: unknown, statusCode: number, headers: unknown, socket: unknown): void;
  onResponseStart?(controller: unknown, statusCode: number, headers: unknown, statusMessage?: string): void;
  onResponseData?(controller: unknown, chunk: unknown): void;
  onResponseEnd?(controller: unknown, trailers: unknown): void;
  onResponseError?(controller: unknown, err: Error): void;
}
type Dispatch = (options: { method?: string; origin?: string | URL }, handler: ResponseHandler) => boolean;
interface ComposableDispatcher {
  compose(interceptor: (dispatch: Dispatch) => Dispatch): ComposableDispatcher;
}

/** undici keeps its global dispatcher (what fetch uses when given none) under this registered symbol. */
const UNDICI_GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

export class ObservedKubeConfig extends k8s.KubeConfig {
  /** Same clusters, users and contexts as `source`; every request made with it is reported to `observe`. */
  constructor(source: k8s.KubeConfig, readonly observe: RequestObserver) {
    super();
    this.loadFromOptions({ clusters: source.clusters, users: source.users, contexts: source.contexts, currentContext: source.currentContext });
  }

  override async applySecurityAuthentication(context: k8s.RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const dispatcher = (context.getDispatcher() ?? (globalThis as Record<symbol, unknown>)[UNDICI_GLOBAL_DISPATCHER]) as ComposableDispatcher | undefined;
    if (typeof dispatcher?.compose !== 'function') return;
    const host = new URL(context.getUrl()).host;
    context.setDispatcher(dispatcher.compose((dispatch) => (options, handler) => dispatch(options, reporting(handler, (code) => this.observe({ code, method: options.method ?? 'GET', host })))) as never);
  }
}

/** Passes every callback on, and reports the status once the response starts, or `<error>` if it never does. */
function reporting(handler: ResponseHandler, report: (code: string) => void): ResponseHandler {
  let reported = false;
  const once = (code: string) => {
    if (!reported) report(code);
    reported = true;
  };
  return {
    onRequestStart: (c, ctx) => handler.onRequestStart?.(c, ctx),
    onRequestUpgrade: (c, status, headers, socket) => {
      once(String(status));
      handler.onRequestUpgrade?.(c, status, headers, socket);
    },
    onResponseStart: (c, status, headers, message) => {
      once(String(status));
      handler.onResponseStart?.(c, status, headers, message);
    },
    onResponseData: (c, chunk) => handler.onResponseData?.(c, chunk),
    onResponseEnd: (c, trailers) => handler.onResponseEnd?.(c, trailers),
    onResponseError: (c, err) => {
      once('<error>');
      handler.onResponseError?.(c, err);
    },
  };
}

/** kubeRequest's report: it sends with node:https, which no dispatcher sees. */
export function reportRequest(kc: k8s.KubeConfig, request: ObservedRequest): void {
  if (kc instanceof ObservedKubeConfig) kc.observe(request);
}
