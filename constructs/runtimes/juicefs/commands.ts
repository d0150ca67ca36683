// The commands in the worker and fuse scripts (pkg/ddc/juicefs/transform_fuse.go genFormatCmd, genQuotaCmd,
// genFuseMount; transform.go genWorkerMount) and the scripts around them (charts/juicefs/templates/*: format or auth
// first, then mount, the mount command last). Secrets appear only as ${VARIABLE} references.
import type { JuiceFSRuntimeSpec } from '../../../crds/schema/juicefs-runtime';
import { parseQuantity, quantityValue } from '../../quantity';
import { CE_CLI, CE_MOUNT_BIN, EE_CLI, EE_MOUNT_BIN, SECRET_ENV } from './defaults';
import { Options, optionList, shellWord } from './options';
import { envNameOf } from './secrets';
import type { JuiceValues } from './values';

const setDefault = (options: Options, key: string, value: string) => {
  if (!(key in options)) options[key] = value;
};

const cacheGroup = (v: JuiceValues) => `${v.ds.namespace}-${v.ds.name}`;

function mountCommand(v: JuiceValues, options: Options): string {
  const bin = v.edition === 'community' ? CE_MOUNT_BIN : EE_MOUNT_BIN;
  return ['exec', bin, v.source, shellWord(v.mountPath), '-o', shellWord(optionList(options))].join(' ');
}

/** Workers serve the cache group; enterprise workers share their cache with the group, so no-sharing is dropped. */
export function workerOptions(v: JuiceValues, spec: JuiceFSRuntimeSpec): Options {
  const options: Options = { ...v.mountOptions, ...spec.worker?.options };
  if (v.edition === 'community') {
    setDefault(options, 'metrics', `0.0.0.0:${v.workerMetricsPort}`);
    return options;
  }
  Object.assign(options, { foreground: '', 'no-update': '' });
  setDefault(options, 'cache-group', cacheGroup(v));
  delete options['no-sharing'];
  return options;
}

/** The fuse mounts with the Dataset's options too, read-only unless the Dataset allows writes. */
export function fuseOptions(v: JuiceValues, spec: JuiceFSRuntimeSpec): Options {
  const options: Options = { ...v.dataset.options, ...v.mountOptions, ...spec.fuse?.options };
  // bucket2 is an enterprise `juicefs auth` option that `mount` refuses (filter.go buildFuseMountCmdFilter).
  delete options.bucket2;
  if (v.readOnly) options.ro = '';
  if (v.edition === 'community') {
    if (v.readOnly) ['attr-cache', 'entry-cache'].forEach((k) => setDefault(options, k, '7200'));
    setDefault(options, 'metrics', `0.0.0.0:${v.fuseMetricsPort}`);
    return options;
  }
  if (v.readOnly) ['attrcacheto', 'entrycacheto'].forEach((k) => setDefault(options, k, '7200'));
  Object.assign(options, { foreground: '', 'no-update': '' });
  setDefault(options, 'cache-group', cacheGroup(v));
  setDefault(options, 'no-sharing', '');
  return options;
}

function configArgs(spec: JuiceFSRuntimeSpec): string[] {
  return (spec.configs ?? [])
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .map((c) => `--${shellWord(c)}`);
}

const secretArg = (flag: string, env: string) => `--${flag}=\${${env}}`;
const valueArg = (key: string, value: string) => `--${shellWord(key)}=${shellWord(value)}`;

function communityFormat(v: JuiceValues, spec: JuiceFSRuntimeSpec): string {
  const { storage, bucket, options } = v.dataset;
  const args = [
    ...configArgs(spec),
    ...(v.secrets.fixed['access-key'] ? [secretArg('access-key', SECRET_ENV['access-key'])] : []),
    ...(v.secrets.fixed['secret-key'] ? [secretArg('secret-key', SECRET_ENV['secret-key'])] : []),
    ...(!storage || !bucket ? ['--no-update'] : []),
    ...(storage ? [valueArg('storage', storage)] : []),
    ...(bucket ? [valueArg('bucket', bucket)] : []),
    ...Object.keys(options)
      .sort()
      .map((k) => valueArg(k, options[k])),
    ...v.secrets.others.map((o) => secretArg(shellWord(o.option), o.env)),
  ];
  return [CE_CLI, 'format', ...args, v.source, shellWord(v.volumeName)].join(' ');
}

/** Enterprise `juicefs auth`, only with a token; it takes bucket2, access-key2 and secret-key2 besides (filter.go). */
function enterpriseAuth(v: JuiceValues, spec: JuiceFSRuntimeSpec): string | undefined {
  if (!v.secrets.fixed.token) return undefined;
  const { bucket, options } = v.dataset;
  const extraSecrets = ['access-key2', 'secret-key2'].filter((name) => v.secrets.others.some((o) => o.option === name));
  const args = [
    ...configArgs(spec),
    secretArg('token', SECRET_ENV.token),
    ...(v.secrets.fixed['access-key'] ? [secretArg('accesskey', SECRET_ENV['access-key'])] : []),
    ...(v.secrets.fixed['secret-key'] ? [secretArg('secretkey', SECRET_ENV['secret-key'])] : []),
    ...(bucket ? [valueArg('bucket', bucket)] : []),
    ...(options.bucket2 !== undefined ? [valueArg('bucket2', options.bucket2)] : []),
    ...extraSecrets.map((name) => secretArg(name, envNameOf(name))),
  ];
  return [EE_CLI, 'auth', ...args, v.source].join(' ');
}

/** `juicefs quota set` for the mount's `quota` option, in whole GiB; check.ts refuses quotas it cannot apply. */
function quotaCommand(v: JuiceValues): string | undefined {
  const q = v.quota === undefined ? undefined : parseQuantity(v.quota);
  if (!q || v.subPath === '/') return undefined;
  const gib = quantityValue(q) >> 30n;
  const cli = v.edition === 'community' ? CE_CLI : EE_CLI;
  return `${cli} quota set ${v.source} --path ${shellWord(v.subPath)} --capacity ${gib}`;
}

const log = (step: string) => `echo "$(date '+%Y/%m/%d %H:%M:%S') juicefs ${step} start."`;

/** Community volumes are formatted (idempotent); enterprise ones authenticated once per pod, when a token is given. */
function prepareLines(v: JuiceValues, spec: JuiceFSRuntimeSpec): string[] {
  if (v.edition === 'community') return [log('format'), communityFormat(v, spec)];
  const auth = enterpriseAuth(v, spec);
  if (!auth) return [];
  return [`if [ ! -f /root/.juicefs/${shellWord(v.volumeName)}.conf ]; then`, `  ${log('auth')}`, `  ${auth}`, 'fi'];
}

function script(header: readonly string[], blocks: readonly string[][]): string {
  return [...header, '', ...blocks.filter((b) => b.length).map((b) => b.join('\n') + '\n')].join('\n');
}

export function workerScript(v: JuiceValues, spec: JuiceFSRuntimeSpec): string {
  return script(['#!/bin/bash'], [prepareLines(v, spec), [log('mount'), mountCommand(v, workerOptions(v, spec))]]);
}

export function fuseScript(v: JuiceValues, spec: JuiceFSRuntimeSpec): string {
  const quota = quotaCommand(v);
  return script(['#!/bin/bash', 'set -e'], [prepareLines(v, spec), quota ? [log('set quota'), quota] : [], [log('mount'), mountCommand(v, fuseOptions(v, spec))]]);
}
