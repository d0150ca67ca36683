// Runs `cdk8s import` on our CRDs, offline, into a folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../cluster/repo-root';

const CDK8S_CLI = join(REPO_ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');

/** `crdTexts` are CRD YAML documents; cdk8s imports one file per group, so they are joined into one. */
export function importCrds(crdTexts: readonly string[], outDir: string): void {
  const work = mkdtempSync(join(tmpdir(), 'fluid-cdk8s-import-'));
  try {
    const combined = join(work, 'data.fluid.io.yaml');
    writeFileSync(combined, crdTexts.join('\n---\n'));
    // --no-check-upgrade: without it the CLI asks the npm registry for a newer version on every run.
    execFileSync(process.execPath, [CDK8S_CLI, 'import', combined, '--language', 'typescript', '--output', outDir, '--no-check-upgrade'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
