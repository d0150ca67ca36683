// The operator's probe and scrape endpoints. /healthz answers as long as the event loop does (a liveness probe
// restarts a wedged process); /readyz answers 200 only once `ready()` says so (informers synced, leader or
// standing by), so a rollout waits for it.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

export interface MetricsSource {
  readonly contentType: string;
  text(): Promise<string>;
}

export interface HealthServerOptions {
  /** 0 picks a free port; read the bound one from `HealthServer.port`. */
  readonly port: number;
  /** @default '0.0.0.0' (probes come from the kubelet, scrapes from Prometheus: not loopback) */
  readonly host?: string;
  /** Serves /healthz and /readyz; without it both answer 404 (a metrics-only server). */
  readonly ready?: () => boolean;
  /** Served on /metrics; without it /metrics answers 404. */
  readonly metrics?: MetricsSource;
  readonly logger: Logger;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const log = options.logger.child({ component: 'health-server' });
  const server = http.createServer((req, res) => {
    route(req, options).then(
      (reply) => send(res, reply),
      (err: unknown) => {
        log.error({ err, path: req.url }, 'Failed to answer request');
        send(res, { status: 500, contentType: TEXT, body: 'internal error\n' });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.debug({ port }, 'Started health server');
  return {
    port,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((err) => {
        if (err) return reject(err);
        log.debug({ port }, 'Stopped health server');
        resolve();
      });
      // Keep-alive connections from a scraper would otherwise hold close() open until they time out.
      server.closeAllConnections();
    }),
  };
}

const TEXT = 'text/plain; charset=utf-8';

interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

async function route(req: http.IncomingMessage, options: HealthServerOptions): Promise<Reply> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, contentType: TEXT, body: 'method not allowed\n' };
  switch (path) {
    case '/healthz':
      if (options.ready === undefined) break;
      return { status: 200, contentType: TEXT, body: 'ok\n' };
    case '/readyz':
      if (options.ready === undefined) break;
      return options.ready() ? { status: 200, contentType: TEXT, body: 'ok\n' } : { status: 503, contentType: TEXT, body: 'not ready\n' };
    case '/metrics':
      if (options.metrics === undefined) break;
      return { status: 200, contentType: options.metrics.contentType, body: await options.metrics.text() };
  }
  return { status: 404, contentType: TEXT, body: 'not found\n' };
}

function send(res: http.ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': Buffer.byteLength(reply.body) });
  res.end(res.req.method === 'HEAD' ? undefined : reply.body);
}
