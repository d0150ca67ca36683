// `npm run snapshots [-- Kind...]`: rewrites the golden manifests in snapshots/ (all, or those whose inputs hold a
// runtime of the given kinds). Review the diff like code: it is what changes in users' clusters.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../cluster/repo-root';
import { goldenText } from './golden';
import { snapshotInputs } from './snapshot-inputs';

const kinds = process.argv.slice(2);
let failures = 0;
let written = 0;
for (const input of snapshotInputs()) {
  if (kinds.length && !input.runtimeKinds.some((k) => kinds.includes(k))) continue;
  const result = goldenText(input);
  if (!result.ok) {
    failures++;
    process.stderr.write(`${input.golden}: cannot render:\n${result.error}\n`);
    continue;
  }
  const target = join(REPO_ROOT, 'snapshots', input.golden);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, result.text);
  written++;
}
process.stdout.write(`wrote ${written} golden file(s) to snapshots/${failures ? `; ${failures} input(s) failed` : ''}\n`);
process.exitCode = failures ? 1 : 0;
