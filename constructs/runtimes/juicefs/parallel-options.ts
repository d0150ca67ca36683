// spec.parallelOptions of a parallel JuiceFS DataMigrate (parallelism > 1): the Secret holding the SSH key pair the
// launcher and its workers share, the port their sshd listens on, and how long the launcher waits for the workers
// (pkg/datamigrate/constants.go, pkg/ddc/juicefs/data_migrate.go setParallelMigrateOptions).
import type { OperationFieldError } from '../../operations/operation-contract';

export interface ParallelOptions {
  /** The Secret with keys ssh-privatekey and ssh-publickey; mounted, never read by us. */
  readonly sshSecretName: string;
  /** @default 22 (Fluid's DefaultSSHPort) */
  readonly sshPort: number;
  /** @default 180 (Fluid's DefaultSSHReadyTimeoutSeconds) */
  readonly sshReadyTimeoutSeconds: number;
}

const DEFAULTS = { sshPort: 22, sshReadyTimeoutSeconds: 180 } as const;
const KEYS = ['sshSecretName', 'sshPort', 'sshReadyTimeoutSeconds'] as const;

/** Fluid reads the numbers with strconv.Atoi; a port must also be one. */
function numberErrors(options: Readonly<Record<string, string>>): OperationFieldError[] {
  const errors: OperationFieldError[] = [];
  const port = options.sshPort;
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    errors.push({ path: 'spec.parallelOptions.sshPort', message: `expected a port number from 1 to 65535, got "${port}"` });
  }
  const timeout = options.sshReadyTimeoutSeconds;
  if (timeout !== undefined && !(/^\d+$/.test(timeout) && Number(timeout) >= 1)) {
    errors.push({ path: 'spec.parallelOptions.sshReadyTimeoutSeconds', message: `expected a whole number of seconds, at least 1, got "${timeout}"` });
  }
  return errors;
}

/**
 * Problems with parallelOptions when the migration is parallel (the operation rules have made sure sshSecretName is
 * there). A key Fluid does not know is refused by name rather than ignored, as spec.options are.
 */
export function parallelOptionErrors(parallelism: number, options: Readonly<Record<string, string>> | undefined): OperationFieldError[] {
  if (parallelism <= 1 || !options) return [];
  const unknown = Object.keys(options)
    .filter((k) => !(KEYS as readonly string[]).includes(k))
    .map((k) => ({ path: `spec.parallelOptions.${k}`, message: `unknown parallel option; expected one of ${KEYS.join(', ')}` }));
  return [...unknown, ...numberErrors(options)];
}

/** The effective options of a checked parallel migration. */
export function parallelOptionsOf(options: Readonly<Record<string, string>> | undefined): ParallelOptions {
  return {
    sshSecretName: options?.sshSecretName ?? '',
    sshPort: options?.sshPort ? Number(options.sshPort) : DEFAULTS.sshPort,
    sshReadyTimeoutSeconds: options?.sshReadyTimeoutSeconds ? Number(options.sshReadyTimeoutSeconds) : DEFAULTS.sshReadyTimeoutSeconds,
  };
}
