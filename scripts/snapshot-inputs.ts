// Which documents make up each golden-manifest input. A Fluid sample often shows a runtime on one page block and its
// Dataset (or profile, or class) on another; we pair them the way a reader of the page would, and fall back to our
// own stand-ins (test/fixtures/sample-stand-ins.yaml) for objects no sample shows.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readDocuments } from '../cli/read-documents';
import { isOperationKind } from '../constructs/operations/operation-rules';
import { BUILTIN_ENGINES } from '../constructs/runtimes/builtin-engines';
import { loadSampleIndex, REPO_ROOT, SampleEntry, samplePath, samplesDir } from './fluid-samples';

export interface SnapshotInput {
  /** Golden file path, relative to snapshots/. */
  readonly golden: string;
  /** The files the documents come from, for the golden's header. */
  readonly sources: readonly string[];
  readonly documents: readonly unknown[];
  /** Runtime kinds among the documents, for `npm run snapshots -- <kind>`. */
  readonly runtimeKinds: readonly string[];
}

const ENGINE_KINDS = new Set(BUILTIN_ENGINES.map((e) => e.kind));
const STAND_INS = join(REPO_ROOT, 'test', 'fixtures', 'sample-stand-ins.yaml');

type Doc = { kind?: string; metadata?: { name?: string }; spec?: { profileName?: string; runtimeClassName?: string; [field: string]: any } };

/** The Dataset a data operation works on (constructs/operations/operation-rules.ts has the same rule for validated objects). */
function targetName(op: Doc): string | undefined {
  const spec = op.spec ?? {};
  if (op.kind === 'DataBackup') return spec.dataset;
  if (op.kind === 'DataMigrate') return spec.to?.dataset?.name ?? spec.from?.dataset?.name;
  return spec.dataset?.name;
}

function docsOf(path: string): Doc[] {
  return readDocuments(path).flatMap((d) => (d.ok ? [d.value as Doc] : []));
}

const page = (entry: SampleEntry) => entry.source.split(' block')[0];
const sourceDir = (entry: SampleEntry) => page(entry).split('/').slice(0, -1).join('/');
const topic = (entry: SampleEntry) => entry.file.split('/')[0];

/** The first document of `kind` named `name`: same page, same source folder, same topic, anywhere, then a stand-in. */
function findDocument(kind: string, name: string, near: SampleEntry, index: readonly SampleEntry[]): { doc: Doc; source: string } | undefined {
  const holders = index.filter((e) => e.expect === 'accept' && e.kinds.some((k, i) => k === kind && e.names[i] === name));
  const ranked = [
    ...holders.filter((e) => page(e) === page(near)),
    ...holders.filter((e) => sourceDir(e) === sourceDir(near)),
    ...holders.filter((e) => topic(e) === topic(near)),
    ...holders,
  ];
  for (const entry of ranked) {
    const doc = docsOf(samplePath(entry)).find((d) => d.kind === kind && d.metadata?.name === name);
    if (doc) return { doc, source: `fluid-samples/${entry.file}` };
  }
  const standIn = docsOf(STAND_INS).find((d) => d.kind === kind && d.metadata?.name === name);
  return standIn ? { doc: standIn, source: relative(REPO_ROOT, STAND_INS) } : undefined;
}

function sampleInput(entry: SampleEntry, index: readonly SampleEntry[]): SnapshotInput | undefined {
  const own = docsOf(samplePath(entry));
  const operations = own.filter((d) => isOperationKind(d.kind));
  if (!own.some((d) => ENGINE_KINDS.has(d.kind ?? '')) && !operations.length) return undefined;
  const documents: unknown[] = [...own];
  const sources = new Set([`fluid-samples/${entry.file}`]);
  const has = (kind: string, name: string) => documents.some((d) => (d as Doc).kind === kind && (d as Doc).metadata?.name === name);
  const add = (kind: string, name: string | undefined) => {
    if (!name || has(kind, name)) return;
    const found = findDocument(kind, name, entry, index);
    if (!found) return;
    documents.push(found.doc);
    sources.add(found.source);
  };
  // An operation's page shows the operation only; its Dataset and a runtime of that name come from the pages before.
  for (const op of operations) {
    const name = targetName(op);
    add('Dataset', name);
    if (name && ![...ENGINE_KINDS].some((kind) => has(kind, name))) {
      const kind = [...ENGINE_KINDS].find((k) => findDocument(k, name, entry, index));
      if (kind) add(kind, name);
    }
  }
  const runtimes = (documents as Doc[]).filter((d) => ENGINE_KINDS.has(d.kind ?? ''));
  for (const runtime of runtimes) {
    add('Dataset', runtime.metadata?.name);
    if (runtime.kind === 'ThinRuntime') add('ThinRuntimeProfile', runtime.spec?.profileName);
    if (runtime.kind === 'CacheRuntime') add('CacheRuntimeClass', runtime.spec?.runtimeClassName);
  }
  return {
    golden: `fluid-samples/${entry.file}`,
    sources: [...sources],
    documents,
    runtimeKinds: [...new Set(runtimes.map((r) => r.kind!))],
  };
}

/** Every golden-manifest input: our examples, then every accepted Fluid sample holding a runtime of our engines. */
export function snapshotInputs(): SnapshotInput[] {
  const examplesDir = join(REPO_ROOT, 'examples');
  const examples = readdirSync(examplesDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const documents = docsOf(join(examplesDir, f));
      return {
        golden: `examples/${f}`,
        sources: [`examples/${f}`],
        documents,
        runtimeKinds: [...new Set(documents.map((d) => d.kind ?? '').filter((k) => k.endsWith('Runtime')))],
      };
    });
  const index = loadSampleIndex() ?? [];
  const samples = index.filter((e) => e.expect === 'accept').flatMap((e) => sampleInput(e, index) ?? []);
  return [...examples, ...samples];
}

export { samplesDir };
