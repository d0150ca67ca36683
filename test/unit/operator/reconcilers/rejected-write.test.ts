// The apiserver's refusal of a rendered object: a condition with the generation, one Event, and no hot retry.
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { boundDatasetStatus } from '../../../../operator/reconcilers/dataset-status';
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../../../constructs/render-documents';
import { RuntimeStatus } from '../../../../crds/schema/common/runtime-status';
import { planRuntime, runtimeRejection } from '../../../../operator/reconcilers/runtime-plan';
import { runtimeSnapshot } from '../../../../operator/reconcilers/runtime-snapshot';
import { PlanState } from '../../../support/plan-state';
import { FORBIDDEN_RETRY_MS, heldByRejection, Rejection, rejectionMessage, runtimeRejectionPlan } from '../../../../operator/reconcilers/rejected-write';

const T0 = new Date('2026-12-03T10:00:00Z');
const runtime = (generation = 1, status?: Record<string, unknown>): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1', kind: 'AlluxioRuntime', metadata: { name: 'r', namespace: 'ns', uid: 'u1', generation }, spec: {}, ...(status ? { status } : {}),
});
const dataset = (generation = 1, status?: Record<string, unknown>): ObservedObject => ({
  apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'r', namespace: 'ns', uid: 'u2', generation }, spec: {}, status: status ?? { phase: 'NotBound', conditions: [] },
});
const invalid: Rejection = { object: { apiVersion: 'v1', kind: 'ConfigMap', name: 'r-config', namespace: 'ns' }, status: 422, reason: 'Invalid', message: 'ConfigMap "r-config" is invalid: metadata.labels: Invalid value' };
const forbidden: Rejection = { ...invalid, status: 403, reason: 'Forbidden', message: 'configmaps is forbidden' };

/** Applies a plan's status writes onto the objects, as the apiserver would. */
function after(plan: ReturnType<typeof runtimeRejectionPlan>, rt: ObservedObject, ds: ObservedObject): [ObservedObject, ObservedObject] {
  const statusOf = (kind: string, obj: ObservedObject) => {
    const w = plan.writes.find((x) => x.op === 'status' && x.key.kind === kind);
    return w && w.op === 'status' ? { ...obj, status: w.status } : obj;
  };
  return [statusOf('AlluxioRuntime', rt), statusOf('Dataset', ds)];
}

describe('runtimeRejectionPlan', () => {
  it('names the refused object and quotes the apiserver, on both the runtime and the Dataset, with one Warning', () => {
    const plan = runtimeRejectionPlan(runtime(), dataset(), invalid, T0);
    expect(rejectionMessage(invalid)).toBe('the apiserver refused ConfigMap ns/r-config (422 Invalid): ConfigMap "r-config" is invalid: metadata.labels: Invalid value; retried when the spec changes');
    const [rt, ds] = after(plan, runtime(), dataset());
    expect(rt.status?.conditions).toEqual([expect.objectContaining({ type: 'Validated', status: 'False', reason: 'ApplyRejected', message: rejectionMessage(invalid), observedGeneration: 1 })]);
    expect(ds.status?.conditions).toEqual([expect.objectContaining({ type: 'NotReady', status: 'True', reason: 'ApplyRejected', observedGeneration: 1 })]);
    expect(plan.events).toEqual([expect.objectContaining({ type: 'Warning', reason: 'ApplyRejected', action: 'Apply', note: rejectionMessage(invalid) })]);
    expect(plan.outcome).toEqual({ kind: 'done' });
  });

  it('keeps the rest of a running runtime\'s status', () => {
    const plan = runtimeRejectionPlan(runtime(1, { masterPhase: 'Ready', conditions: [] }), undefined, invalid, T0);
    expect(plan.writes).toHaveLength(1);
    expect((plan.writes[0] as { status: Record<string, unknown> }).status.masterPhase).toBe('Ready');
  });
});

describe('heldByRejection', () => {
  it('holds a 422 until the runtime or the Dataset gets a new generation', () => {
    const [rt, ds] = after(runtimeRejectionPlan(runtime(), dataset(), invalid, T0), runtime(), dataset());
    expect(heldByRejection(rt, ds, new Date(T0.getTime() + 86_400_000))).toEqual({ kind: 'done' });
    expect(heldByRejection({ ...rt, metadata: { ...rt.metadata, generation: 2 } }, ds, T0)).toBeUndefined();
    expect(heldByRejection(rt, { ...ds, metadata: { ...ds.metadata, generation: 2 } }, T0)).toBeUndefined();
  });

  it('retries a 403 every FORBIDDEN_RETRY_MS, and each attempt starts a new wait', () => {
    const [rt, ds] = after(runtimeRejectionPlan(runtime(), dataset(), forbidden, T0), runtime(), dataset());
    expect(heldByRejection(rt, ds, new Date(T0.getTime() + 60_000))).toEqual({ kind: 'requeueAfter', ms: FORBIDDEN_RETRY_MS - 60_000 });
    const later = new Date(T0.getTime() + FORBIDDEN_RETRY_MS);
    expect(heldByRejection(rt, ds, later)).toBeUndefined();
    const [rt2, ds2] = after(runtimeRejectionPlan(rt, ds, forbidden, later), rt, ds);
    expect(heldByRejection(rt2, ds2, new Date(later.getTime() + 1000))).toEqual({ kind: 'requeueAfter', ms: FORBIDDEN_RETRY_MS - 1000 });
  });

  it('does not hold for other Validated=False reasons', () => {
    const rt = runtime(1, { conditions: [{ type: 'Validated', status: 'False', reason: 'InvalidSpec', observedGeneration: 1 }] });
    expect(heldByRejection(rt, dataset(), T0)).toBeUndefined();
  });

  it('binding clears the Dataset\'s refusal condition', () => {
    const [, ds] = after(runtimeRejectionPlan(runtime(), dataset(), invalid, T0), runtime(), dataset());
    const bound = boundDatasetStatus(ds.status, {}, { kind: 'AlluxioRuntime', name: 'r', namespace: 'ns', runtimeType: 'alluxio', masterReplicas: 1 }, T0);
    expect((bound.conditions as { type: string }[]).map((c) => c.type)).toEqual(['Ready']);
  });
});

describe('runtimeRejection', () => {
  it('gives a runtime refused at its first setup a complete status, as the CRD requires', () => {
    const registry = builtinEngines();
    const state = new PlanState([dataset(), { ...runtime(), spec: { replicas: 1 } }], registry);
    const snapshot = runtimeSnapshot(state.view(), registry, { kind: 'AlluxioRuntime', namespace: 'ns', name: 'r' }, DEFAULT_SETTINGS, T0)!;
    const plan = runtimeRejection(snapshot, invalid, T0);
    const status = (plan.writes[0] as unknown as { status: Record<string, unknown> }).status;
    expect(status).toMatchObject({ masterPhase: '', workerPhase: '', fusePhase: '', conditions: [expect.objectContaining({ type: 'Validated', reason: 'ApplyRejected' })] });
    expect(RuntimeStatus.safeParse(status).success).toBe(true);
  });
});

describe('a refusal of what a ThinRuntimeProfile renders', () => {
  const registry = builtinEngines();
  const profile: ObservedObject = {
    apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntimeProfile', metadata: { name: 'nfs' },
    spec: { fileSystemType: 'nfs', fuse: { image: 'registry.example.org/nfs-fuse', imageTag: 'v1', command: ['/mount.sh'] } },
  };
  const thin: ObservedObject = { apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntime', metadata: { name: 'r', namespace: 'ns' }, spec: { profileName: 'nfs' } };
  const ds: ObservedObject = { ...dataset(), spec: { mounts: [{ name: 'data', mountPoint: 'nfs://nfs.example.org/exports' }] } };
  const snapshotOf = (state: PlanState) => runtimeSnapshot(state.view(), registry, { kind: 'ThinRuntime', namespace: 'ns', name: 'r' }, DEFAULT_SETTINGS, T0)!;

  it('records the profile\'s generation, holds while it stays, and lets go when the profile changes', () => {
    /** The profile at generation 3 (two edits), and the runtime and its Dataset at 1. */
    const stateWith = (runtime: ObservedObject) => {
      const state = new PlanState([ds, runtime, profile], registry);
      for (const fileSystemType of ['nfs4', 'nfs']) state.put({ ...profile, spec: { ...profile.spec, fileSystemType } });
      return state;
    };
    const refused = runtimeRejection(snapshotOf(stateWith(thin)), invalid, T0);
    const status = (refused.writes[0] as unknown as { status: { conditions: Record<string, unknown>[] } }).status;
    expect(status.conditions.find((c) => c.type === 'Validated')).toMatchObject({ reason: 'ApplyRejected', observedGeneration: 1, referenceGeneration: 3 });
    expect(RuntimeStatus.safeParse(status).success).toBe(true);
    const state = stateWith({ ...thin, status });
    expect(planRuntime(snapshotOf(state))).toEqual({ writes: [], events: [], outcome: { kind: 'done' } });
    // The profile is edited: the runtime renders again (its finalizer first) though neither it nor its Dataset changed.
    state.put({ ...profile, spec: { ...profile.spec, fileSystemType: 'nfs3' } });
    expect(planRuntime(snapshotOf(state)).writes).toEqual([expect.objectContaining({ op: 'metadata', key: expect.objectContaining({ kind: 'ThinRuntime' }) })]);
  });
});
