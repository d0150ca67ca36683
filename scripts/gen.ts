// `npm run gen`: writes crds/*.yaml from the zod schemas, then imports/ from those CRDs with `cdk8s import`.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crdFiles } from '../crds/crd-files';
import { importCrds } from './import-crds';
import { REPO_ROOT } from '../cluster/repo-root';

const root = REPO_ROOT;
const crdDir = join(root, 'crds');

for (const name of readdirSync(crdDir).filter((f) => f.endsWith('.yaml'))) rmSync(join(crdDir, name));
const files = crdFiles();
for (const [name, text] of files) writeFileSync(join(crdDir, name), text);
process.stdout.write(`wrote ${files.size} CRDs to crds/\n`);

const importsDir = join(root, 'imports');
rmSync(importsDir, { recursive: true, force: true });
mkdirSync(importsDir);
importCrds(files, importsDir);
process.stdout.write(`wrote typed imports to imports/: ${readdirSync(importsDir).join(', ')}\n`);
