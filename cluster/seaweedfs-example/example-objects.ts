// The manifests of examples/seaweedfs/ as objects to apply, moved to a namespace and pointed at the UFS pod. The
// local cluster has no DNS, so the Datasets name the UFS by its pod IP, which the files leave as ${UFS_ADDRESS}.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocuments } from '../../cli/read-documents';
import type { AppliedObject } from '../../operator/kube/server-side-apply';
import { REPO_ROOT } from '../repo-root';

export type SeaweedfsExampleFile = 'ufs' | 'cache-runtime' | 'thin-runtime';

export interface ExampleSettings {
  /** Replaces the files' `namespace: default`, in metadata and in a DataLoad's dataset reference alike. */
  readonly namespace: string;
  /** The UFS pod's IP; needed by cache-runtime and thin-runtime. @default - left as ${UFS_ADDRESS} */
  readonly ufsAddress?: string;
}

export function seaweedfsExampleFile(file: SeaweedfsExampleFile): string {
  return path.join(REPO_ROOT, 'examples', 'seaweedfs', `${file}.yaml`);
}

export function seaweedfsExampleObjects(file: SeaweedfsExampleFile, settings: ExampleSettings): AppliedObject[] {
  const source = seaweedfsExampleFile(file);
  let text = readFileSync(source, 'utf8').replace(/^(\s*)namespace: default$/gm, `$1namespace: ${settings.namespace}`);
  if (settings.ufsAddress !== undefined) text = text.replaceAll('${UFS_ADDRESS}', settings.ufsAddress);
  return parseDocuments(source, text).map((doc) => {
    if (!doc.ok) throw new Error(`${doc.file}#${doc.index}: ${doc.error}`);
    return doc.value as AppliedObject;
  });
}

/** The first object of a kind (and name), for the runtime, Dataset or DataLoad a caller applies on its own. */
export function pick(objects: readonly AppliedObject[], kind: string, name?: string): AppliedObject {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`the example has no ${kind}${name ? ` ${name}` : ''}`);
  return found;
}
