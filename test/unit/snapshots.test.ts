// Golden manifests: the chart-rendering tests of Fluid, as files a reviewer reads. A change in output must come
// with a regenerated golden (`npm run snapshots`), so it shows up in review.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/fluid-samples';
import { goldenText } from '../../scripts/golden';
import { snapshotInputs } from '../../scripts/snapshot-inputs';

const inputs = snapshotInputs();

it('covers every engine sample and example', () => {
  expect(inputs.length).toBeGreaterThan(40);
});

it.each(inputs.map((i) => [i.golden, i] as const))('%s matches its golden file', (_golden, input) => {
  const result = goldenText(input);
  if (!result.ok) throw new Error(`cannot render ${input.golden}:\n${result.error}`);
  const path = join(REPO_ROOT, 'snapshots', input.golden);
  if (!existsSync(path)) throw new Error(`snapshots/${input.golden} is missing; run \`npm run snapshots\``);
  // Compared as text, so the failure shows a line diff.
  expect(result.text).toBe(readFileSync(path, 'utf8'));
});
