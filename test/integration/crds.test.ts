// Our generated CRDs on a real apiserver: each installs by server-side apply and becomes Established, then
// every data.fluid.io document of Fluid's samples round-trips with nothing pruned or changed (except
// server-side defaults), and the documents Fluid's own CRDs refuse are refused with 422.
import * as path from 'node:path';
import { applyCrd, readCrdFiles, servedKinds, waitForEstablished } from './support/crd-install';
import { apiErrorText, ensureNamespace, isStatus, loadKubeConfig, namespacePerTest } from './support/cluster-client';
import { fieldsNotKept } from './support/fields-kept';
import { FluidObjects, ObjectRef } from './support/fluid-objects';
import { documentLabel, flaggedDocuments, FluidDocument, fluidDocuments, isValidObjectName } from './support/fluid-samples';
import { loadSampleIndex, SampleEntry } from '../../scripts/fluid-samples';

const CRD_DIR = path.resolve(__dirname, '..', '..', 'crds');

/**
 * Documents index.json marks as broken that our CRDs nevertheless accept, each with the reason; our own
 * validator (crds/validate.ts) rejects them. A flagged document accepted but not listed here fails the test.
 */
const ACCEPTED_DESPITE_FLAG: ReadonlyMap<string, string> = new Map([]);

const kc = loadKubeConfig();
const objects = new FluidObjects(kc);
const crdFiles = readCrdFiles(CRD_DIR);
const kinds = servedKinds(crdFiles);

/** Each CRD is applied once, by its own test or by the samples' beforeAll, whichever runs first. */
const installing = new Map<string, Promise<void>>();
function install(file: (typeof crdFiles)[number]): Promise<void> {
  let pending = installing.get(file.file);
  if (pending === undefined) {
    pending = applyCrd(kc, file.crd).then(() => waitForEstablished(kc, file.crd.metadata.name));
    installing.set(file.file, pending);
  }
  return pending;
}

describe('crds/*.yaml', () => {
  test('exist', () => {
    expect(crdFiles.map((f) => f.file)).not.toEqual([]);
  });

  test.each(crdFiles.map((f) => [f.file, f] as const))('%s applies server-side and becomes Established', async (_name, file) => {
    await install(file);
  });

  // Guards the samples' round-trip check against passing vacuously.
  test('the read-back comparison reports a field the apiserver pruned', async () => {
    await install(crdFiles.find((f) => f.crd.spec.names.kind === 'Dataset')!);
    const sent: FluidDocument = {
      apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'prune-check', namespace: 'default' },
      spec: { mounts: [{ mountPoint: 'https://example.com/data/' }], notAFluidField: 'x' },
    };
    const ref = await objects.create(kinds.get('Dataset')!, sent);
    try {
      expect(fieldsNotKept(sent, await objects.read(ref))).toEqual(['.spec.notAFluidField: pruned (sent "x")']);
    } finally {
      await objects.delete(ref);
    }
  });
});

// Throws under CI=true when the corpus is missing, so the run fails instead of skipping.
const index = loadSampleIndex();
if (!index) {
  test.skip('Fluid samples (not found; set FLUID_SAMPLES_DIR)', () => undefined);
} else {
  const byFile = (e: SampleEntry): [string, SampleEntry] => [e.file, e];

  describe('Fluid samples', () => {
    // No pods here, so no ServiceAccount wait. Every object is deleted by the test itself, so the ~150
    // namespace deletions (about three a second) are left to finish in the background.
    const ns = namespacePerTest(kc, 'samples', { waitForServiceAccount: false, awaitDeletion: false });
    let created: ObjectRef[] = [];

    beforeAll(async () => {
      await Promise.all(crdFiles.map(install));
    });

    // Cluster-scoped objects and those in a namespace the manifest names may share names across files.
    afterEach(async () => {
      await Promise.all(created.map((ref) => objects.delete(ref)));
      created = [];
    });

    /** Creates `doc` (in the test namespace unless it names one) and returns what was sent and the ref. */
    async function create(doc: FluidDocument): Promise<{ sent: FluidDocument; ref: ObjectRef }> {
      const kind = kinds.get(doc.kind);
      if (kind === undefined) throw new Error(`${documentLabel(doc)}: no CRD in ${CRD_DIR} serves kind ${doc.kind}`);
      let sent = doc;
      if (kind.namespaced && doc.metadata.namespace === undefined) sent = { ...doc, metadata: { ...doc.metadata, namespace: ns.name } };
      if (kind.namespaced && doc.metadata.namespace !== undefined) await ensureNamespace(kc, doc.metadata.namespace);
      const ref = await objects.create(kind, sent);
      created.push(ref);
      return { sent, ref };
    }

    /** A document whose name Kubernetes forbids must fail on metadata.name, not on anything our CRD says. */
    async function refusedName(doc: FluidDocument): Promise<string[]> {
      try {
        await create(doc);
        return [`${documentLabel(doc)}: accepted although its name is not a lowercase RFC 1123 subdomain`];
      } catch (err) {
        const text = apiErrorText(err);
        return isStatus(err, 422) && text.includes('metadata.name') ? [] : [`${documentLabel(doc)}: expected 422 on metadata.name, got ${text}`];
      }
    }

    test.each(index.filter((e) => e.expect === 'accept').map(byFile))('%s: accepted and read back unchanged', async (_file, entry) => {
      const problems: string[] = [];
      for (const doc of fluidDocuments(entry)) {
        if (doc.metadata.name !== undefined && !isValidObjectName(doc.metadata.name)) {
          problems.push(...(await refusedName(doc)));
          continue;
        }
        try {
          const { sent, ref } = await create(doc);
          const readBack = await objects.read(ref);
          problems.push(...fieldsNotKept(sent, readBack).map((p) => `${documentLabel(doc)}: ${p}`));
        } catch (err) {
          problems.push(`${documentLabel(doc)}: ${apiErrorText(err)}`);
        }
      }
      expect(problems).toEqual([]);
    });

    test.each(index.filter((e) => e.expect === 'reject').map(byFile))('%s: flagged documents rejected with 422', async (_file, entry) => {
      const flagged = flaggedDocuments(entry);
      const outcomes: string[] = [];
      for (const doc of fluidDocuments(entry)) {
        const label = documentLabel(doc);
        try {
          await create(doc);
          if (flagged.has(label) && !ACCEPTED_DESPITE_FLAG.has(label)) outcomes.push(`${label}: accepted although flagged`);
        } catch (err) {
          // Unflagged documents in the same file (a valid DataLoad beside a broken DataProcess) may go either way.
          if (!isStatus(err, 422)) outcomes.push(`${label}: expected 201 or 422, got ${apiErrorText(err)}`);
        }
      }
      expect(outcomes).toEqual([]);
    });
  });
}
