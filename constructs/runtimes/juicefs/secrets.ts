// JuiceFS credentials reach the worker and fuse containers only as environment variables filled by secretKeyRef
// (pkg/ddc/juicefs/transform_fuse.go genValue, charts/juicefs/templates/*): metaurl, access-key, secret-key and
// token as METAURL, ACCESS_KEY, SECRET_KEY and TOKEN, any other encryptOption as its name with "-" turned into "_".
// Scripts refer to them as ${METAURL} and so on; no value is ever rendered.
import type { EncryptOption } from '../../../crds/schema/common/encrypt-option';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import type { EnvVar } from '../../../crds/schema/k8s/core.generated';
import { SECRET_ENV } from './defaults';

export type FixedSecret = keyof typeof SECRET_ENV;

/** A Secret key, by name only: the value never leaves the Secret. */
export interface SecretRef {
  readonly name: string;
  readonly key: string;
}

/** An encryptOption without a fixed variable: passed to `juicefs format`/`auth` as --<option>=${<env>}. */
export interface EnvSecret {
  /** The encryptOption name, e.g. access-key2. */
  readonly option: string;
  /** Its variable, e.g. access_key2. */
  readonly env: string;
  readonly ref: SecretRef;
}

export interface JuiceSecrets {
  /** metaurl, access-key, secret-key and token, when given. */
  readonly fixed: Readonly<Partial<Record<FixedSecret, SecretRef>>>;
  /** Every other encryptOption, once each (the first mount's wins over a shared one). */
  readonly others: readonly EnvSecret[];
}

/** "access-key2" -> ACCESS_KEY2's variable "access_key2" (utils.ConvertDashToUnderscore). */
export const envNameOf = (option: string) => option.replaceAll('-', '_');

/** A Linux environment variable name (pkg/utils/os_env.go CheckValidateEnvName). */
export const ENV_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const isFixed = (name: string): name is FixedSecret => name in SECRET_ENV;

/** The encryptOptions JuiceFS reads: the Dataset's shared ones, then the first mount's, which win. */
export function juiceEncryptOptions(dataset: DatasetSpec): EncryptOption[] {
  return [...(dataset.sharedEncryptOptions ?? []), ...(dataset.mounts?.[0]?.encryptOptions ?? [])];
}

export function juiceSecrets(dataset: DatasetSpec): JuiceSecrets {
  const fixed: Partial<Record<FixedSecret, SecretRef>> = {};
  const others = new Map<string, EnvSecret>();
  for (const option of juiceEncryptOptions(dataset)) {
    const ref = option.valueFrom?.secretKeyRef;
    // "quota" is a mount option, never a secret; references without a key are refused by check.ts.
    if (!ref?.name || !ref.key || option.name === 'quota') continue;
    if (isFixed(option.name)) fixed[option.name] = { name: ref.name, key: ref.key };
    else others.set(option.name, { option: option.name, env: envNameOf(option.name), ref: { name: ref.name, key: ref.key } });
  }
  return { fixed, others: [...others.values()] };
}

/** The variables worker and fuse containers get, in the chart's order. */
export function secretEnv(s: JuiceSecrets): EnvVar[] {
  const fixed = (Object.keys(SECRET_ENV) as FixedSecret[]).flatMap((option) => {
    const ref = s.fixed[option];
    return ref ? [{ name: SECRET_ENV[option], valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } } }] : [];
  });
  return [...fixed, ...s.others.map((o) => ({ name: o.env, valueFrom: { secretKeyRef: { name: o.ref.name, key: o.ref.key } } }))];
}
