// The operator image the shared cluster's real node runs (built offline by images/definitions/operator.ts): what
// is in it and what is not.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuiltImage } from '../../images/image-definition';
import { defaultImageStoreRoot } from '../../images/image-store';
import { OPERATOR_IMAGE, productionPackagePaths } from '../../images/definitions/operator';
import { REPO_ROOT } from '../../cluster/repo-root';
import { clusterImages } from './support/real-node';

const reference = clusterImages().operator;
const image = JSON.parse(fs.readFileSync(path.join(defaultImageStoreRoot(), 'operator', reference.split(':').pop()!, 'image.json'), 'utf8')) as BuiltImage;
const listing = (layer: number): string[] => execFileSync('tar', ['--list', '--verbose', '--numeric-owner', '--file', image.layers[layer].file], { encoding: 'utf8', maxBuffer: 256 << 20 }).trim().split('\n');
const names = (lines: string[]): string[] => lines.map((l) => l.split(/\s+/).slice(5).join(' '));

test('the config runs the CLI with Node as a non-root user', () => {
  expect(image.config).toMatchObject({ user: OPERATOR_IMAGE.user, entrypoint: OPERATOR_IMAGE.entrypoint, cmd: OPERATOR_IMAGE.cmd, workingDir: '/app' });
  expect(image.config.env).toEqual(expect.arrayContaining(['NODE_ENV=production', expect.stringMatching(/^PATH=/)]));
  expect(image.names).toContain(reference);
});

test('Debian, then Node, then the app: dist, bin and only production packages, all root-owned and readable', () => {
  expect(image.layers).toHaveLength(3);
  expect(names(listing(1))).toContain('usr/local/bin/node');
  const app = listing(2);
  const files = names(app);
  expect(files).toEqual(expect.arrayContaining(['app/package.json', 'app/bin/fluid-cdk8s.js', 'app/dist/cli/main.js',
    'app/dist/operator/operator.js', 'app/node_modules/@kubernetes/client-node/package.json']));
  // Nothing from the test build, no development package.
  expect(files.filter((f) => f.startsWith('app/dist/test/'))).toEqual([]);
  for (const dev of ['jest', 'typescript', '@swc/core', 'cdk8s-cli']) expect(files).not.toContain(`app/node_modules/${dev}/package.json`);
  const packages = new Set(files.filter((f) => /^app\/node_modules\/.+\/package\.json$/.test(f)).map((f) => f.slice(4, -'/package.json'.length)));
  for (const p of productionPackagePaths(REPO_ROOT)) expect(packages.has(p)).toBe(true);
  for (const line of app) {
    expect(line).toMatch(/^[-dl]r.xr.xr.x|^-r..r..r../); // readable by the non-root user
    expect(line.split(/\s+/)[1]).toBe('0/0');
  }
});
