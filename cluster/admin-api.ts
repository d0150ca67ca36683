import * as fs from 'node:fs';
import { httpRequest, TlsOptions } from './http-request';

export interface ApiResult {
  readonly status: number;
  readonly body: any;
}

/**
 * Just enough of a Kubernetes client for the harness: JSON requests as the admin user (client cert).
 * The harness needs five calls, so it keeps off @kubernetes/client-node (ESM-only, with its own
 * loading caveats under jest) and loads the same way in jest's globalSetup, the CLI and `cluster down`.
 */
export class AdminApi {
  private readonly tls: TlsOptions;

  constructor(
    readonly server: string,
    files: { readonly caCert: string; readonly clientCert: string; readonly clientKey: string },
  ) {
    this.tls = { ca: fs.readFileSync(files.caCert), cert: fs.readFileSync(files.clientCert), key: fs.readFileSync(files.clientKey) };
  }

  async request(method: string, path: string, body?: unknown): Promise<ApiResult> {
    const res = await httpRequest(this.server + path, { method, body, tls: this.tls });
    let parsed: unknown = res.text;
    try {
      parsed = JSON.parse(res.text);
    } catch {
      // Health endpoints answer plain text such as "ok".
    }
    return { status: res.status, body: parsed };
  }
}
