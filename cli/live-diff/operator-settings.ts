// The settings the installed operator renders with, read from its Deployment: the same Fluid variables (MOUNT_ROOT,
// image overrides) and host port range, so `diff` renders what that operator would, not what this CLI defaults to.
import type { EngineSettings } from '../../constructs/runtimes/runtime-engine';
import { DEFAULT_PORT_RANGE, parsePortRange, PortRange } from '../../operator/reconcilers/host-ports';
import { DEFAULT_SETTINGS } from '../../operator/reconcilers/synthesize';

export interface OperatorSettings {
  readonly settings: EngineSettings;
  readonly portRange: PortRange;
}

interface Container {
  readonly name?: string;
  readonly args?: readonly string[];
  readonly env?: readonly { readonly name: string; readonly value?: string }[];
}

const PORT_RANGE_FLAG = '--runtime-node-port-range';

function flagValue(args: readonly string[], flag: string): string | undefined {
  const i = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return undefined;
  return args[i] === flag ? args[i + 1] : args[i].slice(flag.length + 1);
}

/**
 * From the operator Deployment's `operator` container: its literal environment (values from Secrets or fields are
 * not settings the renderer reads) and its port range flag; the defaults for what it does not set.
 */
export function operatorSettingsOf(deployment: { spec?: any } | undefined): OperatorSettings {
  const containers = (deployment?.spec?.template?.spec?.containers ?? []) as Container[];
  const operator = containers.find((c) => c.name === 'operator') ?? containers[0];
  if (!operator) return { settings: DEFAULT_SETTINGS, portRange: DEFAULT_PORT_RANGE };
  const env = Object.fromEntries((operator.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value]));
  const range = flagValue(operator.args ?? [], PORT_RANGE_FLAG);
  return {
    settings: { mountRoot: env.MOUNT_ROOT ?? DEFAULT_SETTINGS.mountRoot, env },
    portRange: range === undefined ? DEFAULT_PORT_RANGE : parsePortRange(range),
  };
}
