import * as fs from 'node:fs';
import * as path from 'node:path';
import { httpRequest, TlsOptions } from './http-request';
import { CertFiles, Pki } from './pki';
import { ProcessSpec } from './processes';
import { done, notYet, ProbeResult } from '../operator/kube/wait';

export type ComponentName = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok';

export interface ComponentPorts {
  readonly etcdClient: number;
  readonly etcdPeer: number;
  readonly controllerManager: number;
  readonly scheduler: number;
  readonly kwok: number;
}

/** Where the apiserver serves: 127.0.0.1 and a free port, or, with real nodes, the in-cluster address (real-node/addressing.ts). */
export interface ApiServerEndpoint {
  readonly address: string;
  readonly port: number;
  readonly serviceCidr: string;
  /** Real kubelets: authorize them as nodes (Node authorizer, NodeRestriction). */
  readonly realNodes: boolean;
}

export interface ComponentContext {
  readonly binDir: string;
  /** Scratch folder: etcd data and logs live here. */
  readonly runDir: string;
  readonly pki: Pki;
  /** kwok's serving certificate for the kubelet API it serves for its nodes (exec, logs). */
  readonly kwokServing: CertFiles;
  readonly kubeconfig: string;
  readonly kwokStages: string;
  readonly ports: ComponentPorts;
  readonly apiServer: ApiServerEndpoint;
}

/** A component to start and the health endpoint that says it is ready. */
export interface Component {
  readonly process: ProcessSpec;
  readonly readyUrl: string;
  readonly readyTls?: TlsOptions;
}

/**
 * Put first on kwok's PATH. kwok runs an exec into a pod it simulates on this machine, and resolves a bare command
 * (`alluxio`) with its own PATH before any ClusterExec environment applies, so a test stubs a bare command by placing
 * it here (test/support/kwok-exec.ts). Empty otherwise, so kwok's other lookups are unchanged.
 */
export function kwokExecBinDir(runDir: string): string {
  return path.join(runDir, 'kwok-exec', 'bin');
}

// Pod IPs come from --cidr; the node IP must lie outside it or kwok hands it to a pod (README "Gotchas").
const POD_CIDR = '10.244.0.0/16';
const NODE_IP = '10.240.0.1';
/** The Service range when the apiserver runs on loopback (no real node). */
export const LOOPBACK_SERVICE_CIDR = '10.96.0.0/16';

/** Flags verified in hack/control-plane/README.md ("How the stack is started"). */
export function components(ctx: ComponentContext): Record<ComponentName, Component> {
  const { pki, ports, kubeconfig } = ctx;
  const spec = (name: ComponentName, args: string[], env?: Record<string, string>): ProcessSpec => ({
    name,
    command: path.join(ctx.binDir, name),
    args,
    logFile: componentLogFile(ctx.runDir, name),
    ...(env ? { env } : {}),
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
        `--bind-address=${ctx.apiServer.address}`, `--advertise-address=${ctx.apiServer.address}`, `--secure-port=${ctx.apiServer.port}`,
        `--tls-cert-file=${pki.adminCert}`, `--tls-private-key-file=${pki.adminKey}`, `--client-ca-file=${pki.caCert}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${pki.serviceAccountKey}`, `--service-account-signing-key-file=${pki.serviceAccountKey}`,
        `--service-cluster-ip-range=${ctx.apiServer.serviceCidr}`,
        // No kube-proxy routes the `kubernetes` Service: with real nodes the apiserver listens on its ClusterIP itself.
        '--allow-privileged=true', '--endpoint-reconciler-type=none',
        // logs, exec and port-forward: the apiserver calls a node's kubelet API with the admin certificate, at the
        // node's ExternalIP, else its InternalIP. Only KWOK nodes have an ExternalIP: 127.0.0.1, where kwok serves
        // that API for all of them (kwok-stages.yaml); real kubelets listen on their InternalIP. No
        // --kubelet-certificate-authority: real kubelets serve self-signed certificates, so none are verified.
        '--kubelet-preferred-address-types=ExternalIP,InternalIP',
        `--kubelet-client-certificate=${pki.adminCert}`, `--kubelet-client-key=${pki.adminKey}`,
        // No kube-proxy routes Services either: the apiserver calls webhooks (the operator's pod webhook) and
        // aggregated APIs of pods on the real nodes at their Service's endpoints instead of its ClusterIP.
        ...(ctx.apiServer.realNodes
          ? ['--authorization-mode=Node,RBAC', '--enable-admission-plugins=NodeRestriction', '--enable-aggregator-routing=true']
          : ['--authorization-mode=RBAC']),
      ]),
      readyUrl: `https://${ctx.apiServer.address}:${ctx.apiServer.port}/readyz`,
      readyTls: { ca: fs.readFileSync(pki.caCert) },
    },
    'kube-controller-manager': {
      process: spec('kube-controller-manager', [
        ...componentKubeconfig, '--bind-address=127.0.0.1', `--secure-port=${ports.controllerManager}`,
        `--root-ca-file=${pki.caCert}`, `--service-account-private-key-file=${pki.serviceAccountKey}`,
        `--cluster-signing-cert-file=${pki.caCert}`, `--cluster-signing-key-file=${pki.caKey}`,
        '--use-service-account-credentials=false', '--leader-elect=false',
        // KCM's client defaults (20 requests a second, 5 StatefulSets synced at once) are sized for a small cluster:
        // a hundred runtimes at once (bench:scale) waited 50 s on KCM creating their pods, 16 s with these.
        '--kube-api-qps=200', '--kube-api-burst=400', '--concurrent-statefulset-syncs=20', '--concurrent-daemonset-syncs=10',
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
        // One port serves plain HTTP (the /healthz we wait on) and TLS (the kubelet API: exec). It has no
        // authentication, so it listens on loopback only. --node-port is what Nodes advertise as their kubelet port.
        `--server-address=127.0.0.1:${ports.kwok}`, `--node-port=${ports.kwok}`,
        `--tls-cert-file=${ctx.kwokServing.cert}`, `--tls-private-key-file=${ctx.kwokServing.key}`,
        // Exec rules come and go with the tests (test/support/kwok-exec.ts); the CRD is installed before kwok starts.
        '--enable-crds=ClusterExec',
      ], { PATH: [kwokExecBinDir(ctx.runDir), process.env.PATH ?? ''].join(path.delimiter) }),
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
