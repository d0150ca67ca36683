// `fluid-cdk8s install`: prints everything a cluster needs for the operator: our CRDs, its ServiceAccount and RBAC,
// and its Deployment, for `kubectl apply -f -` or a GitOps repository.
import { App } from 'cdk8s';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { crdFiles } from '../crds/crd-files';
import { OperatorInstall, OperatorInstallProps } from '../constructs/operator/operator-install';

export function installManifests(props: OperatorInstallProps): string {
  const crds = [...crdFiles().values()];
  const operator = new OperatorInstall(new App(), 'operator', props).toJson().map((o) => stringify(o, { lineWidth: 0 }));
  return [...crds, ...operator].join('---\n');
}

export function registerInstallCommand(program: Command): void {
  program
    .command('install')
    .description('print the CRDs, RBAC and operator Deployment as YAML (pipe to kubectl apply --server-side -f -)')
    .option('-n, --namespace <ns>', 'namespace of the operator', 'fluid-system')
    .option('--image <image>', 'operator image', 'fluid-cdk8s/operator:latest')
    .action((opts: { namespace: string; image: string }) => {
      process.stdout.write(installManifests({ namespace: opts.namespace, image: opts.image }));
    });
}
