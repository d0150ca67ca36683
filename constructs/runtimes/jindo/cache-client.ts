// How the operator's cache sync talks to a running JindoCache, as Fluid's default Jindo engine does
// (pkg/ddc/jindocache: cache.go, metadata.go, hcfs.go, ufs.go, ufs_internal.go). Every command runs in the first
// master; a runtime with its master disabled has no cache to ask. Parsing is in cache-report.ts.
import type { JindoRuntimeSpec } from '../../../crds/schema/jindo-runtime';
import { CacheClient, containerStartedAt, execChecked, parsedOrThrow, successfulOutput } from '../cache-client';
import {
  JINDO_COMMANDS,
  jindoCacheFigures,
  jindoCacheSetLoaded,
  jindoCountCommand,
  jindoMasterTarget,
  jindoMountAlreadyExists,
  jindoMountCommand,
  jindoNamespacePath,
  jindoRemountDue,
  jindoUfsFigures,
  parseJindoCount,
  parseJindoMountTable,
  parseJindoReport,
} from './cache-report';
import { jindoValues } from './values';

const COMMANDS = JINDO_COMMANDS.jindocache;

function masterDisabled(spec: JindoRuntimeSpec): boolean {
  return !!spec.master?.disabled;
}

/** Fluid reads the capacity lines of the first tier's medium (cache.go); its default tier is memory. */
function memoryTier(spec: JindoRuntimeSpec): boolean {
  return (spec.tieredstore?.levels?.[0]?.mediumtype ?? 'MEM') === 'MEM';
}

export const jindoCacheClient: CacheClient<JindoRuntimeSpec> = {
  async cacheStates(ctx) {
    const { spec, metadata } = ctx.input.runtime;
    // With the master disabled the fuse reads the UFS directly: there is no cache to report, which is not a failure.
    if (masterDisabled(spec)) return { figures: { states: {}, missing: {} } };
    const report = await execChecked(ctx.exec, jindoMasterTarget(metadata.name), COMMANDS.report);
    return { figures: jindoCacheFigures(parsedOrThrow(parseJindoReport(report, memoryTier(spec))), ctx.datasetStatus.ufsTotal) };
  },

  async ufsTotals(ctx) {
    const { spec, metadata } = ctx.input.runtime;
    // QUERY_UFS_TOTAL (chart runtime.jindo.queryUfsTotal, on by default) turns the byte count off.
    if (masterDisabled(spec) || ctx.input.settings.env.QUERY_UFS_TOTAL === 'false') return {};
    const target = jindoMasterTarget(metadata.name);
    const counts = [];
    for (const mount of ctx.input.dataset.spec.mounts ?? []) counts.push(parseJindoCount(await execChecked(ctx.exec, target, jindoCountCommand(mount))));
    return parsedOrThrow(jindoUfsFigures(counts));
  },

  // No command: the endpoint is the first master's Service and its RPC port; "N/A" without a master (hcfs.go).
  async hcfs(ctx) {
    const { spec, metadata } = ctx.input.runtime;
    if (masterDisabled(spec)) return { endpoint: 'N/A', underlayerFileSystemVersion: '' };
    const rpc = jindoValues(ctx.input).ports.masterRpc;
    return { endpoint: `${metadata.name}-jindofs-master-0.${metadata.namespace ?? 'default'}:${rpc}`, underlayerFileSystemVersion: '' };
  },

  // PrepareUFS: mount every Dataset mount the master's table lacks, then load the cacheset if it is not. JindoCache
  // has no unmount in Fluid, so a mount the Dataset dropped stays until the master restarts.
  async syncMounts(ctx) {
    const { spec, metadata } = ctx.input.runtime;
    if (masterDisabled(spec)) return { changed: false, settled: true, commands: [], managed: false };
    const target = jindoMasterTarget(metadata.name);
    const mounted = new Set(parseJindoMountTable(await execChecked(ctx.exec, target, COMMANDS.mountTable)));
    const commands: string[] = [];
    for (const mount of ctx.input.dataset.spec.mounts ?? []) {
      if (mounted.has(jindoNamespacePath(mount))) continue;
      const command = jindoMountCommand(mount);
      const out = await ctx.exec(target, command);
      if (!jindoMountAlreadyExists(out.stdout)) successfulOutput(out, target, command);
      commands.push(command.join(' '));
    }
    if (!jindoCacheSetLoaded(await execChecked(ctx.exec, target, COMMANDS.listCacheSet))) {
      await execChecked(ctx.exec, target, COMMANDS.refreshCacheSet);
      commands.push(COMMANDS.refreshCacheSet.join(' '));
    }
    return { changed: commands.length > 0, settled: true, commands };
  },

  remountDue(ctx) {
    const { spec, metadata } = ctx.input.runtime;
    const { pod, container } = jindoMasterTarget(metadata.name);
    const master = containerStartedAt(ctx.pods, pod, container);
    return jindoRemountDue({
      masterDisabled: masterDisabled(spec),
      ...(master.listed ? { masterContainer: { startedAt: master.startedAt } } : {}),
      mountTime: ctx.runtimeStatus.mountTime ? new Date(ctx.runtimeStatus.mountTime) : undefined,
    });
  },
};
