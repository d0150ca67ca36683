// The decisions of `fluid-cdk8s uninstall`, apart from its I/O: which finalizers are ours, the order things are
// deleted in, whether the operator is still around to release finalizers, and what to tell the user when it is not.
import { isOperationKind } from '../../constructs/operations/operation-rules';
import { SESSMGR_NODE_LABEL } from '../../constructs/runtimes/efc/defaults';
import type { EngineRegistry } from '../../constructs/runtimes/engine-registry';
import type { ObservedObject } from '../../operator/reconcilers/cluster-view';
import { DATASET_FINALIZER } from '../../operator/reconcilers/dataset-plan';
import { DATASET_NUM, EXCLUSIVE } from '../../operator/reconcilers/node-labels';
import { operationFinalizer } from '../../operator/reconcilers/operation-plan';
import { finalizerOf } from '../../operator/reconcilers/runtime-metadata';
import { objectTitle } from '../live-diff/object-diff';

/** Every finalizer the operator puts on our kinds; `--force` removes these and no other. */
export function ourFinalizers(registry: EngineRegistry, kinds: readonly string[]): Set<string> {
  const engines = registry.kinds().flatMap((k) => {
    const engine = registry.get(k);
    return engine ? [finalizerOf(engine)] : [];
  });
  return new Set([DATASET_FINALIZER, ...engines, ...kinds.filter(isOperationKind).map(operationFinalizer)]);
}

/** The finalizers left once ours are taken off; undefined when none of ours is there (nothing to write). */
export function withoutOurs(finalizers: readonly string[] | undefined, ours: ReadonlySet<string>): string[] | undefined {
  const all = finalizers ?? [];
  const kept = all.filter((f) => !ours.has(f));
  return kept.length === all.length ? undefined : kept;
}

/**
 * Data operations first (their Jobs stop), then runtimes (each tears its cache down and resets its Dataset), then
 * Datasets, then what runtimes name (profiles, classes): the order in which no finalizer waits on a later object.
 */
export function crDeletionRank(kind: string, registry: EngineRegistry): number {
  if (isOperationKind(kind)) return 0;
  if (registry.get(kind) || kind.endsWith('Runtime')) return 1;
  if (kind === 'Dataset') return 2;
  return 3;
}

interface Installed {
  readonly kind: string;
}

/**
 * The install objects in deletion order: webhook configurations first (a webhook whose server is gone would refuse
 * pods), then the rest in the reverse of install's order, so workloads go before the RBAC they run under and the
 * Namespace goes last.
 */
export function installDeletionOrder<T extends Installed>(objects: readonly T[]): T[] {
  const reversed = [...objects].reverse();
  const webhooks = reversed.filter((o) => o.kind.endsWith('WebhookConfiguration'));
  return [...webhooks, ...reversed.filter((o) => !webhooks.includes(o))];
}

/** A Lease as read: who holds it, and until when (epoch ms). */
export interface LeaseState {
  readonly name: string;
  readonly holder?: string;
  readonly renewTimeMs?: number;
  readonly durationSeconds?: number;
}

function podReady(pod: ObservedObject): boolean {
  const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
  return !pod.metadata.deletionTimestamp && conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * Why the operator may still be running, one sentence each; empty when it is gone. A Ready operator pod counts, and
 * so does a Lease whose holder renewed it within its duration (an operator outside the cluster holds one too).
 */
export function operatorActivity(pods: readonly ObservedObject[], leases: readonly LeaseState[], nowMs: number): string[] {
  const ready = pods.filter(podReady).map((p) => `pod ${p.metadata.namespace}/${p.metadata.name} is Ready`);
  const held = leases
    .filter((l) => l.holder && l.renewTimeMs !== undefined && nowMs < l.renewTimeMs + (l.durationSeconds ?? 15) * 1000)
    .map((l) => `Lease ${l.name} is held by ${l.holder} (renewed ${Math.max(0, Math.round((nowMs - l.renewTimeMs!) / 1000))} s ago)`);
  return [...ready, ...held];
}

/** One line per object still there: `Kind ns/name (finalizers: a, b)`. */
export function remainingReport(objects: readonly ObservedObject[]): string[] {
  return objects.map((o) => `${objectTitle(o)}${o.metadata.finalizers?.length ? ` (finalizers: ${o.metadata.finalizers.join(', ')})` : ''}`);
}

/**
 * The node labels Fluid puts on nodes for datasets (pkg/utils/dataset/lifecycle: dataset-num, the exclusive mark,
 * `fluid.io/s-...` cache labels, and the CSI plugin's `fluid.io/f-...` fuse labels), and the CSI plugin's EFC session
 * manager label, which nothing removes while installed (Fluid neither). Once no Dataset is left, every one of them is
 * stale; the operator removes the dataset labels as it tears runtimes down, and this catches any it missed.
 */
export function fluidNodeLabels(labels: Readonly<Record<string, string>> | undefined): string[] {
  return Object.keys(labels ?? {}).filter((k) => k === DATASET_NUM || k === EXCLUSIVE || k === SESSMGR_NODE_LABEL || k.startsWith('fluid.io/s-') || k.startsWith('fluid.io/f-'));
}
