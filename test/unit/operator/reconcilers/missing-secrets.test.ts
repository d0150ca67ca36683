// Which missing Secrets hold a runtime back: exactly those its rendered pods mount, reported at the field naming
// them. JuiceFS reads only the first mount's encryptOptions, so a Secret named by another mount blocks nothing.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../../../constructs/render-documents';
import type { ObservedObject } from '../../../../operator/reconcilers/cluster-view';
import { planRuntime } from '../../../../operator/reconcilers/runtime-plan';
import { runtimeSnapshot } from '../../../../operator/reconcilers/runtime-snapshot';
import { PlanState } from '../../../support/plan-state';

const NS = 'team-a';
const option = (name: string, secret: string) => ({ name, valueFrom: { secretKeyRef: { name: secret, key: name } } });
const dataset: ObservedObject = {
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'jfs', namespace: NS, uid: 'ds-uid' },
  spec: {
    mounts: [
      { name: 'jfs', mountPoint: 'juicefs:///', options: { bucket: 'http://minio:9000/test', storage: 'minio' }, encryptOptions: [option('metaurl', 'used'), option('access-key', 'used')] },
      { name: 'other', mountPoint: 'juicefs:///other', encryptOptions: [option('metaurl', 'unused')] },
    ],
  },
};
const runtime: ObservedObject = {
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'JuiceFSRuntime',
  metadata: { name: 'jfs', namespace: NS, uid: 'rt-uid' },
  spec: { replicas: 1, tieredstore: { levels: [{ mediumtype: 'SSD', path: '/cache', quota: '1Gi' }] } },
};
const secret = (name: string): ObservedObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: NS } });
const plan = (state: PlanState) => planRuntime(runtimeSnapshot(state.view(), builtinEngines(), { kind: 'JuiceFSRuntime', namespace: NS, name: 'jfs' }, DEFAULT_SETTINGS, new Date('2026-12-03T10:00:00Z'))!);

test('a Secret the engine mounts and that is missing blocks the runtime, named at every field that names it', () => {
  const p = plan(new PlanState([dataset, runtime]));
  expect(p.events).toEqual([expect.objectContaining({ type: 'Warning', reason: 'ErrorProcessRuntime' })]);
  expect(p.events[0].note).toBe([
    `Dataset ${NS}/jfs: spec.mounts[0].encryptOptions[0].valueFrom.secretKeyRef.name: Secret "used" not found in namespace ${NS}`,
    `Dataset ${NS}/jfs: spec.mounts[0].encryptOptions[1].valueFrom.secretKeyRef.name: Secret "used" not found in namespace ${NS}`,
  ].join('; '));
  expect(p.outcome).toEqual({ kind: 'requeueAfter', ms: 30_000 });
});

test('a Secret named only by a mount the engine does not read blocks nothing', () => {
  const p = plan(new PlanState([dataset, runtime, secret('used')]));
  expect(p.events.filter((e) => e.type === 'Warning')).toEqual([]);
  expect(p.writes.length).toBeGreaterThan(0);
});
