// `fluid-cdk8s install`: prints everything a cluster needs for the operator: our CRDs, its ServiceAccount and RBAC,
// its Deployment, the fuse.csi.fluid.io CSI node plugin, and what an engine needs once per cluster (EFC's session
// manager), for `kubectl apply -f -` or a GitOps repository.
import { App, Chart } from 'cdk8s';
import type { Command } from 'commander';
import { basename } from 'node:path';
import { registryWith } from './engine-modules';
import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_OPERATOR_RESOURCES, OperatorResources } from '../constructs/operator/operator-deployment';
import { parseQuantity } from '../constructs/quantity';
import { LOG_LEVELS, LogLevel } from '../operator/process-logger';
import { stringify } from 'yaml';
import { customResourceDefinition } from '../crds/crd';
import { crdFiles } from '../crds/crd-files';
import { kindDefinition } from '../crds/schema/kinds';
import type { EngineRegistry } from '../constructs/runtimes/engine-registry';
import { builtinEngines } from '../constructs/runtimes/builtin-engines';
import type { EngineSettings } from '../constructs/runtimes/render-input';
import { defaultOperatorImage } from '../constructs/operator/operator-image';
import { OPERATOR_LABELS, OPERATOR_NAME, OperatorInstall, OperatorInstallProps, Toleration } from '../constructs/operator/operator-install';
import { PLUGINS_PROFILE_DIR, PLUGINS_PROFILE_FILE, PodWebhookInstall } from '../constructs/webhook/pod-webhook-install';
import { PLUGINS_CONFIGMAP, PLUGINS_PROFILE_KEY } from '../webhook/plugins-profile';
import { WEBHOOK_PORT } from '../webhook/pod-webhook';
import { CsiInstall } from '../constructs/csi/csi-install';
import { DEFAULT_MOUNT_ROOT } from '../constructs/object-names';
import { DEFAULT_KUBELET_DIR } from '../csi/plugin-paths';

export interface InstallOptions extends OperatorInstallProps {
  /** The kubelet's --root-dir on the nodes, where the CSI plugin registers and publishes. @default '/var/lib/kubelet' */
  readonly kubeletDir?: string;
  /** Fluid's MOUNT_ROOT: where the operator renders fuse mounts and the CSI plugin finds them. @default '/runtime-mnt' */
  readonly mountRoot?: string;
  /** Serve Fluid's pod webhook from the operator: its configuration, Service, profile and RBAC. @default true */
  readonly podWebhook?: boolean;
  /**
   * Fluid's controller variables for the engines' once-per-cluster objects (EFC_SESSMGR_IMAGE_ENV,
   * IMAGE_PULL_SECRETS ...); the command passes its own environment. @default {} (Fluid's defaults)
   */
  readonly env?: EngineSettings['env'];
}

/** The CRDs of runtime kinds outside Fluid's API that the registry's engines serve, from their own schemas. */
function externalCrds(registry: EngineRegistry | undefined): string[] {
  return (registry?.definitions() ?? []).filter((d) => !kindDefinition(d.kind)).map((d) => stringify(customResourceDefinition(d), { lineWidth: 0 }));
}

/** How the operator serves the pod webhook in a cluster: Fluid's port, the profile ConfigMap mounted where Fluid mounts it. */
const OPERATOR_WEBHOOK = { port: WEBHOOK_PORT, profileConfigMap: PLUGINS_CONFIGMAP, profileKey: PLUGINS_PROFILE_KEY, profileDir: PLUGINS_PROFILE_DIR, profileFile: PLUGINS_PROFILE_FILE };

/** Each engine's once-per-cluster objects (RuntimeEngine.installObjects), in registry order. */
function engineObjects(registry: EngineRegistry, settings: EngineSettings): unknown[] {
  const chart = new Chart(new App(), 'engines', { disableResourceNameHashes: true });
  for (const engine of registry.all()) engine.installObjects?.(chart, settings);
  return chart.toJson();
}

export function installManifests(props: InstallOptions): string {
  const crds = [...crdFiles().values(), ...externalCrds(props.registry)];
  const mountRoot = props.mountRoot ?? DEFAULT_MOUNT_ROOT;
  const { podWebhook: withWebhook, env, ...operatorProps } = props;
  const webhook = withWebhook ?? true;
  const operator = new OperatorInstall(new App(), 'operator', { ...operatorProps, mountRoot, ...(webhook ? { webhook: OPERATOR_WEBHOOK } : {}) }).toJson();
  const podWebhook = webhook
    ? new PodWebhookInstall(new App(), 'webhook', { namespace: props.namespace ?? 'fluid-system', serviceAccount: OPERATOR_NAME, podLabels: OPERATOR_LABELS }).toJson()
    : [];
  const csi = new CsiInstall(new App(), 'csi', {
    namespace: props.namespace, image: props.image, imagePullPolicy: props.imagePullPolicy,
    nodeSelector: props.nodeSelector, kubeletDir: props.kubeletDir, mountRoot,
  }).toJson();
  const engines = engineObjects(props.registry ?? builtinEngines(), { mountRoot, env: env ?? {} });
  return [...crds, ...[...operator, ...podWebhook, ...csi, ...engines].map((o) => stringify(o, { lineWidth: 0 }))].join('---\n');
}

export function registerInstallCommand(program: Command): void {
  program
    .command('install')
    .description('print the CRDs, RBAC, operator Deployment, its PodDisruptionBudget and metrics Service, the CSI node plugin, and what engines need once per cluster (EFC\'s session manager; images from Fluid\'s variables such as EFC_SESSMGR_IMAGE_ENV in this environment) as YAML (pipe to kubectl apply --server-side -f -)')
    .option('-n, --namespace <ns>', 'namespace of the operator', 'fluid-system')
    .option('--image <image>', 'operator image', defaultOperatorImage())
    .option('--image-pull-policy <policy>', 'Always, IfNotPresent or Never', parsePullPolicy, 'IfNotPresent')
    .option('--node-selector <key=value>', 'run the operator and the CSI plugin only on nodes with this label (repeatable)', collectLabel, {})
    .option('--toleration <key[=value][:effect]>', 'tolerate this taint (repeatable; the CSI plugin tolerates every taint)', collectToleration, [])
    .option('--kubelet-dir <path>', "the kubelet's --root-dir on the nodes, for the CSI plugin", DEFAULT_KUBELET_DIR)
    .option('--mount-root <path>', "host folder under which fuses mount (Fluid's MOUNT_ROOT), for the operator and the CSI plugin", DEFAULT_MOUNT_ROOT)
    .option('--cache-sync-period <seconds>', 'seconds between two cache queries of a bound runtime (default 60, as in Fluid)', parsePositiveInt)
    .option('--replicas <n>', 'operator replicas; one reconciles while the others stand by to take over (leader election)', parseReplicas, 1)
    .option('--service-monitor', 'also print a ServiceMonitor for the metrics Service (needs the Prometheus Operator)', false)
    .option('--operator-cpu-request <quantity>', `CPU the operator asks for (default ${DEFAULT_OPERATOR_RESOURCES.cpuRequest})`, parseResource)
    .option('--operator-memory-request <quantity>', `memory the operator asks for (default ${DEFAULT_OPERATOR_RESOURCES.memoryRequest})`, parseResource)
    .option('--operator-cpu-limit <quantity>', 'CPU limit of the operator (default none: "none" or a quantity)', parseResource)
    .option('--operator-memory-limit <quantity>', `memory limit of the operator (default ${DEFAULT_OPERATOR_RESOURCES.memoryLimit}; "none" for no limit)`, parseResource)
    .addOption(new Option('--log-level <level>', "the operator's --log-level (default info)").choices(LOG_LEVELS))
    .option('--no-webhook', "leave out Fluid's pod webhook (its configuration, Service, profile and RBAC; the operator then serves none)")
    .addOption(new Option('--fuse-sidecar-injection-mode <mode>', "where the webhook puts the fuse sidecar of serverless pods (Fluid's FUSE_SIDECAR_INJECTION_MODE; native-sidecar lets Jobs finish)").choices(['default', 'legacy', 'native-sidecar']))
    .option('--engine <modules...>', `also run the engines these JavaScript modules export: their CRDs and RBAC are printed, and the operator loads each from ${ENGINES_IN_IMAGE}/<file name> (build your image FROM ours with the module copied there)`, [])
    .action((opts: InstallFlags) => {
      process.stdout.write(installManifests({
        namespace: opts.namespace, image: opts.image, imagePullPolicy: opts.imagePullPolicy,
        nodeSelector: opts.nodeSelector, tolerations: opts.toleration, kubeletDir: opts.kubeletDir, mountRoot: opts.mountRoot,
        cacheSyncPeriodSeconds: opts.cacheSyncPeriod, podWebhook: opts.webhook, registry: registryWith(opts.engine), engineModules: opts.engine.map((m) => `${ENGINES_IN_IMAGE}/${basename(m)}`),
        replicas: opts.replicas, serviceMonitor: opts.serviceMonitor, logLevel: opts.logLevel, resources: resourcesFrom(opts),
        fuseSidecarInjectionMode: opts.fuseSidecarInjectionMode, env: { ...process.env },
      }));
    });
}

/** Where a custom operator image keeps the engine modules `install --engine` names. */
const ENGINES_IN_IMAGE = '/app/engines';

interface InstallFlags {
  readonly engine: string[];
  readonly namespace: string;
  readonly image: string;
  readonly imagePullPolicy: NonNullable<OperatorInstallProps['imagePullPolicy']>;
  readonly nodeSelector: Record<string, string>;
  readonly toleration: Toleration[];
  readonly kubeletDir: string;
  readonly mountRoot: string;
  readonly cacheSyncPeriod?: number;
  readonly webhook: boolean;
  readonly replicas: number;
  readonly serviceMonitor: boolean;
  readonly logLevel?: LogLevel;
  readonly fuseSidecarInjectionMode?: OperatorInstallProps['fuseSidecarInjectionMode'];
  readonly operatorCpuRequest?: string;
  readonly operatorMemoryRequest?: string;
  readonly operatorCpuLimit?: string;
  readonly operatorMemoryLimit?: string;
}

/** The defaults, overridden field by field; "none" leaves a field out. */
export function resourcesFrom(opts: Pick<InstallFlags, 'operatorCpuRequest' | 'operatorMemoryRequest' | 'operatorCpuLimit' | 'operatorMemoryLimit'>): OperatorResources {
  const pick = (flag: string | undefined, fallback: string | undefined) => (flag === 'none' ? undefined : flag ?? fallback);
  const d = DEFAULT_OPERATOR_RESOURCES;
  return {
    cpuRequest: pick(opts.operatorCpuRequest, d.cpuRequest), memoryRequest: pick(opts.operatorMemoryRequest, d.memoryRequest),
    cpuLimit: pick(opts.operatorCpuLimit, d.cpuLimit), memoryLimit: pick(opts.operatorMemoryLimit, d.memoryLimit),
  };
}

function parseReplicas(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a whole number of replicas (1 or more)`);
  return n;
}

function parseResource(value: string): string {
  if (value !== 'none' && parseQuantity(value) === undefined) throw new InvalidArgumentError(`expected a quantity such as 100m, 0.5 or 256Mi, or "none", got "${value}"`);
  return value;
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

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a whole number of seconds (1 or more)`);
  return n;
}
