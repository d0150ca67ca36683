import { FuseMountState } from '../../../csi/fuse-mount-state';
import { MountEntry, parseMountInfo } from '../../../csi/mount-table';
import { Publication } from '../../../csi/publication';
import { fuseMountsToCheck, planRecovery, UNREPAIRABLE } from '../../../csi/recovery-plan';

const K = '/var/lib/kubelet';
const FLUID = '/runtime-mnt/thin/ns/data/thin-fuse';
const TARGET = `${K}/pods/u1/volumes/kubernetes.io~csi/ns-data/mount`;
const SUBPATH = `${K}/pods/u1/volume-subpaths/cache/app/0`;
const publication: Publication = { volumeId: 'ns-data', targetPath: TARGET, method: 'bind', fluidPath: FLUID, mountType: 'fuse.weed', subPath: '', readOnly: false, fuseLabelKey: 'fluid.io/f-ns-data' };

/** The old fuse (0:40) bound at the target, and a kubelet subPath bind of its folder "sub"; `fuseDevice` now at fluid_path. */
function table(fuseDevice: string, extra: string[] = []): MountEntry[] {
  return parseMountInfo([
    `45 27 ${fuseDevice} / ${FLUID} rw shared:40 - fuse.weed weed rw`,
    `46 30 0:40 / ${TARGET} rw shared:41 - fuse.weed weed rw`,
    `47 30 0:40 /sub ${SUBPATH} ro,nosuid shared:42 - fuse.weed weed rw`,
    ...extra,
  ].join('\n'));
}

function live(t: MountEntry[]): Map<string, FuseMountState> {
  return new Map([[FLUID, { live: true, entry: t[0] }]]);
}

test('nothing to do while the target shows the file system the fuse serves', () => {
  const t = table('0:40');
  expect(planRecovery(K, t, [publication], live(t))).toEqual({ repairs: [], waiting: new Map() });
});

test('a fuse that remounted (new device): the target and the kubelet\'s subPath bind get the new mount on top', () => {
  const t = table('0:52');
  expect(fuseMountsToCheck(t, [publication])).toEqual([FLUID]);
  expect(planRecovery(K, t, [publication], live(t)).repairs).toEqual([
    { mountPoint: TARGET, source: FLUID, readOnly: false, layers: 1, volumeId: 'ns-data' },
    { mountPoint: SUBPATH, source: `${FLUID}/sub`, readOnly: true, layers: 1, volumeId: 'ns-data' },
  ]);
});

test('a target of a sub-folder is repaired from the same sub-folder, read-only when published so', () => {
  const t = table('0:52');
  const sub = { ...publication, subPath: 'sub', readOnly: true };
  expect(planRecovery(K, t, [sub], live(t)).repairs[0]).toMatchObject({ mountPoint: TARGET, source: `${FLUID}/sub`, readOnly: true });
});

test('once repaired, the upper layer shows the new device and nothing more is planned', () => {
  const t = table('0:52', [`60 46 0:52 / ${TARGET} rw shared:41 - fuse.weed weed rw`, `61 47 0:52 /sub ${SUBPATH} ro shared:42 - fuse.weed weed rw`]);
  expect(planRecovery(K, t, [publication], live(t)).repairs).toEqual([]);
});

test('while the fuse is not serving, the target waits, with the reason', () => {
  const t = table('0:40');
  const states = new Map<string, FuseMountState>([[FLUID, { live: false, reason: 'the fuse mount is not connected (ENOTCONN)' }]]);
  expect(planRecovery(K, t, [publication], states)).toEqual({ repairs: [], waiting: new Map([[TARGET, 'the fuse mount is not connected (ENOTCONN)']]) });
});

test('targets not mounted (being unpublished) and symlink publications are never touched', () => {
  const t = table('0:52').filter((e) => e.mountPoint !== TARGET);
  expect(fuseMountsToCheck(t, [publication])).toEqual([]);
  expect(planRecovery(K, t, [publication], live(t)).repairs).toEqual([]);
  const linked = { ...publication, method: 'symlink' as const };
  expect(planRecovery(K, table('0:52'), [linked], live(table('0:52'))).repairs).toEqual([]);
});

test('subPath binds of other volumes, or of another file system, are left alone; shared ones are repaired once', () => {
  const t = table('0:52', [`48 30 0:77 / ${K}/pods/u1/volume-subpaths/other/app/1 rw shared:43 - ext4 /dev/sda rw`]);
  const sibling = { ...publication, volumeId: 'ns-ref', targetPath: `${K}/pods/u1/volumes/kubernetes.io~csi/ns-ref/mount` };
  const withSibling = [...t, ...parseMountInfo(`49 30 0:40 / ${sibling.targetPath} rw shared:44 - fuse.weed weed rw`)];
  const repairs = planRecovery(K, withSibling, [publication, sibling], live(withSibling)).repairs.map((r) => r.mountPoint);
  expect(repairs).toEqual([TARGET, SUBPATH, sibling.targetPath]);
});

test('a target or subPath bind whose folder was deleted from the old file system cannot be mounted on: it waits, saying why', () => {
  const t = parseMountInfo([
    `45 27 0:52 / ${FLUID} rw shared:40 - fuse.weed weed rw`,
    `46 30 0:40 /sub//deleted ${TARGET} rw shared:41 - fuse.weed weed rw`,
    `47 30 0:40 /sub/x//deleted ${SUBPATH} rw shared:42 - fuse.weed weed rw`,
  ].join('\n'));
  expect(planRecovery(K, t, [{ ...publication, subPath: 'sub' }], live(t))).toEqual({ repairs: [], waiting: new Map([[TARGET, UNREPAIRABLE], [SUBPATH, UNREPAIRABLE]]) });
});
