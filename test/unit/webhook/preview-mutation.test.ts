// `synth --mutate` over real example files: the Datasets come from the pictured cluster, and the fuse sidecar is
// the engine's own FuseDaemonSet container, so the two cannot drift apart.
import { join } from 'node:path';
import { readDocuments } from '../../../cli/read-documents';
import { builtinEngines } from '../../../constructs/runtimes/builtin-engines';
import { synthesize } from '../../../operator/reconcilers/synthesize';
import { DEFAULT_PROFILE } from '../../../webhook/plugins-profile';
import { previewMutation } from '../../../webhook/preview-mutation';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const files = readDocuments(join(REPO_ROOT, 'examples', 'thin-nfs-demo.yaml')).flatMap((d) => (d.ok ? [d.value] : []));

function pod(labels: Record<string, string>, claimName = 'demo-nfs', annotations?: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'reader', labels, ...(annotations ? { annotations } : {}) },
    spec: { containers: [{ name: 'app', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] },
  };
}

describe('previewMutation', () => {
  const registry = builtinEngines();

  it('injects the fuse DaemonSet\'s own container, renamed, with its volumes', () => {
    const result = previewMutation([...files, pod({ 'serverless.fluid.io/inject': 'true' })], registry, {}, DEFAULT_PROFILE, {});
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const admitted = result.pods[0].admitted!;
    const synthesized = synthesize(files, registry);
    if (!synthesized.ok) throw new Error('synth failed');
    const daemonSet = synthesized.groups.flatMap((g) => g.objects).find((o) => o.kind === 'DaemonSet') as any;
    const fuse = daemonSet.spec.template.spec.containers[0];
    const sidecar = admitted.spec.containers[0];
    expect(sidecar.name).toBe('fluid-fuse-0');
    // The DaemonSet's container, plus the postStart mount check (at the mount point the fuse sees).
    expect({ ...sidecar, name: fuse.name, volumeMounts: undefined, lifecycle: { ...sidecar.lifecycle, postStart: undefined } }).toEqual({ ...fuse, volumeMounts: undefined });
    expect(sidecar.lifecycle?.postStart?.exec?.command?.slice(-2)).toEqual(['/runtime-mnt/thin/default/demo-nfs/thin-fuse', '']);
    expect(sidecar.volumeMounts!.map((m) => m.name)).toEqual(fuse.volumeMounts.map((m: { name: string }) => `${m.name}-0`));
    expect(admitted.spec.volumes![0]).toEqual({ name: 'data', hostPath: { path: '/runtime-mnt/thin/default/demo-nfs/thin-fuse' } });
  });

  it('steers a serverful pod to the cache nodes and leaves a pod asking for nothing alone', () => {
    const result = previewMutation([...files, pod({ 'fuse.serverful.fluid.io/inject': 'true' }), { ...pod({}), metadata: { name: 'plain' } }], registry, {}, DEFAULT_PROFILE, {});
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const [steered, plain] = result.pods;
    expect(steered.admitted!.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0].preference.matchExpressions?.[0].key).toBe('fluid.io/s-default-demo-nfs');
    expect(plain).toMatchObject({ pod: 'default/plain', skipped: 'the pod asks for no Fluid injection' });
  });

  it('treats a PVC no Dataset owns as no Dataset', () => {
    const result = previewMutation([...files, pod({ 'fuse.serverful.fluid.io/inject': 'true' }, 'someone-elses')], registry, {}, DEFAULT_PROFILE, {});
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.pods[0].admitted!.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0].preference.matchExpressions?.[0].key).toBe('fluid.io/dataset-num');
  });
});
