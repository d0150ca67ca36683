import * as fs from 'node:fs';
import * as path from 'node:path';
import { httpRequest, TlsOptions } from './http-request';
import { Pki } from './pki';
import { ProcessSpec } from './processes';
import { done, notYet, ProbeResult } from './wait';

export type ComponentName = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok';

export interface ComponentPorts {
  readonly etcdClient: number;
  readonly etcdPeer: number;
  readonly apiServer: number;
  readonly controllerManager: number;
  readonly scheduler: number;
  readonly kwok: number;
}

export interface ComponentContext {
  readonly binDir: string;
  /** Scratch folder: etcd data and logs live here. */
  readonly runDir: string;
  readonly pki: Pki;
  readonly kubeconfig: string;
  readonly kwokStages: string;
  readonly ports: ComponentPorts;
}

/** A component to start and the health endpoint that says it is ready. */
export interface Component {
  readonly process: ProcessSpec;
  readonly readyUrl: string;
  readonly readyTls?: TlsOptions;
}

// Pod IPs come from --cidr; the node IP must lie outside it or kwok hands it to a pod (README "Gotchas").
const POD_CIDR = '10.244.0.0/16';
const NODE_IP = '10.240.0.1';
const SERVICE_CIDR = '10.96.0.0/16';

/** Flags verified in hack/control-plane/README.md ("How the stack is started"). */
export function components(ctx: ComponentContext): Record<ComponentName, Component> {
  const { pki, ports, kubeconfig } = ctx;
  const spec = (name: ComponentName, args: string[]): ProcessSpec => ({
    name,
    command: path.join(ctx.binDir, name),
    args,
    logFile: componentLogFile(ctx.runDir, name),
  });
  const etcdUrl = `http://127.0.0.1:${ports.etcdClient}`;
  const peerUrl = `http://127.0.0.1:${ports.etcdPeer}`;
  const componentKubeconfig = [`--kubeconfig=${kubeconfig}`, `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`];
  // KCM and the scheduler serve certificates they generate themselves at start-up.
  const selfSigned: TlsOptions = { insecure: true };
  return {
    etcd: {
      process: spec('etcd', [
        '--name=node0', `--data-dir=${path.join(ctx.runDir, 'etcd')}`,
        `--listen-client-urls=${etcdUrl}`, `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`, `--initial-advertise-peer-urls=${peerUrl}`, `--initial-cluster=node0=${peerUrl}`,
        '--auto-compaction-retention=1', '--quota-backend-bytes=8589934592',
        // Test data only: losing it on a crash is fine, and fsync dominates start-up on slow disks.
        '--unsafe-no-fsync=true', '--log-level=warn',
      ]),
      readyUrl: `${etcdUrl}/health`,
    },
    'kube-apiserver': {
      process: spec('kube-apiserver', [
        `--etcd-servers=${etcdUrl}`, '--etcd-prefix=/registry',
        '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${ports.apiServer}`,
        `--tls-cert-file=${pki.adminCert}`, `--tls-private-key-file=${pki.adminKey}`, `--client-ca-file=${pki.caCert}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${pki.serviceAccountKey}`, `--service-account-signing-key-file=${pki.serviceAccountKey}`,
        `--service-cluster-ip-range=${SERVICE_CIDR}`, '--authorization-mode=RBAC',
        // No in-cluster client needs the `kubernetes` Service endpoints; kwok pods never call the apiserver.
        '--allow-privileged=true', '--endpoint-reconciler-type=none',
      ]),
      readyUrl: `https://127.0.0.1:${ports.apiServer}/readyz`,
      readyTls: { ca: fs.readFileSync(pki.caCert) },
    },
    'kube-controller-manager': {
      process: spec('kube-controller-manager', [
        ...componentKubeconfig, '--bind-address=127.0.0.1', `--secure-port=${ports.controllerManager}`,
        `--root-ca-file=${pki.caCert}`, `--service-account-private-key-file=${pki.serviceAccountKey}`,
        `--cluster-signing-cert-file=${pki.caCert}`, `--cluster-signing-key-file=${pki.caKey}`,
        '--use-service-account-credentials=false', '--leader-elect=false',
      ]),
      // KCM serves /healthz only; /readyz and /livez are 404.
      readyUrl: `https://127.0.0.1:${ports.controllerManager}/healthz`,
      readyTls: selfSigned,
    },
    'kube-scheduler': {
      process: spec('kube-scheduler', [
        ...componentKubeconfig, '--bind-address=127.0.0.1', `--secure-port=${ports.scheduler}`, '--leader-elect=false',
      ]),
      readyUrl: `https://127.0.0.1:${ports.scheduler}/healthz`,
      readyTls: selfSigned,
    },
    kwok: {
      process: spec('kwok', [
        `--kubeconfig=${kubeconfig}`, `--config=${ctx.kwokStages}`,
        '--manage-all-nodes=false', '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        `--cidr=${POD_CIDR}`, `--node-ip=${NODE_IP}`, '--node-lease-duration-seconds=40',
        // Only turns on kwok's HTTP server, which serves the /healthz we wait on.
        `--server-address=127.0.0.1:${ports.kwok}`,
      ]),
      readyUrl: `http://127.0.0.1:${ports.kwok}/healthz`,
    },
  };
}

/** Each component's stdout and stderr go to `<runDir>/logs/<name>.log`. */
export function componentLogFile(runDir: string, name: ComponentName): string {
  return path.join(runDir, 'logs', `${name}.log`);
}

/** Probes a component's health endpoint: ready on HTTP 200. */
export function probeHealth(component: Component): () => Promise<ProbeResult<true>> {
  return async () => {
    const res = await httpRequest(component.readyUrl, { tls: component.readyTls, timeoutMs: 2000 });
    return res.status === 200 ? done(true) : notYet(`HTTP ${res.status} ${res.text.trim().slice(0, 200)}`);
  };
}
