// Installs the repository's generated CRDs (crds/<plural>.yaml) the way users will: server-side apply.
import * as k8s from '@kubernetes/client-node';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { applyCrd as productApplyCrd } from '../../../operator/kube/crd-installer';

export const FIELD_MANAGER = 'fluid-cdk8s-test';

export interface CrdFile {
  readonly file: string;
  readonly crd: {
    metadata: { name: string };
    spec: { group: string; names: { kind: string; plural: string }; scope: 'Namespaced' | 'Cluster'; versions: { name: string; served: boolean; storage: boolean }[] };
  };
}

/** Where and how a kind is served. */
export interface ServedKind {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

export function readCrdFiles(dir: string): CrdFile[] {
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, crd: parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CrdFile['crd'] }));
}

export function servedKinds(files: readonly CrdFile[]): Map<string, ServedKind> {
  return new Map(files.map(({ crd }) => {
    const storage = crd.spec.versions.find((v) => v.storage) ?? crd.spec.versions[0];
    return [crd.spec.names.kind, {
      group: crd.spec.group, version: storage.name, plural: crd.spec.names.plural, namespaced: crd.spec.scope === 'Namespaced',
    }];
  }));
}

export { waitForEstablished } from '../../../operator/kube/crd-installer';

/** Server-side applies the CRD with strict field validation, as the product does, under the tests' field manager. */
export async function applyCrd(kc: k8s.KubeConfig, crd: CrdFile['crd']): Promise<void> {
  await productApplyCrd(kc, crd, FIELD_MANAGER);
}
