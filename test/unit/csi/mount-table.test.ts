import { mountPointsBelow, mountsAt, parseMountInfo, topMountAt } from '../../../csi/mount-table';
import { readOnlyRemountFlags, MS_BIND, MS_NODEV, MS_NOSUID, MS_RDONLY, MS_RELATIME, MS_REMOUNT } from '../../../csi/mount-flags';

// Lines as the kernel writes them: a fuse mount under the mount root, a target bound from it, and a second bind
// stacked on the target after the fuse restarted (its parent is the first bind).
const MOUNTINFO = [
  '22 1 0:21 / /proc rw,relatime shared:5 - proc proc rw',
  '45 27 0:40 / /runtime-mnt/thin/ns/data/thin-fuse rw,nosuid,nodev,relatime shared:40 - fuse.seaweedfs weed:/ rw,user_id=0',
  '46 30 0:40 /sub /var/lib/kubelet/pods/u1/volumes/kubernetes.io~csi/ns-data/mount rw,relatime shared:41 master:40 - fuse.seaweedfs weed:/ rw',
  '50 27 0:52 / /runtime-mnt/thin/ns/data/thin-fuse rw,relatime shared:50 - fuse.seaweedfs weed:/ rw',
  '51 46 0:52 /sub /var/lib/kubelet/pods/u1/volumes/kubernetes.io~csi/ns-data/mount ro,nosuid,relatime shared:41 - fuse.seaweedfs weed:/ rw',
  '52 30 0:60 / /var/lib/kubelet/pods/u1/volumes/kubernetes.io~empty\\040dir/a\\040b rw - tmpfs tmpfs rw',
  'garbage line',
  '',
].join('\n');

test('each field of a mountinfo line, escaped paths unescaped, malformed lines skipped', () => {
  const table = parseMountInfo(MOUNTINFO);
  expect(table).toHaveLength(6);
  expect(table[2]).toEqual({
    id: 46, parentId: 30, device: '0:40', root: '/sub', rootDeleted: false, mountPoint: '/var/lib/kubelet/pods/u1/volumes/kubernetes.io~csi/ns-data/mount',
    options: ['rw', 'relatime'], propagation: ['shared:41', 'master:40'], fsType: 'fuse.seaweedfs', source: 'weed:/',
  });
  expect(table[5].mountPoint).toBe('/var/lib/kubelet/pods/u1/volumes/kubernetes.io~empty dir/a b');
});

test('a mount whose folder was deleted from its file system: the kernel\'s //deleted mark is taken off the root', () => {
  const [entry] = parseMountInfo('47 30 0:40 /sub//deleted /var/lib/kubelet/pods/u1/volume-subpaths/v/app/0 rw - tmpfs tmpfs rw');
  expect(entry).toMatchObject({ root: '/sub', rootDeleted: true });
});

test('stacked mounts: bottom first by parent, and the top one is what a process sees', () => {
  const table = parseMountInfo(MOUNTINFO);
  const target = '/var/lib/kubelet/pods/u1/volumes/kubernetes.io~csi/ns-data/mount';
  expect(mountsAt(table, target).map((e) => e.id)).toEqual([46, 51]);
  expect(topMountAt(table, target)?.device).toBe('0:52');
  // Parents decide even when the file lists the upper mount first.
  const reversed = parseMountInfo(MOUNTINFO.split('\n').reverse().join('\n'));
  expect(topMountAt(reversed, target)?.id).toBe(51);
  expect(topMountAt(table, '/nowhere')).toBeUndefined();
  expect(mountPointsBelow(table, '/var/lib/kubelet/pods/u1/')).toEqual([target, '/var/lib/kubelet/pods/u1/volumes/kubernetes.io~empty dir/a b']);
});

test('a read-only remount keeps the per-mount flags the bind had', () => {
  expect(readOnlyRemountFlags(['rw', 'nosuid', 'nodev', 'relatime'])).toBe(MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_RELATIME);
  expect(readOnlyRemountFlags(['rw'])).toBe(MS_REMOUNT | MS_BIND | MS_RDONLY);
});
