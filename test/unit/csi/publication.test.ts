import { status } from '@grpc/grpc-js';
import { planPublication, publicationSource } from '../../../csi/publication';
import { podSubpathsDir, podVolumeOfTarget, pluginPaths, targetsOfVolume } from '../../../csi/plugin-paths';
import { parseVolumeAttributes } from '../../../csi/volume-attributes';
import type { NodePublishVolumeRequest } from '../../../csi/proto/csi-messages';

const TARGET = '/var/lib/kubelet/pods/u1/volumes/kubernetes.io~csi/ns-data/mount';
const context = { fluid_path: '/runtime-mnt/thin/ns/data/thin-fuse', mount_type: 'nfs', runtime_namespace: 'ns', runtime_name: 'data' };

function request(over: Partial<NodePublishVolumeRequest> = {}): NodePublishVolumeRequest {
  return {
    volume_id: 'ns-data', staging_target_path: '/staging', target_path: TARGET, readonly: false,
    volume_capability: { mount: { fs_type: '', mount_flags: [] }, access_mode: { mode: 'MULTI_NODE_MULTI_WRITER' } },
    volume_context: context, ...over,
  };
}

test('a bind of fluid_path (or its sub-folder) at the target, writable unless asked otherwise', () => {
  const plan = planPublication(request(), parseVolumeAttributes('ns-data', context), 'fluid.io/f-ns-data');
  expect(plan).toEqual({
    volumeId: 'ns-data', targetPath: TARGET, method: 'bind', fluidPath: context.fluid_path, mountType: 'nfs', subPath: '', readOnly: false, fuseLabelKey: 'fluid.io/f-ns-data',
  });
  const sub = planPublication(request(), parseVolumeAttributes('ns-data', { ...context, fluid_sub_path: 'a/b', node_publish_method: 'symlink' }), undefined);
  expect(publicationSource(sub)).toBe(`${context.fluid_path}/a/b`);
  expect(sub.method).toBe('symlink');
});

test('read-only when the pod\'s claim is readOnly, or the PV is ReadOnlyMany (Fluid\'s MULTI_NODE_READER_ONLY rule)', () => {
  const attrs = parseVolumeAttributes('ns-data', context);
  expect(planPublication(request({ readonly: true }), attrs, undefined).readOnly).toBe(true);
  expect(planPublication(request({ volume_capability: { access_mode: { mode: 'MULTI_NODE_READER_ONLY' } } }), attrs, undefined).readOnly).toBe(true);
  expect(planPublication(request({ volume_capability: null }), attrs, undefined).readOnly).toBe(false);
});

test('refused: no target, a relative target, block access; each names the volume', () => {
  const attrs = parseVolumeAttributes('ns-data', context);
  expect(() => planPublication(request({ target_path: '' }), attrs, undefined)).toThrow('NodePublishVolume ns-data: target_path is not set');
  expect(() => planPublication(request({ target_path: 'pods/x' }), attrs, undefined)).toThrow('NodePublishVolume ns-data: target_path must be an absolute, normalized path, got "pods/x"');
  try {
    planPublication(request({ volume_capability: { block: {} } }), attrs, undefined);
    throw new Error('accepted');
  } catch (err) {
    expect(err).toMatchObject({ code: status.INVALID_ARGUMENT, message: 'NodePublishVolume ns-data: volume_capability asks for a block device; a Fluid volume is a file system' });
  }
});

test('the sockets and folders the plugin shares with the kubelet', () => {
  expect(pluginPaths('/var/lib/kubelet/')).toEqual({
    registrationSocket: '/var/lib/kubelet/plugins_registry/fuse.csi.fluid.io-reg.sock',
    csiSocket: '/var/lib/kubelet/plugins/fuse.csi.fluid.io/csi.sock',
    publicationsDir: '/var/lib/kubelet/plugins/fuse.csi.fluid.io/publications',
  });
  expect(() => pluginPaths(`/tmp/${'x'.repeat(80)}`)).toThrow(/the socket .*plugins_registry\/fuse.csi.fluid.io-reg.sock would be 129 bytes, over the 107 a unix socket path may have/);
  expect(podVolumeOfTarget('/var/lib/kubelet', TARGET)).toEqual({ podUid: 'u1', volumeName: 'ns-data' });
  expect(podVolumeOfTarget('/var/lib/kubelet', '/elsewhere/pods/u1/volumes/kubernetes.io~csi/ns-data/mount')).toBeUndefined();
  expect(podSubpathsDir('/var/lib/kubelet', 'u1')).toBe('/var/lib/kubelet/pods/u1/volume-subpaths');
  expect(targetsOfVolume('/var/lib/kubelet', 'ns-data', [TARGET, '/var/lib/kubelet/pods/u2/volumes/kubernetes.io~csi/ns-other/mount', '/x'])).toEqual([TARGET]);
});
