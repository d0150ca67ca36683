// `fluid-cdk8s uninstall`: removes what `install` put in the cluster and everything made from our CRDs, in the order
// that lets the operator clean up after itself: first every Dataset, runtime and data operation (the operator tears
// each one down and releases its finalizer), then the operator and the CSI plugin, then the CRDs. Deleting a CRD
// first, as `install | kubectl delete -f -` does, leaves it "deletion in progress" for good: its objects keep
// finalizers that nobody will release once the operator is gone.
import * as k8s from '@kubernetes/client-node';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { parseAllDocuments } from 'yaml';
import { OPERATOR_NAME } from '../constructs/operator/operator-install';
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import { LiveObjects } from '../operator/kube/live-objects';
import { ResourceCatalog } from '../operator/kube/resources';
import { done, notYet, waitFor, WaitTimeoutError } from '../operator/kube/wait';
import { CLUSTER_SCOPED, OWNED_KINDS } from '../operator/reconcilers/child-kinds';
import type { ObservedObject } from '../operator/reconcilers/cluster-view';
import { MANAGED_BY, MANAGED_BY_LABEL } from '../operator/reconcilers/owner-tag';
import { registryWith } from './engine-modules';
import { installManifests } from './install';
import { objectTitle } from './live-diff/object-diff';
import { crDeletionRank, fluidNodeLabels, installDeletionOrder, LeaseState, operatorActivity, ourFinalizers, remainingReport, withoutOurs } from './uninstall/uninstall-plan';

interface UninstallOptions {
  readonly namespace: string;
  readonly engine: string[];
  readonly kubeconfig?: string;
  readonly timeout: number;
  readonly force?: boolean;
}

interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec?: { readonly names?: { readonly kind?: string } };
}

/** Lines that say what is happening; the command's result is its exit code. */
const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

class Uninstall {
  private readonly manifests: Manifest[];
  private readonly crKinds: string[];
  private readonly live: LiveObjects;

  constructor(
    private readonly opts: UninstallOptions,
    private readonly registry: EngineRegistry,
    kc: k8s.KubeConfig,
  ) {
    this.manifests = parseAllDocuments(installManifests({ namespace: opts.namespace, registry })).map((d) => d.toJS() as Manifest);
    this.crKinds = this.manifests.filter((m) => m.kind === 'CustomResourceDefinition').map((m) => m.spec!.names!.kind!)
      .sort((a, b) => crDeletionRank(a, registry) - crDeletionRank(b, registry));
    this.live = new LiveObjects(kc, new ResourceCatalog(registry.definitions()));
  }

  private async customResources(): Promise<ObservedObject[]> {
    return (await Promise.all(this.crKinds.map((kind) => this.live.list(kind)))).flat();
  }

  /** Returns false (after saying why) when the operator did not release every finalizer in time. */
  async deleteCustomResources(): Promise<boolean> {
    const objects = await this.customResources();
    for (const o of objects.filter((x) => !x.metadata.deletionTimestamp)) {
      await this.live.delete(o.kind, o.metadata.name, o.metadata.namespace);
    }
    say(`Deleting ${objects.length} Fluid object(s); waiting up to ${this.opts.timeout} s for the operator to release their finalizers`);
    if (this.opts.force && (await this.operatorActivity()).length === 0) await this.removeOurFinalizers();
    try {
      await this.waitGone('every Fluid object to be deleted', () => this.customResources());
      return true;
    } catch (e) {
      if (!(e instanceof WaitTimeoutError)) throw e;
    }
    const left = await this.customResources();
    if (this.opts.force) {
      const activity = await this.operatorActivity();
      if (activity.length) {
        say(`error: the operator is still running (${activity.join('; ')}); --force removes finalizers only once it is gone. Stop it, or let it finish.`);
        return false;
      }
      await this.removeOurFinalizers();
      await this.waitGone('every Fluid object to be deleted once our finalizers were removed', () => this.customResources(), 30_000);
      return true;
    }
    say(`error: after ${this.opts.timeout} s these still exist, each waiting for a finalizer to be released:`);
    for (const line of remainingReport(left)) say(`  ${line}`);
    say('Is the operator running? Its log says why it holds them. Once it is stopped, `uninstall --force` removes fluid-cdk8s\'s finalizers (and no other).');
    return false;
  }

  private async operatorActivity(): Promise<string[]> {
    const ns = this.opts.namespace;
    const pods = await this.live.list('Pod', ns, `app.kubernetes.io/name=${OPERATOR_NAME}`);
    const leases: LeaseState[] = (await this.live.list('Lease', ns)).filter((l) => l.metadata.name.startsWith('fluid-cdk8s')).map((l) => ({
      name: `${ns}/${l.metadata.name}`,
      holder: l.spec?.holderIdentity,
      renewTimeMs: l.spec?.renewTime ? Date.parse(l.spec.renewTime) : undefined,
      durationSeconds: l.spec?.leaseDurationSeconds,
    }));
    return operatorActivity(pods, leases, Date.now());
  }

  private async removeOurFinalizers(): Promise<void> {
    const ours = ourFinalizers(this.registry, this.crKinds);
    for (const o of await this.customResources()) {
      const kept = withoutOurs(o.metadata.finalizers, ours);
      if (kept === undefined) continue;
      say(`Removing fluid-cdk8s's finalizers from ${objectTitle(o)}`);
      await this.live.setFinalizers(o, kept);
    }
  }

  /**
   * Objects the operator made that outlived their owner (a forced uninstall skips its clean-up; PVs have no owner
   * reference), and Fluid's labels left on nodes.
   */
  async deleteLeftovers(): Promise<void> {
    const selector = `${MANAGED_BY_LABEL}=${MANAGED_BY}`;
    const leftovers = async () => (await Promise.all(OWNED_KINDS.map((kind) => this.live.list(kind, undefined, selector)))).flat();
    for (const o of (await leftovers()).filter((x) => !x.metadata.deletionTimestamp)) {
      say(`Deleting ${objectTitle(o)}, made by the operator`);
      await this.live.delete(o.kind, o.metadata.name, CLUSTER_SCOPED.has(o.kind) ? undefined : o.metadata.namespace);
    }
    await this.waitGone('the objects the operator made to be deleted', leftovers);
    for (const node of await this.live.list('Node')) {
      const stale = fluidNodeLabels(node.metadata.labels);
      if (!stale.length) continue;
      say(`Removing Fluid's labels ${stale.join(', ')} from Node ${node.metadata.name}`);
      await this.live.removeLabels('Node', node.metadata.name, stale);
    }
  }

  /** The operator, the CSI plugin and their RBAC and namespace, then the CRDs. */
  async deleteInstall(): Promise<void> {
    const installed = installDeletionOrder(this.manifests.filter((m) => m.kind !== 'CustomResourceDefinition'));
    const crds = this.manifests.filter((m) => m.kind === 'CustomResourceDefinition');
    for (const m of [...installed, ...crds]) {
      if (await this.live.deleteAddressed(m)) say(`Deleted ${objectTitle(m)}`);
    }
    const present = async () => (await Promise.all([...installed, ...crds].map((m) => this.live.getAddressed(m)))).flatMap((o) => (o ? [o] : []));
    await this.waitGone('the install objects and CRDs to be deleted', present);
  }

  private async waitGone(what: string, list: () => Promise<ObservedObject[]>, deadlineMs = this.opts.timeout * 1000): Promise<void> {
    await waitFor(what, deadlineMs, async () => {
      const left = await list();
      return left.length === 0 ? done(true) : notYet(remainingReport(left).slice(0, 10).join(', '));
    }, { intervalMs: 500 });
  }
}

async function run(opts: UninstallOptions): Promise<number> {
  const kc = new k8s.KubeConfig();
  if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
  else kc.loadFromDefault();
  const uninstall = new Uninstall(opts, registryWith(opts.engine), kc);
  if (!(await uninstall.deleteCustomResources())) return 1;
  await uninstall.deleteLeftovers();
  await uninstall.deleteInstall();
  say('Uninstalled');
  return 0;
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a whole number of seconds (1 or more)`);
  return n;
}

export function registerUninstallCommand(program: Command): void {
  program
    .command('uninstall')
    .description('delete every Fluid object (letting the operator release them), then the operator, the CSI plugin and the CRDs')
    .option('-n, --namespace <ns>', 'namespace of the operator, as given to install', 'fluid-system')
    .option('--engine <modules...>', 'the engine modules given to install: their CRDs and objects are removed too', [])
    .option('--kubeconfig <path>', 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config)')
    .option('--timeout <seconds>', 'how long each wait may take: for the operator to release finalizers, and for each stage of deletions', parseSeconds, 120)
    .option('--force', "once the operator is gone (no Ready pod, no fresh Lease), remove fluid-cdk8s's finalizers that block deletion")
    .action(async (opts: UninstallOptions) => {
      try {
        process.exitCode = await run(opts);
      } catch (e) {
        say(`error: ${e instanceof Error ? e.message : String(e)}`);
        process.exitCode = 1;
      }
    });
}
