import * as http from 'node:http';
import * as https from 'node:https';

export interface TlsOptions {
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  /**
   * Skip server certificate checks. Only for KCM and the scheduler: they serve self-signed certificates
   * made at start-up, and their /healthz is probed on 127.0.0.1 only.
   */
  readonly insecure?: boolean;
}

export interface HttpRequest {
  readonly method?: string;
  readonly body?: unknown;
  readonly tls?: TlsOptions;
  /** Per-request deadline; the caller's wait has its own, longer one. @default 5000 */
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly text: string;
}

/** One HTTP(S) request with a JSON body, buffered response and a deadline. */
export function httpRequest(url: string, req: HttpRequest = {}): Promise<HttpResponse> {
  const target = new URL(url);
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
  const timeoutMs = req.timeoutMs ?? 5000;
  const options: https.RequestOptions = {
    method: req.method ?? 'GET',
    headers: { Accept: 'application/json', ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    timeout: timeoutMs,
    ...(target.protocol === 'https:'
      ? { ca: req.tls?.ca, cert: req.tls?.cert, key: req.tls?.key, rejectUnauthorized: !req.tls?.insecure }
      : {}),
  };
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(target, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no response from ${url} within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(payload);
  });
}
