// The image `fluid-cdk8s install` runs the operator from, by default: the published image of this package's version.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where release images are pushed (the README's "Build the operator image" shows how to push your own). */
export const OPERATOR_IMAGE_REPOSITORY = 'ghcr.io/fluid-cdk8s/operator';

/** `ghcr.io/fluid-cdk8s/operator:<package version>`: pinned, never `latest`, so a cluster runs the code it was given. */
export function defaultOperatorImage(): string {
  return `${OPERATOR_IMAGE_REPOSITORY}:${packageVersion()}`;
}

let version: string | undefined;

/** The version in this package's package.json, found above this file whether it runs from dist/ or from source. */
export function packageVersion(): string {
  if (version !== undefined) return version;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'fluid-cdk8s' && pkg.version) return (version = pkg.version);
    } catch {
      // No package.json here; keep climbing.
    }
    if (dirname(dir) === dir) throw new Error(`no fluid-cdk8s package.json above ${__dirname}`);
  }
}
