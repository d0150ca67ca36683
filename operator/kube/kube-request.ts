// One HTTPS request to the apiserver with the kubeconfig's credentials, body untouched. The typed clients of
// @kubernetes/client-node pass built-in objects through their Kubernetes 1.35 models, which drop newer fields; we
// send exactly what the constructs rendered.
import * as k8s from '@kubernetes/client-node';
import * as https from 'node:https';
import * as http from 'node:http';
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

export async function kubeRequest(kc: k8s.KubeConfig, method: string, path: string, body?: unknown, contentType = 'application/json', accept = 'application/json'): Promise<KubeResponse> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig names no current cluster');
  const url = new URL(path, cluster.server);
  const options: https.RequestOptions = { method, headers: { Accept: accept } };
  await kc.applyToHTTPSOptions(options);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) options.headers = { ...options.headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
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
    req.on('error', (err) => {
      reportRequest(kc, { code: '<error>', method, host: url.host });
      reject(err);
    });
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
