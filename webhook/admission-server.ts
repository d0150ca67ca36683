// The webhook's HTTPS endpoint. Its certificate can be replaced while it runs (setSecureContext): new connections
// get the new one, open ones finish on the old, so a renewal needs no restart.
import * as https from 'node:https';
import type { Logger } from 'pino';
import type { CertificateBundle } from './certificates';
import { AdmissionAnswer, AdmissionReview, MUTATE_PATH } from './admission-review';

/** An AdmissionReview is a pod and some metadata; anything far larger is not one. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface AdmissionServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly certificates: CertificateBundle;
  readonly review: (review: AdmissionReview) => AdmissionAnswer;
  readonly logger: Logger;
}

export class AdmissionServer {
  private constructor(private readonly server: https.Server) {}

  static async start(options: AdmissionServerOptions): Promise<AdmissionServer> {
    const server = https.createServer({ cert: options.certificates.tlsCert, key: options.certificates.tlsKey }, (req, res) => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url?.split('?')[0] !== MUTATE_PATH) return reply(404, { message: `only POST ${MUTATE_PATH}` });
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) req.destroy();
        else chunks.push(c);
      });
      req.on('end', () => {
        let review: AdmissionReview;
        try {
          review = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch (e) {
          return reply(400, { message: `the body is not JSON: ${(e as Error).message}` });
        }
        try {
          const answer = options.review(review);
          const request = review.request;
          options.logger.info({ pod: `${request?.namespace}/${request?.object?.metadata?.name || request?.object?.metadata?.generateName || ''}`, uid: request?.uid }, `Pod admission: ${answer.summary}`);
          reply(200, answer.review);
        } catch (e) {
          // A bug of ours must not take the server down; the apiserver applies the failure policy (Ignore).
          options.logger.error({ err: e }, 'Pod admission failed');
          reply(500, { message: e instanceof Error ? e.message : String(e) });
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new AdmissionServer(server);
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  /** Serve new connections with these certificates. */
  useCertificates(bundle: CertificateBundle): void {
    this.server.setSecureContext({ cert: bundle.tlsCert, key: bundle.tlsKey });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
