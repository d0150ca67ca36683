import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeLayer } from '../../../images/layer';
import { manifestOf, tagOf, writeOciArchive } from '../../../images/oci-layout';

const config = { user: '65532:65532', entrypoint: ['/bin/app'], cmd: ['run'], env: ['A=1'], workingDir: '/app' };

test('the archive is an OCI layout whose index names the manifest once per image name, and whose blobs match their digests', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-'));
  try {
    const layer = await writeLayer(path.join(dir, 'l.tar'), [{ type: 'data', path: 'hello', mode: 0o644, data: Buffer.from('hi') }], 'COPY hello');
    const archive = path.join(dir, 'image.tar');
    await writeOciArchive(fs.createWriteStream(archive), ['fluid-cdk8s.local/x:abc', 'ghcr.io/o/x:1.0'], [layer], config);
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    execFileSync('tar', ['-xf', archive, '-C', out]);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });
    const index = JSON.parse(fs.readFileSync(path.join(out, 'index.json'), 'utf8'));
    expect(index.manifests.map((m: any) => m.annotations)).toEqual([
      { 'io.containerd.image.name': 'fluid-cdk8s.local/x:abc', 'org.opencontainers.image.ref.name': 'abc' },
      { 'io.containerd.image.name': 'ghcr.io/o/x:1.0', 'org.opencontainers.image.ref.name': '1.0' },
    ]);
    for (const blob of fs.readdirSync(path.join(out, 'blobs', 'sha256'))) {
      const bytes = fs.readFileSync(path.join(out, 'blobs', 'sha256', blob));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(blob);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'blobs', 'sha256', index.manifests[0].digest.slice(7)), 'utf8'));
    expect(manifest.layers).toEqual([{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer.digest, size: layer.size }]);
    const imageConfig = JSON.parse(fs.readFileSync(path.join(out, 'blobs', 'sha256', manifest.config.digest.slice(7)), 'utf8'));
    expect(imageConfig.config).toEqual({ User: '65532:65532', Entrypoint: ['/bin/app'], Cmd: ['run'], Env: ['A=1'], WorkingDir: '/app' });
    expect(imageConfig.rootfs).toEqual({ type: 'layers', diff_ids: [layer.digest] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the manifest depends on the layers and the config only', () => {
  const layer = { file: '/x', digest: `sha256:${'a'.repeat(64)}`, size: 10, createdBy: 'x' };
  expect(manifestOf([layer], config).manifest.digest).toBe(manifestOf([layer], { ...config }).manifest.digest);
  expect(manifestOf([layer], config).manifest.digest).not.toBe(manifestOf([layer], { ...config, user: '0:0' }).manifest.digest);
});

test.each([
  ['fluid-cdk8s.local/pause:abc', 'abc'],
  ['localhost:5000/busybox', 'latest'],
  ['ghcr.io/fluid-cdk8s/operator:0.1.0', '0.1.0'],
])('tagOf(%s) is %s', (name, tag) => {
  expect(tagOf(name)).toBe(tag);
});
