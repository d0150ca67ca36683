import { fuseMountState } from '../../../csi/fuse-mount-state';
import { parseMountInfo } from '../../../csi/mount-table';

const FLUID_PATH = '/runtime-mnt/thin/ns/data/thin-fuse';
const [fuse] = parseMountInfo(`45 27 0:40 / ${FLUID_PATH} rw,relatime shared:40 - fuse.juicefs JuiceFS:vol rw`);
const OK = { kind: 'ok', isDirectory: true } as const;

test('live: mounted, of the mount type (file system type or source, as check_mount.sh greps), and answering', () => {
  expect(fuseMountState(FLUID_PATH, 'JuiceFS', fuse, OK)).toEqual({ live: true, entry: fuse });
  expect(fuseMountState(FLUID_PATH, 'fuse.juicefs', fuse, OK).live).toBe(true);
  expect(fuseMountState(FLUID_PATH, '', fuse, OK).live).toBe(true);
});

test('live: a CacheRuntime mount, whose mount_type `cache` only its mount point shows', () => {
  const cachePath = '/runtime-mnt/cache/ns/data/cache-fuse';
  const [weed] = parseMountInfo(`46 27 0:41 / ${cachePath} rw,relatime shared:41 - fuse.seaweedfs 10.232.0.5:8888:/datasets ro`);
  expect(fuseMountState(cachePath, 'cache', weed, OK)).toEqual({ live: true, entry: weed });
});

test('not live, each with the reason a stage timeout reports', () => {
  expect(fuseMountState(FLUID_PATH, 'JuiceFS', undefined, { kind: 'missing' })).toEqual({ live: false, reason: `nothing is mounted at ${FLUID_PATH}` });
  expect(fuseMountState(FLUID_PATH, 'fuse.alluxio-fuse', fuse, OK)).toEqual({ live: false, reason: `${FLUID_PATH} holds a fuse.juicefs mount of JuiceFS:vol, not one of mount_type fuse.alluxio-fuse` });
  expect(fuseMountState(FLUID_PATH, 'JuiceFS', fuse, { kind: 'disconnected' })).toEqual({ live: false, reason: `the fuse mount at ${FLUID_PATH} is not connected (ENOTCONN): its process has died` });
  expect(fuseMountState(FLUID_PATH, 'JuiceFS', fuse, { kind: 'unresponsive', afterMs: 2000 })).toEqual({ live: false, reason: `stat ${FLUID_PATH} had no answer after 2000 ms` });
  expect(fuseMountState(FLUID_PATH, 'JuiceFS', fuse, { kind: 'error', code: 'EIO' })).toEqual({ live: false, reason: `stat ${FLUID_PATH} failed with EIO` });
});
