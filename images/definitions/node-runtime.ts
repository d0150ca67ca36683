// Node on a Debian base: the layers under the operator image, kept as an image of their own so that a change to
// the app rebuilds only the app's layer.
import * as path from 'node:path';
import { ImageDefinition } from '../image-definition';
import { entryFor, parentDirs, sha256File, writeLayer } from '../layer';
import { debianImage } from './debian';

/** Where Node lives; the official node images put it there too. */
export const NODE_PATH = '/usr/local/bin/node';
/** The Debian packages Node needs beyond the essential set (libstdc++ for its C++ runtime). */
export const NODE_BASE_PACKAGES = ['libstdc++6'];

export function nodeRuntimeImage(nodeBinary: string = process.execPath): ImageDefinition {
  const base = debianImage({ name: 'node-base', packages: NODE_BASE_PACKAGES });
  return {
    name: 'node',
    inputs: async (ctx) => [`base=${await ctx.keyOf(base)}`, `node=${await sha256File(nodeBinary)}`],
    async build(ctx) {
      const baseImage = await ctx.image(base);
      const inImage = NODE_PATH.slice(1);
      const layer = await writeLayer(path.join(ctx.workDir, 'node.tar'), [...parentDirs([inImage]), await entryFor(nodeBinary, inImage)],
        `COPY node ${NODE_PATH}`);
      return { layers: [...baseImage.layers, layer], config: { ...baseImage.config, entrypoint: [NODE_PATH], cmd: [] } };
    },
  };
}
