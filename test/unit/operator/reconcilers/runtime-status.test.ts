// The runtime status as Fluid writes it: condition reasons and messages per phase (pkg/ctrl/master.go, worker.go,
// fuse.go; pkg/ddc/cache/engine), empty phases for components an engine does not make, cacheAffinity.
import type { Condition } from '../../../../operator/reconcilers/conditions';
import { flatRuntimeStatus, perComponentStatus, StatusInput } from '../../../../operator/reconcilers/runtime-status';
import type { RuntimePhase, WorkloadState } from '../../../../operator/reconcilers/workload-readiness';

const NOW = new Date('2026-11-23T10:05:00Z');

function state(phase: RuntimePhase, desired: number, ready: number): WorkloadState {
  return { phase, desired, current: desired, ready, available: ready, unavailable: desired - ready, exists: phase !== '' };
}

const ABSENT_READY = { ...state('Ready', 0, 0), exists: false };

function input(over: Partial<StatusInput> = {}): StatusInput {
  return {
    previous: undefined,
    states: { master: state('Ready', 1, 1), workers: state('Ready', 2, 2), fuse: state('Ready', 0, 0) },
    has: { master: true, workers: true, fuse: true },
    now: NOW,
    createdAt: '2026-11-23T10:00:00Z',
    ...over,
  };
}

function condition(status: Record<string, unknown>, type: string): Condition | undefined {
  return (status.conditions as Condition[]).find((c) => c.type === type);
}

describe('ready conditions, worded as Fluid words them', () => {
  it.each([
    ['NotReady', 0, 'False', 'The workers are not ready.'],
    ['PartialReady', 1, 'True', 'The workers are partially ready.'],
    ['Ready', 2, 'True', 'The workers are ready.'],
  ] as const)('workers %s: WorkersReady %s, reason "Workers are ready" in every phase (pkg/ctrl/worker.go)', (phase, ready, status, message) => {
    const s = flatRuntimeStatus(input({ states: { master: state('Ready', 1, 1), workers: state(phase, 2, ready), fuse: state('Ready', 0, 0) } }));
    expect(condition(s, 'WorkersReady')).toMatchObject({ status, reason: 'Workers are ready', message });
    expect(s.workerPhase).toBe(phase);
  });

  it.each([
    ['NotReady', 0, 'False', 'The master is not ready.'],
    ['PartialReady', 1, 'True', 'The master is partially ready.'],
    ['Ready', 3, 'True', 'The master is ready.'],
  ] as const)('master %s: MasterReady %s with Fluid\'s message (pkg/ctrl/master.go)', (phase, ready, status, message) => {
    const s = flatRuntimeStatus(input({ states: { master: state(phase, 3, ready), workers: state('Ready', 2, 2), fuse: state('Ready', 0, 0) } }));
    expect(condition(s, 'MasterReady')).toEqual(expect.objectContaining({ status, reason: 'Master is ready', message }));
  });

  it('a Pending worker turns WorkersReady False, keeping its reason and taking the new message', () => {
    const ready = flatRuntimeStatus(input());
    const pending = flatRuntimeStatus(input({ previous: ready, now: new Date('2026-11-23T10:06:00Z'), states: { master: state('Ready', 1, 1), workers: state('NotReady', 2, 0), fuse: state('Ready', 0, 0) } }));
    expect(condition(pending, 'WorkersReady')).toEqual({
      type: 'WorkersReady', status: 'False', reason: 'Workers are ready', message: 'The workers are not ready.',
      lastTransitionTime: '2026-11-23T10:06:00Z', lastProbeTime: '2026-11-23T10:06:00Z',
    });
  });

  it('the fuse: FusesReady "The fuses are ready." and fuseReason beside the phase (pkg/ctrl/fuse.go)', () => {
    const s = flatRuntimeStatus(input());
    expect(condition(s, 'FusesReady')).toMatchObject({ status: 'True', reason: 'Fuses are ready', message: 'The fuses are ready.' });
    expect(s.fuseReason).toBe('Fuses are ready');
    expect(flatRuntimeStatus(input({ states: { master: state('', 0, 0), workers: state('', 0, 0), fuse: state('', 0, 0) } })).fuseReason).toBeUndefined();
  });
});

describe('phases of components an engine does not make', () => {
  it('JuiceFS (no master): masterPhase stays empty, as Fluid never checks a master there (juicefs/master.go)', () => {
    const s = flatRuntimeStatus(input({ has: { master: false, workers: true, fuse: true }, states: { master: ABSENT_READY, workers: state('Ready', 1, 1), fuse: state('Ready', 0, 0) } }));
    expect(s).toMatchObject({ masterPhase: '', workerPhase: 'Ready', fusePhase: 'Ready' });
    expect(condition(s, 'MasterReady')).toBeUndefined();
  });

  it('Thin without workers: masterPhase and workerPhase both empty (thin/master.go, thin/worker.go)', () => {
    const s = flatRuntimeStatus(input({ has: { master: false, workers: false, fuse: true }, states: { master: ABSENT_READY, workers: ABSENT_READY, fuse: state('Ready', 0, 0) } }));
    expect(s).toMatchObject({ masterPhase: '', workerPhase: '', fusePhase: 'Ready', setupDuration: '5m0s' });
  });
});

describe('CacheRuntime conditions (pkg/ddc/cache/engine)', () => {
  it('one condition per created component, the worker\'s being WorkersReady with the "initialized" reason, and none about readiness', () => {
    const s = perComponentStatus(input({ states: { master: state('NotReady', 1, 0), workers: state('NotReady', 2, 0), fuse: state('Ready', 0, 0) } }), 'fluid-runtime-config-demo');
    expect((s.conditions as Condition[]).map(({ type, status, reason, message }) => ({ type, status, reason, message }))).toEqual([
      { type: 'MasterInitialized', status: 'True', reason: 'Master is initialized', message: 'The master is initialized.' },
      { type: 'WorkersReady', status: 'True', reason: 'Workers are initialized', message: 'The worker is initialized.' },
      { type: 'FusesInitialized', status: 'True', reason: 'Fuses are initialized', message: 'The client setup finished.' },
    ]);
  });
});

describe('cacheAffinity', () => {
  const affinity = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } };

  it('is written in both status forms when given, and left out otherwise', () => {
    expect(flatRuntimeStatus(input({ cacheAffinity: affinity })).cacheAffinity).toEqual(affinity);
    expect(perComponentStatus(input({ cacheAffinity: affinity }), 'cm').cacheAffinity).toEqual(affinity);
    expect(flatRuntimeStatus(input())).not.toHaveProperty('cacheAffinity');
  });
});
