// How Jindo pods get storage credentials: the Secrets are mounted at /token (volume jindofs-secret-token) and the
// configuration names only those file paths. Fluid does the same for smartdata and fuse images >= 4.6.8
// (pkg/ddc/jindocache/transform.go, charts/jindocache/templates/_helpers.tpl); older images get the values copied
// into the config ConfigMap, which we never do.
import type { KeyToPath, SecretProjection, Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { TOKEN_DIR, TOKEN_URI, TOKEN_VOLUME } from './defaults';
import { MergedMount, mountKind, ossBucket, StorageType } from './mounts';

export interface Credentials {
  /** A Secret mounted whole or as AccessKeyId/AccessKeySecret: spec.secret, or the Secret of a non-OSS mount. */
  readonly secret?: string;
  /** spec.secret is an STS token Secret: every key is mounted as it is. */
  readonly useStsToken: boolean;
  /** Key of the access key id in `secret`, for a non-OSS mount. */
  readonly secretKey?: string;
  /** Key of the access key secret in `secret`. */
  readonly secretValue?: string;
  /** OSS keys per bucket, projected to `<bucket>/AccessKeyId` and `<bucket>/AccessKeySecret`. */
  readonly projections: readonly SecretProjection[];
  /** Bucket name to the secrets:// URI Jindo reads its keys from. */
  readonly bucketSecretPaths: Readonly<Record<string, string>>;
}

/** Adds one projected item, grouping items of the same Secret (pkg/ddc/jindo/oss_secret.go AppendSecretProjection). */
function withItem(projections: SecretProjection[], name: string, item: KeyToPath): SecretProjection[] {
  const same = projections.find((p) => p.name === name);
  if (!same) return [...projections, { name, items: [item] }];
  if (same.items?.some((i) => i.path === item.path)) return projections;
  return projections.map((p) => (p === same ? { ...p, items: [...(p.items ?? []), item] } : p));
}

const OSS_ITEM_PATHS: Record<string, string> = { 'fs.oss.accessKeyId': 'AccessKeyId', 'fs.oss.accessKeySecret': 'AccessKeySecret' };

interface Collected {
  secret?: string;
  secretKey?: string;
  secretValue?: string;
  projections: SecretProjection[];
  bucketSecretPaths: Record<string, string>;
}

function collectMount(acc: Collected, m: MergedMount): void {
  const kind = mountKind(m.mount.mountPoint);
  if (kind.kind === 'local') return;
  const type: StorageType = kind.kind === 'storage' ? kind.type : 'oss';
  const bucket = kind.kind === 'storage' && type === 'oss' ? ossBucket(m.mount.mountPoint) : '';
  for (const option of m.encryptOptions) {
    const ref = option.valueFrom?.secretKeyRef;
    if (!ref?.key) continue;
    if (bucket) {
      const file = OSS_ITEM_PATHS[option.name];
      if (!file) continue;
      acc.bucketSecretPaths[bucket] = `${TOKEN_URI}${bucket}/`;
      acc.projections = withItem(acc.projections, ref.name, { key: ref.key, path: `${bucket}/${file}` });
      continue;
    }
    acc.secret = ref.name;
    if (option.name === `fs.${type}.accessKeyId`) acc.secretKey = ref.key;
    if (option.name === `fs.${type}.accessKeySecret`) acc.secretValue = ref.key;
  }
}

export function credentialsOf(mounts: readonly MergedMount[], runtimeSecret: string | undefined): Credentials {
  const acc: Collected = { secret: runtimeSecret || undefined, projections: [], bucketSecretPaths: {} };
  for (const m of mounts) collectMount(acc, m);
  return { ...acc, useStsToken: !!runtimeSecret };
}

export function hasCredentials(c: Credentials): boolean {
  return !!c.secret || c.projections.length > 0;
}

function keyItems(c: Credentials): KeyToPath[] | undefined {
  const items: KeyToPath[] = [];
  if (c.secretKey) items.push({ key: c.secretKey, path: 'AccessKeyId' });
  if (c.secretValue) items.push({ key: c.secretValue, path: 'AccessKeySecret' });
  return items.length ? items : undefined;
}

function ownSecret(c: Credentials): { name: string; items?: KeyToPath[] } {
  const items = c.useStsToken ? undefined : keyItems(c);
  return { name: c.secret!, ...(items ? { items } : {}) };
}

/** The volume every Jindo pod mounts at /token; undefined when no credential is configured. */
export function tokenVolume(c: Credentials): Volume | undefined {
  if (!hasCredentials(c)) return undefined;
  if (c.projections.length) {
    const sources = [...(c.secret ? [ownSecret(c)] : []), ...c.projections].map((secret) => ({ secret }));
    return { name: TOKEN_VOLUME, projected: { sources } };
  }
  const own = ownSecret(c);
  return { name: TOKEN_VOLUME, secret: { secretName: own.name, ...(own.items ? { items: own.items } : {}) } };
}

export const TOKEN_MOUNT: VolumeMount = { name: TOKEN_VOLUME, mountPath: TOKEN_DIR, readOnly: true };
