// ThinRuntime: a fuse for any file system, described by a cluster-wide ThinRuntimeProfile (charts/thin,
// pkg/ddc/thin). Objects: ConfigMap `<name>-fuse-conf` (config.json), DaemonSet `<name>-fuse`, and StatefulSet
// `<name>-worker` when the runtime enables workers. No master, no Service.
import type { Construct } from 'constructs';
import { fluidKind } from '../../../crds/schema/kinds';
import type { ThinRuntimeSpec } from '../../../crds/schema/thin-runtime';
import { RuntimeConfigMap } from '../../components/runtime-config-map';
import type { BuiltRuntime, RenderInput, RuntimeEngine } from '../runtime-engine';
import { checkThin } from './check';
import { fuseConfig } from './config';
import { CONFIG_FILE, CRITICAL_FUSE_POD_ENV, FUSE_HOST_PID_ANNOTATION, FUSE_ROLE, THIN_CHART, THIN_KIND, THIN_RUNTIME_TYPE, WORKER_ROLE } from './defaults';
import { addThinFuse } from './fuse';
import { hostVolumes } from './host-volumes';
import { roleLabels, thinLayout, ThinLayout } from './layout';
import { mergeFuse, mergePullSecrets, mergeWorker } from './merge';
import { effectiveAccessModes } from './mount-options';
import { fuseConfigName } from './names';
import { joinVolumeSets, mountedVolumes } from './volumes';
import { thinStatusExtras } from './status-extras';
import { addThinWorker } from './worker';

/** Go's strconv.ParseBool, which Fluid uses for the hostPID annotation and CRITICAL_FUSE_POD. */
function goBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

type ThinInput = RenderInput<ThinRuntimeSpec>;
type ThinProfile = NonNullable<ThinInput['profile']>;

/** config.json in `<name>-fuse-conf`, then the fuse DaemonSet that mounts it and the Secrets it points into. */
function addFuse(scope: Construct, input: ThinInput, profile: ThinProfile, layout: ThinLayout) {
  const spec = input.runtime.spec;
  const ds = input.dataset.spec;
  const config = fuseConfig({ dataset: ds, runtimeOptions: spec.fuse?.options, targetPath: layout.targetPath });
  new RuntimeConfigMap(scope, 'FuseConfig', { name: fuseConfigName(layout.name), labels: roleLabels(layout, FUSE_ROLE).object, data: { [CONFIG_FILE]: config.json } });
  const fuse = mergeFuse(profile.spec, spec, { accessModes: effectiveAccessModes(ds.accessModes), targetPath: layout.targetPath });
  // Fluid numbers host volumes after the profile's fuse mounts and mounts them read-only only for a listed ReadOnlyMany.
  const profileMounts = mountedVolumes(profile.spec.volumes, profile.spec.fuse?.volumeMounts).mounts;
  const host = hostVolumes(ds.mounts, profileMounts, (ds.accessModes ?? []).includes('ReadOnlyMany'));
  const daemonSet = addThinFuse(scope, {
    layout,
    fuse,
    extraVolumes: joinVolumeSets([host.set, config.secrets]),
    cacheDir: spec.tieredstore?.levels?.[0]?.path,
    imagePullSecrets: mergePullSecrets(profile.spec, spec),
    hostPID: goBool(input.runtime.metadata.annotations?.[FUSE_HOST_PID_ANNOTATION]) ?? false,
    critical: goBool(input.settings.env[CRITICAL_FUSE_POD_ENV]) ?? true,
  });
  return { name: daemonSet.name, nodeSelector: fuse.nodeSelector };
}

function addWorker(scope: Construct, input: ThinInput, profile: ThinProfile, layout: ThinLayout) {
  const spec = input.runtime.spec;
  // Desired end state: Fluid renders 0 and scales to spec.replicas once the fuse config is in place.
  const replicas = spec.replicas ?? 0;
  const worker = addThinWorker(scope, {
    layout,
    worker: mergeWorker(profile.spec, spec),
    replicas,
    dataset: input.dataset.spec,
    cacheDir: spec.tieredstore?.levels?.[0]?.path,
    imagePullSecrets: mergePullSecrets(profile.spec, spec),
  });
  return { kind: 'StatefulSet' as const, name: worker.name, replicas };
}

function buildThin(scope: Construct, input: ThinInput): BuiltRuntime {
  const profile = input.profile;
  // An empty profileName means a reference dataset: no fuse of its own, and check() reports it as unsupported.
  if (!input.runtime.spec.profileName || !profile) return {};
  const layout = thinLayout(input);
  const fuse = addFuse(scope, input, profile, layout);
  const workers = input.runtime.spec.worker?.enabled ? addWorker(scope, input, profile, layout) : undefined;
  return {
    workers,
    fuse: { kind: 'DaemonSet', name: fuse.name },
    volume: { fluidPath: layout.targetPath, mountType: profile.spec.fileSystemType, fuseNodeSelector: fuse.nodeSelector && { ...fuse.nodeSelector } },
    // pkg/ddc/thin/worker.go getWorkerSelectors, keys sorted as metav1.FormatLabelSelector writes them.
    statusSelector: workers ? `app=${THIN_CHART.name},release=${layout.name},role=${WORKER_ROLE}` : undefined,
  };
}

export const thinEngine: RuntimeEngine<ThinRuntimeSpec> = {
  kind: THIN_KIND,
  runtimeType: THIN_RUNTIME_TYPE,
  definition: fluidKind(THIN_KIND),
  references: { kind: 'ThinRuntimeProfile', field: 'spec.profileName' },
  statusExtras: thinStatusExtras,
  servesDatasetMounts: true,
  check: checkThin,
  build: buildThin,
};
