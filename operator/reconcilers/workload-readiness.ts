// Readiness of the workloads an engine made, as Fluid reads it (pkg/utils/kubeclient/statefulset.go, pkg/ctrl/*.go).
import type { WorkloadRef } from '../../constructs/runtimes/runtime-engine';
import type { ClusterView, ObservedObject } from './cluster-view';

export type RuntimePhase = '' | 'NotReady' | 'PartialReady' | 'Ready';

export interface WorkloadState {
  /** '' when the workload does not exist yet. */
  readonly phase: RuntimePhase;
  readonly desired: number;
  readonly current: number;
  readonly ready: number;
  readonly available: number;
  readonly unavailable: number;
  readonly exists: boolean;
}

const ABSENT: WorkloadState = { phase: '', desired: 0, current: 0, ready: 0, available: 0, unavailable: 0, exists: false };

/** desired 0 or all ready: Ready; some ready: PartialReady; none: NotReady. */
export function phaseOf(desired: number, ready: number): RuntimePhase {
  if (desired === 0 || ready >= desired) return 'Ready';
  return ready > 0 ? 'PartialReady' : 'NotReady';
}

function counts(obj: ObservedObject): Omit<WorkloadState, 'phase' | 'exists'> {
  const s = obj.status ?? {};
  if (obj.kind === 'DaemonSet') {
    return {
      desired: s.desiredNumberScheduled ?? 0,
      current: s.currentNumberScheduled ?? 0,
      ready: s.numberReady ?? 0,
      available: s.numberAvailable ?? 0,
      unavailable: s.numberUnavailable ?? 0,
    };
  }
  const desired = obj.spec?.replicas ?? 1;
  const ready = s.readyReplicas ?? 0;
  return { desired, current: s.currentReplicas ?? s.replicas ?? 0, ready, available: s.availableReplicas ?? 0, unavailable: Math.max(0, desired - (s.availableReplicas ?? 0)) };
}

/**
 * The state of a workload. A StatefulSet whose controller has not yet seen its latest spec (observedGeneration
 * behind) is not Ready: its counts describe the old spec.
 */
export function workloadState(view: ClusterView, ref: WorkloadRef | undefined, namespace: string): WorkloadState {
  if (!ref) return { ...ABSENT, phase: 'Ready' };
  const obj = view.get(ref.kind, ref.name, namespace);
  if (!obj) return ABSENT;
  const c = counts(obj);
  const stale = (obj.status?.observedGeneration ?? 0) < (obj.metadata.generation ?? 0);
  // Fluid calls a fuse Ready as soon as its DaemonSet exists: it has pods only where the dataset is used (pkg/ctrl/fuse.go).
  const phase = ref.kind === 'DaemonSet' ? 'Ready' : stale ? 'NotReady' : phaseOf(c.desired, c.ready);
  return { ...c, phase, exists: true };
}

/** Workers count as ready once one is (Fluid's PartialReady), or when none are wanted. */
export function workersUsable(state: WorkloadState): boolean {
  return state.phase === 'Ready' || state.phase === 'PartialReady';
}
