import { status } from '@grpc/grpc-js';
import { CsiError } from '../../../csi/csi-error';
import { fuseLabelKeyOf, parseVolumeAttributes, volumeSource } from '../../../csi/volume-attributes';

// What our operator (constructs/components/dataset-volume.ts) and Fluid put on a ThinRuntime's PV.
const PV_ATTRIBUTES = {
  fluid_path: '/runtime-mnt/thin/team-a/data/thin-fuse',
  mount_type: 'nfs',
  runtime_namespace: 'team-a',
  runtime_name: 'data',
  mount_pod_node_selector_key: 'fluid.io/f-team-a-data',
  // podInfoOnMount adds these; they are not ours to parse.
  'csi.storage.k8s.io/pod.name': 'app',
};

function refusal(context: Record<string, string>): string {
  try {
    parseVolumeAttributes('team-a-data', context);
  } catch (err) {
    expect(err).toBeInstanceOf(CsiError);
    expect((err as CsiError).code).toBe(status.INVALID_ARGUMENT);
    return (err as Error).message;
  }
  throw new Error('accepted');
}

test('a PV of ours parses into fluid_path, mount type, runtime and fuse label; bind publishing, mount check on', () => {
  expect(parseVolumeAttributes('team-a-data', PV_ATTRIBUTES)).toEqual({
    fluidPath: '/runtime-mnt/thin/team-a/data/thin-fuse',
    subPath: '',
    mountType: 'nfs',
    runtime: { namespace: 'team-a', name: 'data' },
    fuseLabelKey: 'fluid.io/f-team-a-data',
    publishMethod: 'bind',
    skipMountCheck: false,
  });
});

test('fluid_sub_path is a folder inside fluid_path, with surrounding slashes dropped as Fluid joins with "/"', () => {
  const attrs = parseVolumeAttributes('v', { ...PV_ATTRIBUTES, fluid_sub_path: '/sub/dir/' });
  expect(attrs.subPath).toBe('sub/dir');
  expect(volumeSource(attrs)).toBe('/runtime-mnt/thin/team-a/data/thin-fuse/sub/dir');
  expect(refusal({ ...PV_ATTRIBUTES, fluid_sub_path: '../../etc' })).toBe('volume team-a-data: attribute fluid_sub_path: expected a folder inside fluid_path such as "sub/dir", got "../../etc"');
  expect(refusal({ ...PV_ATTRIBUTES, fluid_sub_path: 'a//b' })).toMatch(/fluid_sub_path: expected a folder inside fluid_path/);
});

test('fluid_path must be set, absolute and normalized; a trailing slash is dropped', () => {
  expect(refusal({})).toBe('volume team-a-data: attribute fluid_path is not set; a Fluid PV names the host folder its fuse mounts');
  expect(refusal({ fluid_path: 'runtime-mnt/x' })).toMatch(/attribute fluid_path: expected an absolute, normalized path .* got "runtime-mnt\/x"/);
  expect(refusal({ fluid_path: '/runtime-mnt/../etc' })).toMatch(/got "\/runtime-mnt\/..\/etc"/);
  expect(refusal({ fluid_path: '/' })).toMatch(/got "\/"/);
  expect(parseVolumeAttributes('v', { fluid_path: '/runtime-mnt/x/' }).fluidPath).toBe('/runtime-mnt/x');
});

test('node_publish_method: symlink, Fluid chart\'s bindMount, or unset; anything else is refused', () => {
  expect(parseVolumeAttributes('v', { ...PV_ATTRIBUTES, node_publish_method: 'symlink' }).publishMethod).toBe('symlink');
  expect(parseVolumeAttributes('v', { ...PV_ATTRIBUTES, node_publish_method: 'bindMount' }).publishMethod).toBe('bind');
  expect(refusal({ ...PV_ATTRIBUTES, node_publish_method: 'copy' })).toBe('volume team-a-data: attribute node_publish_method: expected "symlink", "bindMount" or unset, got "copy"');
});

test('skip-check-mount-ready-target skips the fuse check when it selects MountPod (Fluid\'s mount_mode.go)', () => {
  const skip = (value: string) => parseVolumeAttributes('v', { ...PV_ATTRIBUTES, 'fluid.io/skip-check-mount-ready-target': value }).skipMountCheck;
  expect([skip(''), skip('None'), skip('Sidecar'), skip('MountPod'), skip('All'), skip('Sidecar,MountPod')]).toEqual([false, false, false, true, true, true]);
  expect(refusal({ ...PV_ATTRIBUTES, 'fluid.io/skip-check-mount-ready-target': 'Pods' })).toBe(
    'volume team-a-data: attribute fluid.io/skip-check-mount-ready-target: expected a comma-separated list of MountPod, Sidecar, or All or None, got "Pods"');
});

test('runtime_namespace and runtime_name come as a pair; both missing is an older PV', () => {
  expect(refusal({ ...PV_ATTRIBUTES, runtime_name: '' })).toBe('volume team-a-data: attribute runtime_name is not set while its pair is; set both or neither');
  const { runtime_namespace: _ns, runtime_name: _name, ...older } = PV_ATTRIBUTES;
  expect(parseVolumeAttributes('v', older).runtime).toBeUndefined();
});

test('the fuse label key: the PV\'s attribute, else fluid.io/f-<ns>-<name>, refused when Fluid would use the Dataset UID', () => {
  const { mount_pod_node_selector_key: _key, ...withoutKey } = PV_ATTRIBUTES;
  expect(fuseLabelKeyOf('v', parseVolumeAttributes('v', PV_ATTRIBUTES), { namespace: 'x', name: 'y' })).toBe('fluid.io/f-team-a-data');
  expect(fuseLabelKeyOf('v', parseVolumeAttributes('v', withoutKey), { namespace: 'team-a', name: 'data' })).toBe('fluid.io/f-team-a-data');
  const long = { namespace: 'a-rather-long-namespace-name', name: 'and-a-long-dataset-name-too' };
  expect(() => fuseLabelKeyOf('v', parseVolumeAttributes('v', withoutKey), long)).toThrow(
    'volume v: attribute mount_pod_node_selector_key is not set, and fluid.io/f-a-rather-long-namespace-name-and-a-long-dataset-name-too is 67 characters, which Fluid replaces with a key built from the Dataset UID; set the attribute on the PV');
});
