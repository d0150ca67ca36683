// One HTTPS request to the apiserver with the kubeconfig's credentials, body untouched. The typed clients of
// @kubernetes/client-node pass built-in objects through their Kubernetes 1.35 models, which drop newer fields; we
// send exactly what the constructs rendered.
import * as k8s from '@kubernetes/client-node';
import * as https from 'node:https';
import * as http from 'node:http';
import { TokenBucketLimiter } from '../rate-limiter';
import { Clock, systemClock } from '../clock';
import { reportRequest } from './observed-kube-config';

export interface KubeResponse {
  readonly status: number;
  readonly body: any;
}

/** An apiserver answer that is not 2xx; `reason` and `message` come from the Status object. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

/**
 * client-go's --kube-api-qps / --kube-api-burst: a token bucket in front of every request of one KubeConfig, so a
 * burst of work (a thousand runtimes created at once) reaches the apiserver at a bounded rate.
 */
export interface ClientRateLimit {
  readonly qps: number;
  readonly burst: number;
}

const limits = new WeakMap<k8s.KubeConfig, { readonly bucket: TokenBucketLimiter; readonly clock: Clock }>();

/** Limits the requests kubeRequest sends with `kc` from now on. */
export function limitRequests(kc: k8s.KubeConfig, limit: ClientRateLimit, clock: Clock = systemClock): void {
  if (!(limit.qps > 0 && limit.burst >= 1)) throw new Error(`client rate limit: need qps > 0 and burst >= 1, got qps ${limit.qps}, burst ${limit.burst}`);
  limits.set(kc, { bucket: new TokenBucketLimiter({ qps: limit.qps, burst: limit.burst, clock }), clock });
}

async function throttle(kc: k8s.KubeConfig): Promise<void> {
  const limit = limits.get(kc);
  const waitMs = limit?.bucket.when('request') ?? 0;
  if (waitMs > 0) await new Promise<void>((resolve) => limit!.clock.setTimeout(resolve, waitMs));
}

interface CachedAgent {
  readonly agent: https.Agent;
  readonly tls: readonly unknown[];
}

const agents = new WeakMap<k8s.KubeConfig, CachedAgent>();
const TLS_FIELDS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const;

/**
 * One keep-alive agent per KubeConfig. client-node's applyToHTTPSOptions makes a new agent for every request, so
 * each request would open its own TLS connection: a handshake with a client certificate each time, costly for the
 * operator and the apiserver alike at hundreds of writes a second. The agent is made again only when the TLS
 * material changes (a rotated client certificate); credentials in headers are applied per request as before.
 */
function keepAliveAgent(kc: k8s.KubeConfig, options: https.RequestOptions): https.Agent {
  const tls = TLS_FIELDS.map((f) => options[f]);
  const cached = agents.get(kc);
  if (cached && cached.tls.every((v, i) => sameValue(v, tls[i]))) return cached.agent;
  cached?.agent.destroy();
  const agent = new https.Agent({ keepAlive: true, ...Object.fromEntries(TLS_FIELDS.map((f, i) => [f, tls[i]])) });
  agents.set(kc, { agent, tls });
  return agent;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return a === b;
}

/** How one request is sent, beyond its method, path and body. */
export interface KubeRequestOptions {
  /**
   * The whole call, from sending to the last byte of the answer, is given up after this long (a KubeRequestTimeout).
   * Without it a call to an apiserver that stopped answering without closing the connection waits for the kernel.
   */
  readonly timeoutMs?: number;
  /**
   * Skip the client rate limit (limitRequests). For the leader-election Lease: its renewal must not queue behind a
   * burst of reconcile writes, as client-go gives leader election a client of its own.
   * @default false
   */
  readonly unthrottled?: boolean;
}

/** A request given up after KubeRequestOptions.timeoutMs. */
export class KubeRequestTimeout extends Error {
  readonly code = 'ETIMEDOUT';

  constructor(method: string, path: string, timeoutMs: number) {
    super(`${method} ${path}: no answer within ${timeoutMs} ms`);
    this.name = 'KubeRequestTimeout';
  }
}

export async function kubeRequest(kc: k8s.KubeConfig, method: string, path: string, body?: unknown, contentType = 'application/json', accept = 'application/json', requestOptions: KubeRequestOptions = {}): Promise<KubeResponse> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig names no current cluster');
  const url = new URL(path, cluster.server);
  const options: https.RequestOptions = { method, headers: { Accept: accept } };
  await kc.applyToHTTPSOptions(options);
  if (url.protocol === 'https:') options.agent = keepAliveAgent(kc, options);
  if (!requestOptions.unthrottled) await throttle(kc);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) options.headers = { ...options.headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      // The timeout (or a reset) while the body is read ends the answer, not the request.
      res.on('error', (err) => {
        reportRequest(kc, { code: '<error>', method, host: url.host });
        reject(err);
      });
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: any = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON (a proxy error page): keep the text for the message
        }
        const status = res.statusCode ?? 0;
        reportRequest(kc, { code: String(status), method, host: url.host });
        if (status >= 200 && status < 300) resolve({ status, body: parsed });
        else reject(new KubeApiError(status, parsed?.reason ?? '', `${method} ${url.pathname}: ${status} ${parsed?.message ?? text.slice(0, 300)}`));
      });
    });
    const { timeoutMs } = requestOptions;
    // Destroying the request ends it with the error; a timer, not req.setTimeout, which only sees an idle socket.
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => req.destroy(new KubeRequestTimeout(method, url.pathname, timeoutMs)), timeoutMs);
    timer?.unref();
    req.on('close', () => clearTimeout(timer));
    req.on('error', (err) => {
      reportRequest(kc, { code: '<error>', method, host: url.host });
      reject(err);
    });
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
