// `fluid-cdk8s install`: prints everything a cluster needs for the operator: our CRDs, its ServiceAccount and RBAC,
// and its Deployment, for `kubectl apply -f -` or a GitOps repository.
import { App } from 'cdk8s';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { stringify } from 'yaml';
import { crdFiles } from '../crds/crd-files';
import { defaultOperatorImage } from '../constructs/operator/operator-image';
import { OperatorInstall, OperatorInstallProps, Toleration } from '../constructs/operator/operator-install';

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
    .option('--image <image>', 'operator image', defaultOperatorImage())
    .option('--image-pull-policy <policy>', 'Always, IfNotPresent or Never', parsePullPolicy, 'IfNotPresent')
    .option('--node-selector <key=value>', 'run the operator only on nodes with this label (repeatable)', collectLabel, {})
    .option('--toleration <key[=value][:effect]>', 'tolerate this taint (repeatable)', collectToleration, [])
    .action((opts: InstallFlags) => {
      process.stdout.write(installManifests({
        namespace: opts.namespace, image: opts.image, imagePullPolicy: opts.imagePullPolicy,
        nodeSelector: opts.nodeSelector, tolerations: opts.toleration,
      }));
    });
}

interface InstallFlags {
  readonly namespace: string;
  readonly image: string;
  readonly imagePullPolicy: NonNullable<OperatorInstallProps['imagePullPolicy']>;
  readonly nodeSelector: Record<string, string>;
  readonly toleration: Toleration[];
}

function parsePullPolicy(value: string): InstallFlags['imagePullPolicy'] {
  if (value === 'Always' || value === 'IfNotPresent' || value === 'Never') return value;
  throw new InvalidArgumentError('expected Always, IfNotPresent or Never');
}

function collectLabel(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** `key`, `key=value`, `key:Effect` or `key=value:Effect`; without a value the key only has to exist. */
export function parseToleration(value: string): Toleration {
  const m = /^([^=:]+)(?:=([^:]*))?(?::(.+))?$/.exec(value);
  if (m === null) throw new InvalidArgumentError(`expected key[=value][:effect], got "${value}"`);
  const [, key, val, effect] = m;
  if (effect !== undefined && !(EFFECTS as readonly string[]).includes(effect)) {
    throw new InvalidArgumentError(`effect must be one of ${EFFECTS.join(', ')}, got "${effect}"`);
  }
  return {
    key,
    operator: val === undefined ? 'Exists' : 'Equal',
    ...(val !== undefined ? { value: val } : {}),
    ...(effect !== undefined ? { effect: effect as Toleration['effect'] } : {}),
  };
}

function collectToleration(value: string, previous: Toleration[]): Toleration[] {
  return [...previous, parseToleration(value)];
}
