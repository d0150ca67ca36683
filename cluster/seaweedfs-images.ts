// The images the SeaweedFS examples (examples/seaweedfs/) run on a real node: SeaweedFS itself and the rclone fuse
// client. weed is built from its Go module first (hack/seaweedfs/build.sh), so whoever starts a cluster with these
// images needs nothing but Go on a fresh machine: the first run builds (about 7 min on 2 cores, progress on
// stderr), later runs find the binary cached.
import * as path from 'node:path';
import type { ImageDefinition } from '../images/image-definition';
import { fuseClientImage, seaweedfsImage } from '../images/definitions/seaweedfs';
import { buildSeaweedfs } from './build-script';

export async function seaweedfsImages(repoRoot: string, progress: NodeJS.WritableStream = process.stderr): Promise<ImageDefinition[]> {
  const binDir = await buildSeaweedfs(repoRoot, progress);
  return [seaweedfsImage(path.join(binDir, 'weed')), fuseClientImage()];
}
