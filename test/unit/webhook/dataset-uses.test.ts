// Which PVCs are a Dataset's, and Fluid's bound precheck with its skip annotation.
import { builtinEngines } from '../../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../../constructs/render-documents';
import { StaticClusterView } from '../../../operator/reconcilers/cluster-view';
import { datasetUsesOf } from '../../../webhook/dataset-uses';
import { appPod } from './fixtures';

const registry = builtinEngines();
const pvc = (name: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default', labels } });
const dataset = (phase?: string, conditions?: unknown[]) => ({
  apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'demo', namespace: 'default' },
  spec: { mounts: [{ mountPoint: 'https://example.org/data', name: 'web' }] }, ...(phase ? { status: { phase, conditions } } : {}),
});
const ctx = (objects: object[]) => ({ view: new StaticClusterView(objects as never, registry), registry, settings: DEFAULT_SETTINGS, now: new Date() });

describe('datasetUsesOf', () => {
  it('ignores PVCs without a Dataset label, as Fluid does', () => {
    expect(datasetUsesOf(appPod(), 'default', ctx([pvc('demo', { app: 'x' }), dataset('NotBound')]))).toEqual({ ok: true, uses: [] });
  });

  it('refuses a Dataset that is not bound, quoting its NotReady condition, unless the pod skips the precheck', () => {
    const objects = [pvc('demo', { 'fluid.io/s-default-demo': 'true' }), dataset('NotBound', [{ type: 'NotReady', message: 'no runtime' }])];
    expect(datasetUsesOf(appPod(), 'default', ctx(objects))).toEqual({ ok: false, error: expect.stringMatching(/PVC demo: dataset "default\/demo" not ready because no runtime/) });
    const skipping = appPod({ annotations: { 'sidecar.fluid.io/skip-precheck': 'true' } });
    expect(datasetUsesOf(skipping, 'default', ctx(objects))).toEqual({ ok: false, error: expect.stringMatching(/has no runtime/) });
  });
});
