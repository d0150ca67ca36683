import * as fs from 'node:fs';
import * as path from 'node:path';
import { AdminApi } from './admin-api';
import { REPO_ROOT } from '../cli/repo-root';
import { buildControlPlane } from './build-script';
import { ClusterDir, prepareClusterDir, removeClusterDir } from './cluster-dir';
import { Component, ComponentName, componentLogFile, components, probeHealth } from './components';
import { writeKubeconfig } from './kubeconfig';
import { createFakeNodes, probeNodesSchedulable } from './nodes';
import { makePki } from './pki';
import { pickFreePorts } from './ports';
import { killNow, ManagedProcess, recordOf, recordSelf, StopOutcome } from './processes';
import { guardProcess } from './signal-guard';
import { ClusterState, stateFilePath, writeState } from './state-file';
import { done, notYet, ProbeResult, waitFor, WaitOptions } from './wait';

export interface LocalClusterOptions {
  /** Fake Nodes to create. @default 3 */
  readonly nodes?: number;
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
const DEADLINES_MS = { component: 60_000, nodes: 60_000, serviceAccount: 60_000 } as const;

/** Start order; stop goes the other way. KCM and the scheduler start together. */
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

  get nodeNames(): readonly string[] {
    return this.nodes;
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
    const cluster = new LocalCluster(prepareClusterDir(options.dir), options, log);
    cluster.removeGuard = guardProcess({
      stop: () => cluster.stop(),
      killNow: () => cluster.killNow(),
      afterStop: options.afterSignalStop,
      log,
    });
    try {
      await cluster.boot(repoRoot, binDir);
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
      if (this.keepDir()) this.log(`Kept ${this.dir}`);
      else removeClusterDir(this.clusterDir);
      this.removeGuard();
      return outcomes;
    });
    return this.stopping;
  }

  private async boot(repoRoot: string, binDir: string): Promise<void> {
    fs.mkdirSync(path.join(this.dir, 'logs'), { recursive: true });
    const pki = await makePki(path.join(this.dir, 'pki'));
    const [etcdClient, etcdPeer, apiServer, controllerManager, scheduler, kwok] = await pickFreePorts(6);
    this.server = `https://127.0.0.1:${apiServer}`;
    const files = { caCert: pki.caCert, clientCert: pki.adminCert, clientKey: pki.adminKey };
    await writeKubeconfig(this.kubeconfig, { server: this.server, ...files });
    const all = components({
      binDir, runDir: this.dir, pki, kubeconfig: this.kubeconfig,
      kwokStages: path.join(repoRoot, 'hack', 'control-plane', 'kwok-stages.yaml'),
      ports: { etcdClient, etcdPeer, apiServer, controllerManager, scheduler, kwok },
    });
    this.saveState();
    const started = Date.now();
    for (const stage of START_STAGES) await Promise.all(stage.map((name) => this.startComponent(all[name])));
    const api = new AdminApi(this.server, files);
    const count = this.options.nodes ?? 3;
    this.nodes = await createFakeNodes(api, count);
    await this.waitFor(`${count} fake Nodes to be Ready and untainted`, DEADLINES_MS.nodes,
      () => probeNodesSchedulable(api, this.nodes));
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

  /** A wait that gives up as soon as any component has exited, naming it and quoting its log. */
  private waitFor<T>(description: string, deadlineMs: number, probe: () => Promise<ProbeResult<T>>): Promise<T> {
    const abortIf: WaitOptions['abortIf'] = () => {
      const dead = this.processes.find((p) => p.exitReport() !== undefined);
      return dead && `${dead.exitReport()}\n--- last lines of its log ---\n${dead.logTail()}`;
    };
    return waitFor(description, deadlineMs, probe, { abortIf });
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
    this.removeGuard();
  }

  /** For `process.on('exit')`, where nothing asynchronous runs: SIGKILL everything, then delete the folder. */
  private killNow(): void {
    for (const proc of this.processes) if (proc.exitReport() === undefined) killNow(proc.pid);
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
    };
    writeState(state);
  }
}

async function probeServiceAccount(api: AdminApi, namespace: string, name: string): Promise<ProbeResult<true>> {
  const res = await api.request('GET', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}`);
  return res.status === 200 ? done(true) : notYet(`GET ServiceAccount ${namespace}/${name} returned ${res.status}`);
}
