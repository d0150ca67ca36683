// Built images, cached on disk by content: `<root>/<name>/<key>/` holds image.json and the layer files. An image
// whose inputs are unchanged is not rebuilt; a base layer is hard-linked, not copied, into the images above it.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { BuiltImage, ImageDefinition, LOCAL_REGISTRY } from './image-definition';
import { Layer } from './layer';

/** Bumped when the builder's output changes for the same inputs, so old entries are not reused. */
const BUILDER_VERSION = 1;
/** Older keys kept per image besides the newest, for a cluster that may still be importing one. */
const KEEP_OLDER = 1;

export function defaultImageStoreRoot(): string {
  return path.join(process.env.FLUID_CDK8S_CACHE ?? path.join(os.homedir(), '.cache', 'fluid-cdk8s'), 'images');
}

interface StoredImage extends Omit<BuiltImage, 'buildMs'> {
  readonly builderVersion: number;
}

export class ImageStore {
  private readonly keys = new Map<ImageDefinition, Promise<string>>();
  private readonly builds = new Map<ImageDefinition, Promise<BuiltImage>>();

  constructor(
    readonly root: string = defaultImageStoreRoot(),
    private readonly log: (line: string) => void = (line) => process.stderr.write(`[images] ${line}\n`),
  ) {}

  keyOf(def: ImageDefinition): Promise<string> {
    let key = this.keys.get(def);
    if (key === undefined) {
      key = def.inputs(this).then((inputs) => createHash('sha256')
        .update(JSON.stringify({ builder: BUILDER_VERSION, name: def.name, inputs })).digest('hex').slice(0, 16));
      this.keys.set(def, key);
    }
    return key;
  }

  /** The image, from the store when its inputs are unchanged, otherwise built now. */
  image(def: ImageDefinition): Promise<BuiltImage> {
    let built = this.builds.get(def);
    if (built === undefined) {
      built = this.findOrBuild(def);
      this.builds.set(def, built);
    }
    return built;
  }

  private async findOrBuild(def: ImageDefinition): Promise<BuiltImage> {
    const key = await this.keyOf(def);
    const dir = path.join(this.root, def.name, key);
    const stored = await readStored(dir);
    // Names are not content: a definition's aliases apply also to an image stored before they were added.
    if (stored !== undefined) return { ...stored, names: [stored.reference, ...(def.aliases ?? [])], buildMs: 0 };
    await fs.rm(dir, { recursive: true, force: true }); // a half-written or older-format entry
    const started = Date.now();
    this.log(`Building image ${def.name} (${key})`);
    const work = `${dir}.tmp-${process.pid}`;
    await fs.rm(work, { recursive: true, force: true });
    await fs.mkdir(work, { recursive: true });
    try {
      const built = await def.build({ workDir: work, image: (d) => this.image(d), keyOf: (d) => this.keyOf(d), log: this.log });
      const layers = await Promise.all(built.layers.map((l) => keepLayer(l, work)));
      const reference = `${LOCAL_REGISTRY}/${def.name}:${key}`;
      const image: StoredImage = {
        builderVersion: BUILDER_VERSION, name: def.name, key, reference, names: [reference, ...(def.aliases ?? [])],
        layers: layers.map((l) => ({ ...l, file: path.join(dir, path.basename(l.file)) })),
        config: built.config, size: layers.reduce((sum, l) => sum + l.size, 0),
      };
      await fs.writeFile(path.join(work, 'image.json'), JSON.stringify(image, null, 2));
      // Another process may have finished the same key first; its result is as good as ours.
      await fs.rename(work, dir).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
      });
      const buildMs = Date.now() - started;
      this.log(`Built image ${def.name} (${key}): ${(image.size / 2 ** 20).toFixed(1)} MiB in ${(buildMs / 1000).toFixed(1)} s`);
      await this.prune(def.name, key);
      return { ...((await readStored(dir)) ?? image), buildMs };
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  }

  /** Removes all but the newest few keys of an image. */
  private async prune(name: string, keep: string): Promise<void> {
    const base = path.join(this.root, name);
    const entries = await fs.readdir(base, { withFileTypes: true });
    const dated = await Promise.all(entries.filter((e) => e.isDirectory() && e.name !== keep && !e.name.includes('.tmp-'))
      .map(async (e) => ({ name: e.name, mtime: (await fs.stat(path.join(base, e.name))).mtimeMs })));
    dated.sort((a, b) => b.mtime - a.mtime);
    for (const old of dated.slice(KEEP_OLDER)) await fs.rm(path.join(base, old.name), { recursive: true, force: true });
  }
}

/** Moves (own layers) or hard-links (base layers from elsewhere in the store) a layer into the build folder. */
async function keepLayer(layer: Layer, work: string): Promise<Layer> {
  const target = path.join(work, `layer-${layer.digest.slice(7, 23)}.tar`);
  if (path.dirname(layer.file) === work) await fs.rename(layer.file, target);
  else {
    await fs.link(layer.file, target).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return;
      if (err.code !== 'EXDEV') throw err;
      await fs.copyFile(layer.file, target);
    });
  }
  return { ...layer, file: target };
}

async function readStored(dir: string): Promise<StoredImage | undefined> {
  try {
    const image = JSON.parse(await fs.readFile(path.join(dir, 'image.json'), 'utf8')) as StoredImage;
    if (image.builderVersion !== BUILDER_VERSION) return undefined;
    await Promise.all(image.layers.map((l) => fs.access(l.file)));
    return image;
  } catch {
    return undefined;
  }
}
