// SeaweedFS for the real node. One image runs every part of the cache engine (master, volume, filer, S3 gateway,
// `weed shell` and the `weed mount` FUSE client), since `weed` is one binary; a second, smaller image holds the FUSE
// client a thin runtime mounts an S3 bucket with. hack/seaweedfs/README.md tells how each part is run.
import * as path from 'node:path';
import { ImageDefinition, LOCAL_REGISTRY } from '../image-definition';
import { entryFor, parentDirs, sha256File, writeLayer } from '../layer';
import { debianImage } from './debian';

/** Where the image puts weed; on PATH. */
export const WEED_PATH = '/usr/local/bin/weed';
/**
 * The Debian packages under weed: fuse3 for `fusermount3`, with which a restarted mount container clears the mount
 * point its SIGKILLed predecessor left ("Transport endpoint is not connected"); `umount` is not in Debian's
 * essential set. weed itself mounts without it (go-fuse mounts directly as root). jq and curl: the
 * CacheRuntimeClass's scripts (examples/seaweedfs/) read runtime.json and talk to the filer's HTTP API with them.
 */
export const FUSE_BASE_PACKAGES = ['curl', 'fuse3', 'jq'];
/**
 * The thin runtime's FUSE client: rclone 1.60 (`rclone mount`, provider SeaweedFS), configured by environment
 * variables alone. Tried beside s3fs 1.90, which also works but needs `-o umask=0022` before another uid may read,
 * and makes a larger image (158 MiB against 108 MiB). jq reads the thin runtime's config.json.
 */
export const FUSE_CLIENT_PACKAGES = ['fuse3', 'jq', 'rclone'];

/**
 * Names the example manifests (examples/seaweedfs/) give the images; the real node imports each image under its
 * content-hash name and this one. The SeaweedFS tag is weed's version (hack/seaweedfs/build.sh), the fuse client's
 * the Debian release its rclone comes from.
 */
export const SEAWEEDFS_IMAGE = `${LOCAL_REGISTRY}/seaweedfs:4.53`;
export const FUSE_CLIENT_IMAGE = `${LOCAL_REGISTRY}/fuse-client:bookworm`;

/** The Debian base of the SeaweedFS image: the essential set and fuse3. */
export function fuseBaseImage(): ImageDefinition {
  return debianImage({ name: 'fuse-base', packages: FUSE_BASE_PACKAGES });
}

export function seaweedfsImage(weedBinary: string): ImageDefinition {
  const base = fuseBaseImage();
  return {
    name: 'seaweedfs',
    aliases: [SEAWEEDFS_IMAGE],
    inputs: async (ctx) => [`base=${await ctx.keyOf(base)}`, `weed=${await sha256File(weedBinary)}`],
    async build(ctx) {
      const baseImage = await ctx.image(base);
      const inImage = WEED_PATH.slice(1);
      const layer = await writeLayer(path.join(ctx.workDir, 'weed.tar'), [...parentDirs([inImage]), await entryFor(weedBinary, inImage)],
        `COPY weed ${WEED_PATH}`);
      // Pods give weed's arguments only (`args: [master, ...]`); a shell needs `command`.
      return { layers: [...baseImage.layers, layer], config: { ...baseImage.config, entrypoint: [WEED_PATH], cmd: ['version'] } };
    },
  };
}

/** Debian with fuse3 and rclone, for a thin runtime that mounts an S3 bucket (SeaweedFS's S3 gateway, say). */
export function fuseClientImage(): ImageDefinition {
  return { ...debianImage({ name: 'fuse-client', packages: FUSE_CLIENT_PACKAGES }), aliases: [FUSE_CLIENT_IMAGE] };
}
