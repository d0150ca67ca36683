// FilePrefetcher against Fluid's plugin: the sidecar's env, mounts and place, and its refusals.
import { filePrefetcher } from '../../../../webhook/plugins/file-prefetcher';
import { appPod, use } from '../fixtures';

const ask = (extra: Record<string, string> = {}) => appPod({ annotations: { 'file-prefetcher.fluid.io/inject': 'true', 'file-prefetcher.fluid.io/image': 'prefetcher:1', ...extra } });

describe('FilePrefetcher', () => {
  it('does nothing unless asked', () => {
    const pod = appPod();
    expect(filePrefetcher.mutate(pod, [use()], {}).pod).toBe(pod);
  });

  it('reads every file of every Dataset by default, waiting in postStart', () => {
    const out = filePrefetcher.mutate(ask(), [use()], {}).pod;
    const [prefetcher] = out.spec.containers;
    expect(prefetcher.name).toBe('fluid-file-prefetcher');
    expect(prefetcher.env).toEqual([
      { name: 'FILE_PREFETCHER_FILE_LIST', value: '/data/data/**' },
      { name: 'FILE_PREFETCHER_ASYNC_PREFETCH', value: 'false' },
      { name: 'FILE_PREFETCHER_TIMEOUT_SECONDS', value: '120' },
    ]);
    expect(prefetcher.volumeMounts).toEqual([{ name: 'data', mountPath: '/data/data' }, { name: 'fluid-file-prefetcher-status-vol', mountPath: '/tmp/fluid-file-prefetcher/status' }]);
    expect(prefetcher.lifecycle?.postStart?.exec?.command?.[0]).toBe('bash');
    expect(out.metadata.annotations?.['file-prefetcher.fluid.io/inject-done']).toBe('true');
  });

  it('takes globs from the file list and shares the status volume with the app when async', () => {
    const out = filePrefetcher.mutate(ask({ 'file-prefetcher.fluid.io/file-list': 'pvc://demo/train/*.pkl;pvc://other/x;s3://no', 'file-prefetcher.fluid.io/async-prefetch': 'true' }), [use()], {}).pod;
    expect(out.spec.containers[0].env![0]).toEqual({ name: 'FILE_PREFETCHER_FILE_LIST', value: '/data/data/train/*.pkl' });
    expect(out.spec.containers[0].lifecycle).toBeUndefined();
    expect(out.spec.containers[1].volumeMounts!.map((m) => m.name)).toContain('fluid-file-prefetcher-status-vol');
  });

  it('refuses malformed annotations, naming them', () => {
    expect(() => filePrefetcher.mutate(ask({ 'file-prefetcher.fluid.io/extra-envs': 'A=1 B' }), [use()], {})).toThrow(/extra-envs/);
    expect(() => filePrefetcher.mutate(ask({ 'file-prefetcher.fluid.io/prefetch-timeout-seconds': 'soon' }), [use()], {})).toThrow(/prefetch-timeout-seconds/);
    expect(() => filePrefetcher.mutate(appPod({ annotations: { 'file-prefetcher.fluid.io/inject': 'true' } }), [use()], {})).toThrow(/file-prefetcher\.fluid\.io\/image/);
  });
});
