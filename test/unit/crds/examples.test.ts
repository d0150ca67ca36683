// Our own example YAML must stay valid as the schemas evolve.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateFiles } from '../../../cli/validate';
import { REPO_ROOT } from '../../../scripts/fluid-samples';

it('every examples/*.yaml document validates', () => {
  const dir = join(REPO_ROOT, 'examples');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));
  expect(files.length).toBeGreaterThan(0);
  const report = validateFiles(files);
  // Plain Kubernetes objects (the Secrets the examples reference) are skipped; everything else must be ok.
  expect(report.lines.filter((l) => !l.startsWith('ok ') && !/^skip \S+ Secret /.test(l))).toEqual([]);
  expect(report.errors).toBe(0);
});
