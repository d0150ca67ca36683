// Runs the real operator (bin/fluid-cdk8s.js operator) as a separate process under the ServiceAccount and RBAC that
// `fluid-cdk8s install` prints, never as admin, so a missing permission fails the tests.
import * as k8s from '@kubernetes/client-node';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { installManifests } from '../../../cli/install';
import type { EngineRegistry } from '../../../constructs/runtimes/engine-registry';
import { REPO_ROOT } from '../../../cluster/repo-root';
import { OPERATOR_NAME } from '../../../constructs/operator/operator-install';
import { installCrds } from '../../../operator/kube/crd-installer';
import { kubeRequest } from '../../../operator/kube/kube-request';
import { resourceOf, resourcePath } from '../../../operator/kube/resources';
import { AppliedObject } from '../../../operator/kube/server-side-apply';
import { done, notYet, waitFor } from '../../integration/support/cluster-client';
import { isCsiPluginObject } from './csi-objects';
import { installObjectPath } from './install-objects';

export const OPERATOR_NAMESPACE = 'fluid-system';
const START_DEADLINE_MS = 60_000;

/** Applies the CRDs and the operator's ServiceAccount and RBAC (not its Deployment: the tests run the process). */
export async function installOperatorRbac(kc: k8s.KubeConfig, registry?: EngineRegistry): Promise<void> {
  const docs = parseAllDocuments(installManifests({ namespace: OPERATOR_NAMESPACE, registry })).map((d) => d.toJS() as AppliedObject);
  await installCrds(kc, docs.filter((d) => d.kind === 'CustomResourceDefinition'), 'fluid-cdk8s-test');
  for (const doc of docs.filter((d) => d.kind !== 'CustomResourceDefinition' && d.kind !== 'Deployment' && !isCsiPluginObject(d))) {
    await kubeRequest(kc, 'PATCH', `${installObjectPath(doc)}?fieldManager=fluid-cdk8s-test&force=true`, doc, 'application/apply-patch+yaml');
  }
}

/** A kubeconfig that authenticates as the operator's ServiceAccount, with a token from the TokenRequest API. */
export async function serviceAccountKubeconfig(admin: k8s.KubeConfig): Promise<string> {
  const path = `${resourcePath(resourceOf('ServiceAccount'), OPERATOR_NAMESPACE, OPERATOR_NAME)}/token`;
  const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 7200 } };
  const token = (await kubeRequest(admin, 'POST', path, body)).body.status.token as string;
  const cluster = admin.getCurrentCluster()!;
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'local', server: cluster.server, caFile: cluster.caFile, caData: cluster.caData }],
    users: [{ name: OPERATOR_NAME, token }],
    contexts: [{ name: 'operator', cluster: 'local', user: OPERATOR_NAME }],
    currentContext: 'operator',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'fluid-cdk8s-operator-')), 'kubeconfig.yaml');
  writeFileSync(file, kc.exportConfig());
  return file;
}

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export class OperatorProcess {
  readonly lines: LogLine[] = [];
  port = 0;
  private hasExited = false;

  private constructor(private readonly child: ChildProcess) {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const part of parts) {
        try {
          this.lines.push(JSON.parse(part) as LogLine);
        } catch {
          this.lines.push({ level: 30, msg: part });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => this.lines.push({ level: 50, msg: chunk.toString() }));
    child.on('exit', () => (this.hasExited = true));
  }

  /** Starts the operator and waits until it serves metrics and leads. */
  /** `extraArgs`: more operator flags, e.g. `--engine MODULE.js`. */
  static async start(kubeconfig: string, extraArgs: readonly string[] = []): Promise<OperatorProcess> {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'fluid-cdk8s.js'), 'operator', '--kubeconfig', kubeconfig, '--metrics-port', '0', '--lease-namespace', OPERATOR_NAMESPACE, ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const op = new OperatorProcess(child);
    op.port = await waitFor('the operator to serve /metrics and lead', START_DEADLINE_MS, async () => {
      if (op.exited) throw new Error(`the operator exited: ${op.lines.slice(-5).map((l) => l.msg).join(' | ')}`);
      const serving = op.lines.find((l) => l.msg === 'Serving /healthz, /readyz and /metrics');
      const leading = op.lines.some((l) => l.msg === 'Started leading');
      return serving && leading ? done(serving.port as number) : notYet(`${op.lines.length} log lines, last: ${op.lines.at(-1)?.msg ?? 'none'}`);
    }, { intervalMs: 200 });
    return op;
  }

  /** The process has ended (crashed, or stop() ran). */
  get exited(): boolean {
    return this.hasExited;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Errors the operator logged (level 50 and up). */
  errors(): LogLine[] {
    return this.lines.filter((l) => l.level >= 50);
  }

  async metrics(): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${this.port}/metrics`);
    return res.text();
  }

  /** API writes so far by verb and resource, leases left out (the leader renews its lease every few seconds by design). */
  async apiWrites(): Promise<Record<string, number>> {
    const text = await this.metrics();
    const lines = text.split('\n').filter((l) => l.startsWith('fluid_cdk8s_api_writes_total{') && !l.includes('resource="leases"'));
    return Object.fromEntries(lines.map((l) => [l.slice(l.indexOf('{'), l.lastIndexOf('}') + 1), Number(l.split(' ').pop())]));
  }

  /** Waits until no API write has happened for `quietMs` (the end of whatever the last change set off). */
  async waitForQuiet(quietMs: number, deadlineMs: number): Promise<void> {
    let last = JSON.stringify(await this.apiWrites());
    let since = Date.now();
    await waitFor(`the operator to make no API write for ${quietMs} ms`, deadlineMs, async () => {
      const now = JSON.stringify(await this.apiWrites());
      if (now !== last) {
        last = now;
        since = Date.now();
      }
      return Date.now() - since >= quietMs ? done(true) : notYet(`last write ${Date.now() - since} ms ago: ${now}`);
    }, { intervalMs: 500 });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    await gone;
  }
}
