// Fluid's naming rules, each checked against the value Fluid itself produces (pkg/utils/label.go, volume/create.go).
import {
  commonLabelKey,
  datasetId,
  fuseLabelKey,
  fuseMountPath,
  persistentVolumeClaimName,
  persistentVolumeName,
  runtimeLabelKey,
  runtimeMountDir,
  storageLabelKey,
} from '../../../constructs/object-names';

const ds = { namespace: 'team-a', name: 'imagenet', uid: '6e1f3c2a-0b9d-4b7e-9a51-3f0c2d1e8b77' };
const long = { namespace: 'a-rather-long-namespace-name', name: 'with-an-even-longer-dataset-name-x', uid: ds.uid };

describe('object names', () => {
  it('dataset id is <ns>-<name>', () => expect(datasetId(ds)).toBe('team-a-imagenet'));
  it('dataset id falls back to the UID at 63 characters', () => {
    expect(`${long.namespace}-${long.name}`.length).toBeGreaterThanOrEqual(63);
    expect(datasetId(long)).toBe(ds.uid);
  });
  it('dataset id keeps the long form when the UID is unknown (synth)', () => {
    expect(datasetId({ namespace: long.namespace, name: long.name })).toBe(`${long.namespace}-${long.name}`);
  });
  it('fuse label key', () => expect(fuseLabelKey(ds)).toBe('fluid.io/f-team-a-imagenet'));
  it('label keys count their prefix toward the limit', () => {
    const mid = { namespace: 'ns', name: 'n'.repeat(50), uid: 'u-1' };
    expect(datasetId(mid)).toBe(`ns-${'n'.repeat(50)}`);
    expect(fuseLabelKey(mid)).toBe('fluid.io/f-u-1');
  });
  it('common and runtime node labels', () => {
    expect(commonLabelKey(ds)).toBe('fluid.io/s-team-a-imagenet');
    expect(runtimeLabelKey('alluxio', ds)).toBe('fluid.io/s-alluxio-team-a-imagenet');
    expect(storageLabelKey('alluxio', 'm', ds)).toBe('fluid.io/s-h-alluxio-m-team-a-imagenet');
    expect(storageLabelKey('jindo', 't', ds)).toBe('fluid.io/s-h-jindo-t-team-a-imagenet');
  });
  it('PV is <ns>-<name>, PVC is <name>', () => {
    expect(persistentVolumeName(ds)).toBe('team-a-imagenet');
    expect(persistentVolumeClaimName(ds)).toBe('imagenet');
  });
  it('mount paths', () => {
    expect(runtimeMountDir('/runtime-mnt', 'alluxio', ds)).toBe('/runtime-mnt/alluxio/team-a/imagenet');
    expect(fuseMountPath('/runtime-mnt', 'thin', 'thin-fuse', ds)).toBe('/runtime-mnt/thin/team-a/imagenet/thin-fuse');
  });
});
