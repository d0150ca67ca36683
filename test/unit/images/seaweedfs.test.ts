// The SeaweedFS image is found in the store by its inputs alone: the weed binary's content and the fuse base's key.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ImageStore } from '../../../images/image-store';
import { fuseBaseImage, seaweedfsImage } from '../../../images/definitions/seaweedfs';

let dir: string;
let store: ImageStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaweedfs-image-'));
  store = new ImageStore(path.join(dir, 'store'), () => undefined);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function weed(content: string): string {
  const file = path.join(dir, `weed-${content}`);
  fs.writeFileSync(file, content);
  return file;
}

test('the inputs are the fuse base\'s key and the weed binary\'s digest', async () => {
  const inputs = await seaweedfsImage(weed('one')).inputs(store);
  const digest = createHash('sha256').update('one').digest('hex');
  expect(inputs).toEqual([`base=${await store.keyOf(fuseBaseImage())}`, `weed=sha256:${digest}`]);
  expect(await fuseBaseImage().inputs(store)).toContain('packages=curl,fuse3,jq');
});

test('another weed binary gives another key; the same content, under another path, the same key', async () => {
  const one = await store.keyOf(seaweedfsImage(weed('one')));
  const two = await store.keyOf(seaweedfsImage(weed('two')));
  fs.copyFileSync(weed('one'), path.join(dir, 'copy'));
  const copy = await store.keyOf(seaweedfsImage(path.join(dir, 'copy')));
  expect(two).not.toBe(one);
  expect(copy).toBe(one);
});
