// A JuiceFS DataMigrate: one Job (or CronJob) running `juicefs sync` between the runtime's Dataset and an external
// storage, or between two paths of that Dataset (charts/fluid-datamigrate/juicefs, pkg/ddc/juicefs/data_migrate.go).
// Credentials reach the pod only as secretKeyRef variables; URLs name them, never hold them. With parallelism > 1
// the Job is the launcher of parallelism - 1 SSH workers (migrate-workers.ts).
import { posix } from 'node:path';
import type { Construct } from 'constructs';
import type { DataMigrateSpec } from '../../../crds/schema/data-migrate';
import type { JuiceFSRuntimeSpec } from '../../../crds/schema/juicefs-runtime';
import type { EnvVar, Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { addEngineOperationJob, EngineScripts } from '../../operations/engine-operation-job';
import type { BuiltOperation, OperationBuilder, OperationFieldError, OperationInput } from '../../operations/operation-contract';
import { operationIdentity, scriptLabels } from '../../operations/operation-identity';
import { valueEnv } from '../../operations/operation-pod';
import { imagePullSecretsFromEnv } from '../fluid-switches';
import type { RenderInput } from '../runtime-engine';
import { MIGRATE_SCRIPT_FILES, MIGRATE_SCRIPTS, PARALLEL_SCRIPT_FILES, PARALLEL_SCRIPTS } from './migrate-scripts';
import { launcherEnv, MigrateWorkers, OPERATION_LABEL, SSH_MOUNT, sshVolume, withWorkerAntiAffinity } from './migrate-workers';
import { commandFlags, timeoutErrors, timeoutOf } from './operation-options';
import { parallelOptionErrors, parallelOptionsOf } from './parallel-options';
import type { SecretRef } from './secrets';
import { juiceValues, JuiceValues } from './values';

type End = DataMigrateSpec['from'];
type EndName = 'from' | 'to';

/** Where a pvc:// end is mounted, and the URL juicefs sync gets for it (Fluid's NativeVolumeMigratePath). */
const NATIVE_DIR = '/mnt/fluid-native/';
const NATIVE_VOLUME = 'native-vol';

/** External encryptOptions JuiceFS knows, under the variables the URL's user info refers to. */
const EXTERNAL_ENV: Readonly<Record<string, string>> = { 'access-key': 'EXTERNAL_ACCESS_KEY', 'secret-key': 'EXTERNAL_SECRET_KEY', token: 'EXTERNAL_TOKEN' };

/** What one end adds to the pod: its URL for juicefs sync, secret variables, and a volume for a pvc:// end. */
interface EndParts {
  readonly url: string;
  readonly env: readonly EnvVar[];
  readonly volume?: Volume;
  readonly mount?: VolumeMount;
}

const secretEnv = (name: string, ref: SecretRef): EnvVar => ({ name, valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } } });

/** pvc://<claim>[/<sub>] → the claim and the sub-folder ("" for the whole claim). */
function parsePvc(uri: string): { claim: string; subPath: string } {
  const [claim, ...rest] = uri.slice('pvc://'.length).split('/');
  return { claim: claim ?? '', subPath: rest.join('/') };
}

/**
 * The path inside the file system: the Dataset's sub-directory joined with the end's path, a trailing '/' kept
 * (juicefs sync reads it as "the folder's content"). Fluid drops the sub-directory for the enterprise edition;
 * both editions serve the same sub-directory to pods, so we join it for both.
 */
function fsPath(v: JuiceValues, own: string | undefined): string {
  if (!own) return v.subPath;
  const joined = posix.join(v.subPath, own).replace(/\/+$/, '') || '/';
  return own.endsWith('/') && joined !== '/' ? `${joined}/` : joined;
}

/**
 * A community volume is reached as jfs://FLUID_METAURL/...: juicefs sync reads the metadata URL from the variable the
 * host part names. An enterprise volume is reached by name, after `juicefs auth` with the runtime's credentials.
 */
function datasetEnd(v: JuiceValues, path: string | undefined): EndParts {
  const { fixed } = v.secrets;
  if (v.edition === 'community') {
    return { url: `jfs://FLUID_METAURL${fsPath(v, path)}`, env: fixed.metaurl ? [secretEnv('FLUID_METAURL', fixed.metaurl)] : [] };
  }
  const env = [
    ...(fixed.token ? [secretEnv('TOKEN', fixed.token)] : []),
    ...(fixed['access-key'] ? [secretEnv('ACCESS_KEY', fixed['access-key'])] : []),
    ...(fixed['secret-key'] ? [secretEnv('SECRET_KEY', fixed['secret-key'])] : []),
  ];
  return { url: `jfs://${v.volumeName}${fsPath(v, path)}`, env };
}

/**
 * An object-storage URI gets user info naming the credential variables, as $(VAR) references the kubelet fills in
 * when the container starts (they are declared before FROM and TO); the user's own '$' are doubled so the kubelet
 * leaves them as written.
 */
function externalEnd(storage: NonNullable<End['externalStorage']>): EndParts {
  if (storage.uri.startsWith('pvc://')) {
    const { claim, subPath } = parsePvc(storage.uri);
    return {
      url: NATIVE_DIR,
      env: [],
      volume: { name: NATIVE_VOLUME, persistentVolumeClaim: { claimName: claim } },
      mount: { name: NATIVE_VOLUME, mountPath: NATIVE_DIR, ...(subPath ? { subPath } : {}) },
    };
  }
  const options = storage.encryptOptions ?? [];
  const env = options.map((o) => secretEnv(EXTERNAL_ENV[o.name] ?? o.name, { name: o.valueFrom?.secretKeyRef?.name ?? '', key: o.valueFrom?.secretKeyRef?.key ?? '' }));
  const has = (name: string) => options.some((o) => o.name === name);
  const ref = (name: string) => (has(name) ? `$(${EXTERNAL_ENV[name]})` : '');
  const uri = storage.uri.replaceAll('$', () => '$$');
  if (!['access-key', 'secret-key', 'token'].some(has)) return { url: uri, env };
  const userInfo = `${ref('access-key')}:${ref('secret-key')}${has('token') ? `:${ref('token')}` : ''}`;
  const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)(?:[^/@]*@)?(.*)$/.exec(uri);
  return { url: match ? `${match[1]}${userInfo}@${match[2]}` : uri, env };
}

function endParts(v: JuiceValues, end: End): EndParts {
  return end.dataset ? datasetEnd(v, end.dataset.path) : externalEnd(end.externalStorage!);
}

/** Variables by name, first wins: both ends of one community volume need FLUID_METAURL once. */
function uniqueEnv(list: readonly EnvVar[]): EnvVar[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    if (seen.has(e.name)) return false;
    seen.add(e.name);
    return true;
  });
}

const SCRIPT_SUFFIX = 'script';

function scriptsOf(parallel: boolean): EngineScripts {
  return parallel
    ? { suffix: SCRIPT_SUFFIX, volumeName: 'data-migrate-script', files: PARALLEL_SCRIPT_FILES, data: PARALLEL_SCRIPTS }
    : { suffix: SCRIPT_SUFFIX, volumeName: 'data-migrate-script', files: MIGRATE_SCRIPT_FILES, data: MIGRATE_SCRIPTS };
}

function build(scope: Construct, input: OperationInput<DataMigrateSpec>): BuiltOperation {
  const { operation } = input;
  const runtime = input.runtime as RenderInput<JuiceFSRuntimeSpec>;
  const spec = operation.spec;
  const v = juiceValues(runtime);
  const id = operationIdentity('DataMigrate', operation.metadata.name, 'juicefs', v.ds.name, v.datasetId, spec.policy);
  const parallelism = spec.parallelism ?? 1;
  const parallel = parallelism > 1 ? parallelOptionsOf(spec.parallelOptions) : undefined;
  const operationLabel = `migrate-${v.datasetId}`;
  const from = endParts(v, spec.from);
  const to = endParts(v, spec.to);
  const native = [from, to].filter((e) => e.volume);
  const auth = v.edition === 'enterprise' ? [valueEnv('JFS_NAME', v.volumeName), ...(v.dataset.bucket ? [valueEnv('JFS_BUCKET', v.dataset.bucket)] : [])] : [];
  const secretEnv = uniqueEnv([...from.env, ...to.env]);
  const image = `${spec.image || v.fuseImage.image}:${spec.imageTag || v.fuseImage.tag}`;
  const imagePullPolicy = spec.imagePullPolicy || 'IfNotPresent';
  const pullSecrets = imagePullSecretsFromEnv(runtime.settings.env);
  const spread = withWorkerAntiAffinity(spec.affinity, operationLabel);
  const affinity = parallel ? spread : spec.affinity;
  const built = addEngineOperationJob(scope, {
    id,
    operation: { ...operation, spec: { ...spec, affinity } },
    pullSecrets,
    extraJobLabels: { parallelism: String(parallelism) },
    extraPodLabels: { [OPERATION_LABEL]: operationLabel },
    // A Cron run waits, suspended, until the operator has started the workers for it (Fluid's cronjob.yaml).
    suspendRuns: parallel !== undefined,
    container: {
      name: 'datamigrate',
      image,
      imagePullPolicy,
      command: ['/bin/sh', '-c'],
      args: [`/scripts/${MIGRATE_SCRIPT_FILES['datamigrate.sh']}`],
      env: [
        // Secret variables first: FROM and TO refer to them.
        ...secretEnv,
        valueEnv('PARALLELISM', String(parallelism)),
        ...(parallel ? launcherEnv(id.release, parallel) : []),
        valueEnv('EDITION', v.edition),
        valueEnv('TIMEOUT', timeoutOf(spec.options)),
        valueEnv('OPTION', commandFlags(spec.options)),
        ...auth,
        valueEnv('FROM', from.url),
        valueEnv('TO', to.url),
      ],
      ...(native.length || parallel ? { volumeMounts: [...native.map((e) => e.mount!), ...(parallel ? [SSH_MOUNT] : [])] } : {}),
      ...(spec.resources ? { resources: spec.resources } : {}),
    },
    pod: native.length || parallel ? { volumes: [...(parallel ? [sshVolume(parallel)] : []), ...native.map((e) => e.volume!)] } : {},
    scripts: scriptsOf(parallel !== undefined),
  });
  if (parallel) {
    new MigrateWorkers(scope, 'Workers', {
      release: id.release,
      labels: scriptLabels(id),
      operationLabel,
      // Running during a run, zero between Cron runs and after a Once run, as Fluid scales them.
      replicas: input.runEnded ? 0 : parallelism - 1,
      options: parallel,
      image,
      imagePullPolicy,
      resources: spec.resources,
      secretEnv,
      extraVolumes: native.map((e) => e.volume!),
      extraMounts: native.map((e) => e.mount!),
      affinity: spread,
      pullSecrets,
      scriptConfigMap: `${id.release}-${SCRIPT_SUFFIX}`,
    });
  }
  return built;
}

function externalErrors(storage: NonNullable<End['externalStorage']>, at: string): OperationFieldError[] {
  if (storage.uri.startsWith('local://')) {
    return [{ path: `${at}.uri`, message: 'local:// storage is not supported by the JuiceFS DataMigrate; use a pvc:// claim or an object-storage URI' }];
  }
  if (storage.uri.startsWith('pvc://')) {
    return parsePvc(storage.uri).claim ? [] : [{ path: `${at}.uri`, message: 'expected pvc://<claim>[/<path>]' }];
  }
  return (storage.encryptOptions ?? []).flatMap((o, i) =>
    o.valueFrom?.secretKeyRef?.name && o.valueFrom.secretKeyRef.key
      ? []
      : [{ path: `${at}.encryptOptions[${i}].valueFrom.secretKeyRef`, message: `encryptOption "${o.name}" is passed by secretKeyRef, which needs the Secret name and key` }],
  );
}

/** A Dataset end must be the runtime's own Dataset: this runtime holds no credentials for another. */
function endErrors(v: JuiceValues, end: End, name: EndName): OperationFieldError[] {
  const at = `spec.${name}`;
  if (end.dataset && end.externalStorage) return [{ path: at, message: 'set one of dataset and externalStorage, not both' }];
  if (end.externalStorage) return externalErrors(end.externalStorage, `${at}.externalStorage`);
  if (!end.dataset) return [{ path: at, message: 'set a dataset or an externalStorage' }];
  if (end.dataset.name === v.ds.name && end.dataset.namespace === v.ds.namespace) return [];
  return [{ path: `${at}.dataset`, message: `only the runtime's Dataset ${v.ds.namespace}/${v.ds.name} can be a Dataset end; got ${end.dataset.namespace}/${end.dataset.name}` }];
}

function check(input: OperationInput<DataMigrateSpec>): OperationFieldError[] {
  const spec = input.operation.spec;
  const v = juiceValues(input.runtime as RenderInput<JuiceFSRuntimeSpec>);
  return [
    ...parallelOptionErrors(spec.parallelism ?? 1, spec.parallelOptions),
    ...timeoutErrors(spec.options),
    ...endErrors(v, spec.from, 'from'),
    ...endErrors(v, spec.to, 'to'),
  ];
}

/** DataMigrate on a JuiceFSRuntime: `juicefs sync`, in one pod or spread over SSH workers; every option but timeout is a sync flag. */
export const juicefsDataMigrate: OperationBuilder<DataMigrateSpec> = { check, build };
