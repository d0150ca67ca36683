// The data.fluid.io documents of the Fluid sample corpus, read at run time (see test/support/fluid-samples.ts).
import { readDocuments } from '../../../cli/read-documents';
import { isFluidObject } from '../../../crds/validate';
import { samplePath, SampleEntry } from '../../../scripts/fluid-samples';

export { isValidObjectName } from '../../../crds/validate';

export interface FluidDocument {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name?: string; generateName?: string; namespace?: string; [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** The data.fluid.io documents of one sample file, parsed as kubectl parses them (YAML 1.1). */
export function fluidDocuments(entry: SampleEntry): FluidDocument[] {
  return readDocuments(samplePath(entry)).map((doc) => {
    if (!doc.ok) throw new Error(`${entry.file}#${doc.index}: ${doc.error}`);
    return doc.value;
  }).filter((value): value is FluidDocument => isFluidObject(value));
}

/** `Kind/name` of the documents that index.json flags, taken from the `fluidCrdIssues` lines. */
export function flaggedDocuments(entry: SampleEntry): Set<string> {
  return new Set((entry.fluidCrdIssues ?? []).map((issue) => issue.slice(0, issue.indexOf(':'))));
}

export function documentLabel(doc: FluidDocument): string {
  return `${doc.kind}/${doc.metadata?.name ?? doc.metadata?.generateName ?? '?'}`;
}
