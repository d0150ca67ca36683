import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { AdminApi } from './admin-api';
import { REPO_ROOT } from './repo-root';
import { buildControlPlane, buildRealNodeBinaries } from './build-script';
import { ClusterDir, prepareClusterDir, removeClusterDir } from './cluster-dir';
import { ApiServerEndpoint, Component, ComponentName, componentLogFile, components, kwokExecBinDir, LOOPBACK_SERVICE_CIDR, probeHealth } from './components';
import { ImageDefinition } from '../images/image-definition';
import { buildNodeImages, NodeImages } from './real-node/node-images';
import { cleanUpRealNodes } from './real-node/real-node-cleanup';
import { RealNodes } from './real-node/real-nodes';
import { writeKubeconfig } from './kubeconfig';
import { createFakeNodes, probeNodesSchedulable } from './nodes';
import { makePki, makeServingCert } from './pki';
import { pickFreePorts } from './ports';
import { killNow, ManagedProcess, recordOf, recordSelf, StopOutcome } from './processes';
import { guardProcess } from './signal-guard';
import { ClusterState, stateFilePath, writeState } from './state-file';
import { done, notYet, ProbeResult, waitFor } from '../operator/kube/wait';

export interface LocalClusterOptions {
  /** Fake Nodes to create. @default 3 */
  readonly nodes?: number;
  /**
   * Real nodes to start: a kubelet and containerd each, with the project's images imported (real-node/). Needs root.
   * @default 0
   */
  readonly realNodes?: number;
  /** Images to import into the real nodes besides pause, busybox and the operator. @default [] */
  readonly extraImages?: readonly ImageDefinition[];
  /** Folder for PKI, kubeconfig, etcd data, logs and the state file; must be missing or empty. @default a new temp folder */
  readonly dir?: string;
  /** Where hack/control-plane lives. @default the nearest such folder above this file */
  readonly repoRoot?: string;
  /** Progress lines. @default written to stderr */
  readonly log?: (line: string) => void;
  /** Keep the folder (logs, etcd data) after a successful stop. @default FLUID_CDK8S_KEEP_CLUSTER_DIR=1 */
  readonly keepDir?: boolean;
  /** Called after SIGINT/SIGTERM stopped the cluster. @default exit with 128+signal number */
  readonly afterSignalStop?: (signal: NodeJS.Signals) => void;
}

/** Readiness deadlines. Measured start-up is about 5.5 s in all (hack/control-plane/README.md); these allow a slow CI box. */
const DEADLINES_MS = { component: 60_000, nodes: 60_000, serviceAccount: 60_000, crds: 30_000 } as const;

/**
 * Start order; stop goes the other way. KCM and the scheduler start together. kwok's CRDs are installed between
 * the last two stages: kwok lists them at start-up (--enable-crds) and exits if they are not served.
 */
const START_STAGES: readonly (readonly ComponentName[])[] = [
  ['etcd'], ['kube-apiserver'], ['kube-controller-manager', 'kube-scheduler'], ['kwok'],
];

/** A running etcd + kube-apiserver + KCM + scheduler + kwok with fake Nodes, all on 127.0.0.1. */
export class LocalCluster {
  private readonly processes: ManagedProcess[] = [];
  private stopping: Promise<StopOutcome[]> | undefined;
  private removeGuard: () => void = () => undefined;
  private server = '';
  private nodes: string[] = [];
  private startedMs = 0;
  private realNodes: RealNodes | undefined;
  private nodeImages: NodeImages | undefined;
  private binDir = '';
  private apiServerComponent: Component | undefined;

  private constructor(
    private readonly clusterDir: ClusterDir,
    private readonly options: LocalClusterOptions,
    private readonly log: (line: string) => void,
  ) {}

  /** The harness folder. Deleted by stop() unless kept; kept when start-up fails. */
  get dir(): string {
    return this.clusterDir.path;
  }

  get kubeconfig(): string {
    return path.join(this.dir, 'kubeconfig.yaml');
  }

  get stateFile(): string {
    return stateFilePath(this.dir);
  }

  /** `https://127.0.0.1:<port>` */
  get apiServerUrl(): string {
    return this.server;
  }

  /** The fake (KWOK) Nodes. */
  get nodeNames(): readonly string[] {
    return this.nodes;
  }

  /** The control plane's kubectl, the same version as the apiserver. */
  get kubectl(): string {
    return path.join(this.binDir, 'kubectl');
  }

  /** The real Nodes: tainted `node.fluid-cdk8s.io/real=true:NoSchedule`, labelled `node.fluid-cdk8s.io/real=true`. */
  get realNodeNames(): readonly string[] {
    return this.realNodes?.nodes.map((n) => n.name) ?? [];
  }

  /** The shared mount root (Bidirectional propagation works below it); only with real nodes. */
  get mountRoot(): string | undefined {
    return this.realNodes?.mountRoot;
  }

  /** Names of the images imported into the real nodes. */
  get images(): { readonly busybox: string; readonly operator: string; readonly extra: readonly string[] } | undefined {
    const i = this.nodeImages;
    return i && { busybox: i.busybox.reference, operator: i.operator.reference, extra: i.extra.map((e) => e.reference) };
  }

  /** Milliseconds from the first process spawn to a usable cluster. */
  get startupMs(): number {
    return this.startedMs;
  }

  logFile(component: ComponentName): string {
    return componentLogFile(this.dir, component);
  }

  get apiServerLog(): string {
    return this.logFile('kube-apiserver');
  }

  /** Builds (or finds cached) binaries, then starts everything and waits until pods can be scheduled. */
  static async start(options: LocalClusterOptions = {}): Promise<LocalCluster> {
    const log = options.log ?? ((line: string) => process.stderr.write(`[cluster] ${line}\n`));
    const repoRoot = options.repoRoot ?? REPO_ROOT;
    const binDir = await buildControlPlane(repoRoot);
    const nodeBinDir = (options.realNodes ?? 0) > 0 ? await buildRealNodeBinaries(repoRoot) : undefined;
    const cluster = new LocalCluster(prepareClusterDir(options.dir), options, log);
    cluster.removeGuard = guardProcess({
      stop: () => cluster.stop(),
      killNow: () => cluster.killNow(),
      afterStop: options.afterSignalStop,
      log,
    });
    try {
      await cluster.boot(repoRoot, binDir, nodeBinDir);
      return cluster;
    } catch (err) {
      await cluster.abandonStart();
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`Local cluster failed to start: ${reason}\nLogs and state kept in ${cluster.dir}`, { cause: err });
    }
  }

  /**
   * Resolves with a sentence naming the first component that exits without stop() having been called,
   * and never resolves if none does. For long-running callers such as `cluster up`.
   */
  unexpectedExit(): Promise<string> {
    return new Promise((resolve) => {
      for (const proc of this.processes) {
        void proc.exited.then(() => {
          if (this.stopping === undefined) resolve(proc.exitReport() ?? `${proc.name} exited`);
        });
      }
    });
  }

  /**
   * Stops every process in reverse start order, each SIGTERM then SIGKILL after a grace period, and only
   * then deletes the folder. Safe to call more than once (signal handler and test teardown may race).
   */
  stop(): Promise<StopOutcome[]> {
    this.stopping ??= this.stopProcesses().then((outcomes) => {
      this.cleanUpRealNodes();
      if (this.keepDir()) this.log(`Kept ${this.dir}`);
      else removeClusterDir(this.clusterDir);
      this.removeGuard();
      return outcomes;
    });
    return this.stopping;
  }

  /**
   * Stops the kube-apiserver alone (SIGTERM, as the others are stopped), leaving etcd and the rest running: an
   * apiserver outage for tests. startApiServer() brings it back on the same address, with etcd's data intact.
   */
  async stopApiServer(): Promise<StopOutcome> {
    const proc = this.processes.find((p) => p.name === 'kube-apiserver');
    if (proc === undefined) throw new Error('stopApiServer: the kube-apiserver is not running');
    const outcome = await proc.stop();
    // Out of the list, so waits that give up when a component exits do not count this one.
    this.processes.splice(this.processes.indexOf(proc), 1);
    this.saveState();
    this.log(`Stopped ${outcome.name} (pid ${outcome.pid}) for an outage: ${outcome.how} after ${outcome.ms} ms`);
    return outcome;
  }

  /** Starts the kube-apiserver again after stopApiServer() and waits until it is ready. */
  async startApiServer(): Promise<void> {
    if (this.apiServerComponent === undefined) throw new Error('startApiServer: the cluster has not booted');
    if (this.processes.some((p) => p.name === 'kube-apiserver')) throw new Error('startApiServer: the kube-apiserver is running');
    await this.startComponent(this.apiServerComponent);
  }

  private async boot(repoRoot: string, binDir: string, nodeBinDir: string | undefined): Promise<void> {
    this.binDir = binDir;
    fs.mkdirSync(path.join(this.dir, 'logs'), { recursive: true });
    fs.mkdirSync(kwokExecBinDir(this.dir), { recursive: true });
    if (nodeBinDir !== undefined) {
      this.nodeImages = await buildNodeImages(repoRoot, nodeBinDir, this.options.extraImages ?? [], this.log);
      this.realNodes = RealNodes.claim({ count: this.options.realNodes ?? 0, clusterDir: this.dir, log: this.log });
      this.saveState();
    }
    const [etcdClient, etcdPeer, loopbackApiPort, controllerManager, scheduler, kwok] = await pickFreePorts(6);
    const real = this.realNodes?.addressing;
    const apiServer: ApiServerEndpoint = real
      ? { address: real.apiServerIp, port: real.apiServerPort, serviceCidr: real.serviceCidr, realNodes: true }
      : { address: '127.0.0.1', port: loopbackApiPort, serviceCidr: LOOPBACK_SERVICE_CIDR, realNodes: false };
    const pki = await makePki(path.join(this.dir, 'pki'), real ? [real.apiServerIp] : []);
    this.server = `https://${apiServer.address}:${apiServer.port}`;
    // kwok serves the kubelet API of all its nodes on 127.0.0.1, their ExternalIP (kwok-stages.yaml). Its certificate
    // is for the apiserver's key: another RSA key would cost a few hundred milliseconds of start-up on a busy machine.
    const kwokServing = await makeServingCert(pki, 'kwok-serving', { commonName: 'kwok' }, ['127.0.0.1'], pki.adminKey);
    const files = { caCert: pki.caCert, clientCert: pki.adminCert, clientKey: pki.adminKey };
    await writeKubeconfig(this.kubeconfig, { server: this.server, ...files });
    const controlPlaneDir = path.join(repoRoot, 'hack', 'control-plane');
    const all = components({
      binDir, runDir: this.dir, pki, kwokServing, kubeconfig: this.kubeconfig, apiServer,
      kwokStages: path.join(controlPlaneDir, 'kwok-stages.yaml'),
      ports: { etcdClient, etcdPeer, controllerManager, scheduler, kwok },
    });
    this.apiServerComponent = all['kube-apiserver'];
    this.saveState();
    const started = Date.now();
    const api = new AdminApi(this.server, files);
    for (const stage of START_STAGES) {
      if (stage.includes('kwok')) await this.installKwokCrds(api, path.join(controlPlaneDir, 'kwok-crds.yaml'));
      await Promise.all(stage.map((name) => this.startComponent(all[name])));
    }
    const count = this.options.nodes ?? 3;
    this.nodes = await createFakeNodes(api, count);
    await this.waitFor(`${count} fake Nodes to be Ready and untainted`, DEADLINES_MS.nodes,
      () => probeNodesSchedulable(api, this.nodes));
    if (this.realNodes !== undefined && nodeBinDir !== undefined && this.nodeImages !== undefined) {
      await this.realNodes.start({
        clusterDir: this.dir, pki, binDir: nodeBinDir, images: this.nodeImages, api, log: this.log,
        onProcess: (proc) => {
          this.processes.push(proc);
          this.saveState();
        },
        abortIf: () => this.deadProcessReport(),
      });
    }
    // The ServiceAccount admission plugin refuses pods in a namespace until its `default` ServiceAccount exists.
    await this.waitFor('ServiceAccount default/default (created by KCM)', DEADLINES_MS.serviceAccount,
      () => probeServiceAccount(api, 'default', 'default'));
    this.startedMs = Date.now() - started;
    this.log(`Ready in ${(this.startedMs / 1000).toFixed(2)} s: ${this.server}, kubeconfig ${this.kubeconfig}`);
  }

  private async startComponent(component: Component): Promise<void> {
    const started = Date.now();
    // A signal may have started stop() while an earlier stage was still coming up.
    if (this.stopping !== undefined) throw new Error(`stopped before ${component.process.name} started`);
    const proc = await ManagedProcess.start(component.process);
    this.processes.push(proc);
    this.saveState();
    await this.waitFor(`${proc.name} to answer 200 on ${component.readyUrl}`, DEADLINES_MS.component, probeHealth(component));
    this.log(`${proc.name} ready (pid ${proc.pid}) after ${Date.now() - started} ms`);
  }

  /** Creates kwok's CRDs (ClusterExec) and waits until the apiserver serves them. */
  private async installKwokCrds(api: AdminApi, file: string): Promise<void> {
    const crds = parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map((d) => d.toJS() as { metadata: { name: string } } | null).filter((d) => d !== null);
    for (const crd of crds) {
      const res = await api.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
      if (res.status !== 201) throw new Error(`creating CRD ${crd.metadata.name} from ${file} returned ${res.status}: ${JSON.stringify(res.body)}`);
      await this.waitFor(`CRD ${crd.metadata.name} to be Established`, DEADLINES_MS.crds, () => probeCrdEstablished(api, crd.metadata.name));
    }
    this.log(`Installed ${crds.map((c) => c.metadata.name).join(', ')}`);
  }

  /** A wait that gives up as soon as any component has exited, naming it and quoting its log. */
  private waitFor<T>(description: string, deadlineMs: number, probe: () => Promise<ProbeResult<T>>): Promise<T> {
    return waitFor(description, deadlineMs, probe, { abortIf: () => this.deadProcessReport() });
  }

  private deadProcessReport(): string | undefined {
    const dead = this.processes.find((p) => p.exitReport() !== undefined);
    return dead && `${dead.exitReport()}\n--- last lines of its log ---\n${dead.logTail()}`;
  }

  private async stopProcesses(): Promise<StopOutcome[]> {
    const outcomes: StopOutcome[] = [];
    const stopped = new Set<ManagedProcess>();
    // Reverse order, one at a time: the apiserver must be gone before etcd stops (README "Gotchas").
    // Picks the newest unstopped process each time, so one whose spawn was in flight is not missed.
    for (let proc = this.newestRunning(stopped); proc !== undefined; proc = this.newestRunning(stopped)) {
      stopped.add(proc);
      const outcome = await proc.stop();
      this.log(`Stopped ${outcome.name} (pid ${outcome.pid}): ${outcome.how} after ${outcome.ms} ms`);
      outcomes.push(outcome);
    }
    return outcomes;
  }

  private newestRunning(stopped: ReadonlySet<ManagedProcess>): ManagedProcess | undefined {
    return [...this.processes].reverse().find((p) => !stopped.has(p));
  }

  /** Start-up failed: stop what runs but keep the folder, whose logs say why. */
  private async abandonStart(): Promise<void> {
    this.stopping ??= this.stopProcesses();
    await this.stopping;
    this.cleanUpRealNodes();
    this.removeGuard();
  }

  /** After the processes are stopped: the containers, mounts, links and cgroups the real nodes left. */
  private cleanUpRealNodes(): void {
    if (this.realNodes === undefined) return;
    for (const line of cleanUpRealNodes(this.realNodes.record, this.dir)) this.log(`Removed ${line}`);
  }

  /** For `process.on('exit')`, where nothing asynchronous runs: SIGKILL everything, then delete the folder. */
  private killNow(): void {
    for (const proc of this.processes) if (proc.exitReport() === undefined) killNow(proc.pid);
    try {
      this.cleanUpRealNodes();
    } catch (err) {
      this.log(`Cleaning up the real nodes failed (${String(err)}); \`fluid-cdk8s cluster down --dir ${this.dir}\` retries it`);
      return;
    }
    if (this.keepDir()) return;
    try {
      removeClusterDir(this.clusterDir);
    } catch {
      // A process killed a moment ago may still be writing; `cluster down --dir` can finish the job.
    }
  }

  private keepDir(): boolean {
    return this.options.keepDir ?? process.env.FLUID_CDK8S_KEEP_CLUSTER_DIR === '1';
  }

  private saveState(): void {
    const state: ClusterState = {
      version: 1,
      owner: recordSelf(),
      dir: this.dir,
      removeDir: this.clusterDir.created,
      kubeconfig: this.kubeconfig,
      server: this.server,
      processes: this.processes.map(recordOf),
      ...(this.realNodes ? { realNodes: this.realNodes.record } : {}),
    };
    writeState(state);
  }
}

async function probeCrdEstablished(api: AdminApi, name: string): Promise<ProbeResult<true>> {
  const res = await api.request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
  const established = (res.body?.status?.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True');
  return established ? done(true) : notYet(`GET CRD ${name} returned ${res.status}, Established not True yet`);
}

async function probeServiceAccount(api: AdminApi, namespace: string, name: string): Promise<ProbeResult<true>> {
  const res = await api.request('GET', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}`);
  return res.status === 200 ? done(true) : notYet(`GET ServiceAccount ${namespace}/${name} returned ${res.status}`);
}
