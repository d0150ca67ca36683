// Runs `cdk8s import` on our CRDs, offline, one module per kind: a cdk8s app that uses DataLoad imports
// `imports/dataloads` and compiles that kind's types only, not every kind of the API.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../cluster/repo-root';

const CDK8S_CLI = join(REPO_ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');

/** `crds` maps a CRD file name (`<plural>.yaml`) to its YAML; writes `<plural>.ts` into `outDir` for each. */
export function importCrds(crds: ReadonlyMap<string, string>, outDir: string): void {
  const work = mkdtempSync(join(tmpdir(), 'fluid-cdk8s-import-'));
  try {
    for (const [file, text] of crds) {
      const plural = file.replace(/\.yaml$/, '');
      const input = join(work, file);
      const out = join(work, plural);
      writeFileSync(input, text);
      // --no-check-upgrade: without it the CLI asks the npm registry for a newer version on every run.
      execFileSync(process.execPath, [CDK8S_CLI, 'import', input, '--language', 'typescript', '--output', out, '--no-check-upgrade'], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      // cdk8s names the module after the API group; every kind is in the same group, so each goes to its own name.
      const [generated] = readdirSync(out);
      renameSync(join(out, generated), join(outDir, `${plural}.ts`));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
