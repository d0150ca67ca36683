// Generated files are committed so reviewers read them; they must match what their generators produce now.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crdFiles } from '../../../crds/crd-files';
import { coreSchemasSource, CORE_SCHEMAS_FILE } from '../../../scripts/gen-k8s-schemas';
import { importCrds } from '../../../scripts/import-crds';
import { REPO_ROOT } from '../../../scripts/fluid-samples';

const STALE = 'is stale: run `npm run gen`';
// The core schemas come from the Go module proxy; CI always has Go (the control plane needs it), a laptop may not.
const hasGo = spawnSync('go', ['version']).status === 0;
const itWithGo = hasGo || process.env.CI === 'true' ? it : it.skip;

describe('generated files', () => {
  it(`crds/*.yaml match the schemas (else ${STALE})`, () => {
    const expected = crdFiles();
    const onDisk = readdirSync(join(REPO_ROOT, 'crds')).filter((f) => f.endsWith('.yaml'));
    expect(onDisk.sort()).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect({ name, text: readFileSync(join(REPO_ROOT, 'crds', name), 'utf8') }).toEqual({ name, text });
  });

  it(`imports/ match the CRDs (else ${STALE})`, () => {
    const out = mkdtempSync(join(tmpdir(), 'fluid-cdk8s-imports-'));
    try {
      importCrds(crdFiles(), out);
      const files = readdirSync(out).sort();
      expect(readdirSync(join(REPO_ROOT, 'imports')).sort()).toEqual(files);
      for (const f of files) expect(readFileSync(join(REPO_ROOT, 'imports', f), 'utf8') === readFileSync(join(out, f), 'utf8')).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  itWithGo('the Kubernetes core schemas match the OpenAPI of the control plane version (else run `npm run gen:k8s`)', () => {
    const { source } = coreSchemasSource();
    expect(readFileSync(CORE_SCHEMAS_FILE, 'utf8') === source).toBe(true);
  }, 120_000);
});
