// An OCI image layout (opencontainers/image-spec, image-layout.md) streamed as a tar, which `ctr images import`
// reads: blobs named by digest, the image config, the manifest, and an index naming the manifest once per name.
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { Layer } from './layer';
import { TarWriter } from './tar-writer';

/** What a container started from the image runs, in Dockerfile terms. */
export interface ImageRuntimeConfig {
  /** `uid:gid`, numeric so the kubelet can check `runAsNonRoot` without reading /etc/passwd. */
  readonly user: string;
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly env: readonly string[];
  readonly workingDir?: string;
}

interface Blob {
  readonly digest: string;
  readonly bytes: Buffer;
}

const MEDIA = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
} as const;

/** Go's names for Node's architectures, as image configs spell them. */
const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };

/** The config and manifest blobs of an image; their bytes follow from the layers and config alone. */
export function manifestOf(layers: readonly Layer[], config: ImageRuntimeConfig): { config: Blob; manifest: Blob } {
  const configBlob = blob({
    architecture: ARCH[process.arch] ?? process.arch,
    os: 'linux',
    config: {
      User: config.user,
      Env: config.env,
      ...(config.entrypoint ? { Entrypoint: config.entrypoint } : {}),
      ...(config.cmd ? { Cmd: config.cmd } : {}),
      ...(config.workingDir ? { WorkingDir: config.workingDir } : {}),
    },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
    history: layers.map((l) => ({ created: '1970-01-01T00:00:00Z', created_by: l.createdBy })),
  });
  const manifest = blob({
    schemaVersion: 2,
    mediaType: MEDIA.manifest,
    config: { mediaType: MEDIA.config, digest: configBlob.digest, size: configBlob.bytes.length },
    layers: layers.map((l) => ({ mediaType: MEDIA.layer, digest: l.digest, size: l.size })),
  });
  return { config: configBlob, manifest };
}

/** Streams the layout as a tar to `out`, naming the image by each of `names`. */
export async function writeOciArchive(out: Writable, names: readonly string[], layers: readonly Layer[], config: ImageRuntimeConfig): Promise<void> {
  const { config: configBlob, manifest } = manifestOf(layers, config);
  const index = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    manifests: names.map((name) => ({
      mediaType: MEDIA.manifest, digest: manifest.digest, size: manifest.bytes.length,
      // containerd names the image by the first annotation; other tools read the tag from the second.
      annotations: { 'io.containerd.image.name': name, 'org.opencontainers.image.ref.name': tagOf(name) },
    })),
  }));
  const tar = new TarWriter(out);
  await tar.add({ type: 'data', path: 'oci-layout', mode: 0o644, data: Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })) });
  await tar.add({ type: 'data', path: 'index.json', mode: 0o644, data: index });
  await tar.add({ type: 'dir', path: 'blobs', mode: 0o755 });
  await tar.add({ type: 'dir', path: 'blobs/sha256', mode: 0o755 });
  for (const b of [configBlob, manifest]) await tar.add({ type: 'data', path: blobPath(b.digest), mode: 0o644, data: b.bytes });
  const seen = new Set<string>();
  for (const layer of layers) {
    if (seen.has(layer.digest)) continue;
    seen.add(layer.digest);
    await tar.add({ type: 'file', path: blobPath(layer.digest), mode: 0o644, source: layer.file, size: layer.size });
  }
  await tar.end();
}

/** `repo/name:tag` → `tag`; a name without a tag means `latest`, as container tools read it. */
export function tagOf(name: string): string {
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  return colon < 0 ? 'latest' : lastPart.slice(colon + 1);
}

function blob(value: unknown): Blob {
  const bytes = Buffer.from(JSON.stringify(value));
  return { digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, bytes };
}

function blobPath(digest: string): string {
  return `blobs/sha256/${digest.replace(/^sha256:/, '')}`;
}
