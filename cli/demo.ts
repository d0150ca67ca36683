// `fluid-cdk8s demo`: the README's main job. Starts a local control plane unless KUBECONFIG is set, installs our
// CRDs, applies the example Datasets and runtimes, and prints them the way `kubectl get` would.
import * as k8s from '@kubernetes/client-node';
import type { Command } from 'commander';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LocalCluster } from '../cluster/local-cluster';
import { crdFiles } from '../crds/crd-files';
import { GROUP, kindDefinition, VERSION } from '../crds/schema/kinds';
import { formatErrors, validateObject } from '../crds/validate';
import { installCrds } from '../operator/kube/crd-installer';
import { AppliedObject, serverSideApply } from '../operator/kube/server-side-apply';
import { readDocuments } from './read-documents';
import { REPO_ROOT } from './repo-root';

const progress = (line: string): void => {
  process.stderr.write(`[demo] ${line}\n`);
};

/** The example objects, validated; a broken example stops the demo with the validator's message. */
function exampleObjects(): AppliedObject[] {
  const dir = join(REPO_ROOT, 'examples');
  const docs = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().flatMap((f) => readDocuments(join(dir, f)));
  return docs.map((doc) => {
    if (!doc.ok) throw new Error(`${doc.file}#${doc.index}: ${doc.error}`);
    const result = validateObject(doc.value);
    if (!result.ok) throw new Error(formatErrors(result.ref, result.errors).join('\n'));
    return doc.value as AppliedObject;
  });
}

function resourceOf(kind: string) {
  const def = kindDefinition(kind);
  if (!def) throw new Error(`no CRD serves ${kind}`);
  return { group: GROUP, version: VERSION, plural: def.plural, namespaced: def.scope === 'Namespaced' };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('   ').trimEnd()).join('\n');
}

async function runDemo(kc: k8s.KubeConfig): Promise<void> {
  progress('Installing the data.fluid.io CRDs');
  await installCrds(kc, [...crdFiles().values()].map((text) => parse(text) as AppliedObject));
  const objects = exampleObjects();
  const rows = [['NAMESPACE', 'KIND', 'NAME', 'PHASE', 'CREATED']];
  for (const obj of objects) {
    progress(`Applying ${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`);
    const stored = await serverSideApply(kc, resourceOf(obj.kind!), obj);
    const meta = stored.metadata as { namespace?: string; name: string; creationTimestamp?: string };
    const phase = (stored.status as { phase?: string } | undefined)?.phase;
    rows.push([meta.namespace ?? '-', obj.kind!, meta.name, phase || '<none>', meta.creationTimestamp ?? '']);
  }
  process.stdout.write(`${table(rows)}\n`);
  progress('The objects are stored and validated by the CRDs. No operator reconciles them yet, so no phase is set.');
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('start a local control plane (unless KUBECONFIG is set), install the CRDs, apply examples/ and show them')
    .action(async () => {
      const kc = new k8s.KubeConfig();
      if (process.env.KUBECONFIG) {
        progress(`Using the cluster of KUBECONFIG=${process.env.KUBECONFIG}`);
        kc.loadFromDefault();
        await runDemo(kc);
        return;
      }
      progress('No KUBECONFIG: starting a local control plane (the first run builds it from Go modules, ~13 min)');
      const cluster = await LocalCluster.start({ log: progress });
      try {
        progress(`Control plane ready in ${(cluster.startupMs / 1000).toFixed(1)} s`);
        kc.loadFromFile(cluster.kubeconfig);
        await runDemo(kc);
      } finally {
        progress('Stopping the local control plane');
        await cluster.stop();
      }
    });
}
