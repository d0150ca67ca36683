// Length limits on rendered names and label values, checked before anything is applied.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../../../constructs/render-documents';
import type { KubeObject } from '../../../../constructs/render-runtime';
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { limitMessage, limitViolations, objectLimitViolations } from '../../../../operator/reconcilers/object-limits';
import { planRuntime } from '../../../../operator/reconcilers/runtime-plan';
import { runtimeSnapshot } from '../../../../operator/reconcilers/runtime-snapshot';
import { PlanState } from '../../../support/plan-state';

const obj = (kind: string, name: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'ns' }, ...extra });
const long = (n: number) => 'a'.repeat(n);

describe('objectLimitViolations', () => {
  it('accepts a label value of exactly 63 bytes and refuses 64, naming the field', () => {
    expect(objectLimitViolations(obj('ConfigMap', 'c', { metadata: { name: 'c', labels: { name: long(63) } } }))).toEqual([]);
    const [v] = objectLimitViolations(obj('ConfigMap', 'c', { metadata: { name: 'c', labels: { name: long(64) } } }));
    expect(v).toMatchObject({ kind: 'ConfigMap', name: 'c', field: 'metadata.labels["name"]', bytes: 64, limit: 63 });
  });

  it('counts bytes, not characters', () => {
    expect(objectLimitViolations(obj('ConfigMap', 'c', { metadata: { name: 'c', labels: { k: 'é'.repeat(32) } } }))[0]?.bytes).toBe(64);
  });

  it('checks selectors and pod templates, including a CronJob job template', () => {
    const sts = obj('StatefulSet', 's', { spec: { selector: { matchLabels: { a: long(64) } }, template: { metadata: { labels: { b: long(64) } } } } });
    expect(objectLimitViolations(sts).map((v) => v.field)).toEqual(['spec.selector.matchLabels["a"]', 'spec.template.metadata.labels["b"]']);
    const cron = obj('CronJob', 'c', { spec: { jobTemplate: { spec: { template: { metadata: { labels: { j: long(70) } } } } } } });
    expect(objectLimitViolations(cron).map((v) => v.field)).toEqual(['spec.jobTemplate.spec.template.metadata.labels["j"]']);
    const svc = obj('Service', 's', { spec: { selector: { name: long(64) } } });
    expect(objectLimitViolations(svc).map((v) => v.field)).toEqual(['spec.selector["name"]']);
  });

  it('checks the name part of a label key, not its prefix', () => {
    expect(objectLimitViolations(obj('ConfigMap', 'c', { metadata: { name: 'c', labels: { [`fluid.io/${long(63)}`]: 'x' } } }))).toEqual([]);
    expect(objectLimitViolations(obj('ConfigMap', 'c', { metadata: { name: 'c', labels: { [`fluid.io/${long(64)}`]: 'x' } } }))[0]?.field).toMatch(/key/);
  });

  it('limits names per kind: Service 63, StatefulSet 52, Job 63, CronJob 52, others 253', () => {
    const limitOf = (kind: string, n: number) => objectLimitViolations(obj(kind, long(n)))[0]?.limit;
    expect([limitOf('Service', 63), limitOf('Service', 64)]).toEqual([undefined, 63]);
    expect([limitOf('StatefulSet', 52), limitOf('StatefulSet', 53)]).toEqual([undefined, 52]);
    expect([limitOf('Job', 63), limitOf('Job', 64)]).toEqual([undefined, 63]);
    expect([limitOf('CronJob', 52), limitOf('CronJob', 53)]).toEqual([undefined, 52]);
    expect([limitOf('ConfigMap', 253), limitOf('ConfigMap', 254)]).toEqual([undefined, 253]);
  });
});

describe('limitMessage', () => {
  it('says how long the name may be when every offending value derives from it', () => {
    const name = long(60);
    const v = limitViolations([obj('ConfigMap', `${name}-config`, { metadata: { name: `${name}-config`, namespace: 'ns', labels: { name: `${name}-config` } } })]);
    expect(limitMessage(v, name)).toBe(`ConfigMap ns/${name}-config: metadata.labels["name"] would be 67 bytes, over the 63-byte limit (a label value is at most 63 bytes); these derive from the name 60 characters long: use a name at most 56 characters long`);
  });

  it('gives no name advice when a value does not derive from the name (a user label)', () => {
    const v = limitViolations([obj('ConfigMap', 'c', { metadata: { name: 'c', labels: { mine: long(70) } } })]);
    expect(limitMessage(v, 'rt')).not.toMatch(/use a name/);
  });

  it('lists three objects and counts the rest', () => {
    const v = limitViolations(['a', 'b', 'c', 'd', 'e'].map((n) => obj('Service', `${n}${long(70)}`)));
    expect(limitMessage(v)).toMatch(/2 more object\(s\) likewise$/);
  });
});

describe('the runtime plan refuses over-long derived names before rendering anything', () => {
  const registry = builtinEngines();
  const name = long(60);
  const state = () => new PlanState([
    { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name, namespace: 'default', uid: '6f1c2b7e-3f5d-4a8e-9b1a-2c3d4e5f6a7b' }, spec: { mounts: [{ mountPoint: 'https://example.org/x/', name: 'x' }] } },
    { apiVersion: 'data.fluid.io/v1alpha1', kind: 'AlluxioRuntime', metadata: { name, namespace: 'default', uid: 'rt-uid', generation: 1 }, spec: { replicas: 1 } } as ObservedObject,
  ], registry);

  it('writes Validated=False and one Warning naming the 63-byte limit, and nothing else', () => {
    const s = state();
    const p = planRuntime(runtimeSnapshot(s.view(), registry, { kind: 'AlluxioRuntime', namespace: 'default', name }, DEFAULT_SETTINGS, new Date('2026-12-03T00:00:00Z'))!);
    expect(p.writes.map((w) => w.op)).toEqual(['status']);
    expect(p.events).toHaveLength(1);
    expect(p.events[0]).toMatchObject({ type: 'Warning', reason: 'ErrorValidateSpecFields' });
    expect(p.events[0].note).toContain('over the 63-byte limit');
    expect(p.outcome).toEqual({ kind: 'done' });
    const status = (p.writes[0] as unknown as { status: { conditions: { type: string; status: string; message: string }[] } }).status;
    expect(status.conditions.find((c) => c.type === 'Validated')).toMatchObject({ status: 'False', message: p.events[0].note });
    // Replayed: the condition already says so, so the next reconcile writes and records nothing.
    s.apply(p);
    const again = planRuntime(runtimeSnapshot(s.view(), registry, { kind: 'AlluxioRuntime', namespace: 'default', name }, DEFAULT_SETTINGS, new Date('2026-12-03T00:00:10Z'))!);
    expect(again).toEqual({ writes: [], events: [], outcome: { kind: 'done' } });
  });
});
