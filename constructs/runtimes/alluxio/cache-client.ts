// How the operator's cache sync talks to a running Alluxio, as Fluid's Alluxio engine does (status.go, metadata.go,
// hcfs.go, ufs.go, ufs_internal.go): every command runs in the first master; the parsing is in cache-report.ts.
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import type { Mount } from '../../../crds/schema/common/mount';
import { CacheClient, containerStartedAt, execChecked, parsedOrThrow } from '../cache-client';
import {
  ALLUXIO_COMMANDS,
  alluxioCacheFigures,
  alluxioCountCommand,
  alluxioLoadMetadataCommand,
  alluxioLocalDirSyncCommand,
  alluxioMasterTarget,
  alluxioMetricsSampleDue,
  AlluxioRatios,
  alluxioRatios,
  AlluxioReadMetrics,
  alluxioRemountDue,
  alluxioUfsFigures,
  parseAlluxioConfValue,
  parseAlluxioCount,
  parseAlluxioFilesCompleted,
  parseAlluxioMountTable,
  parseAlluxioReadMetrics,
  parseAlluxioSummary,
} from './cache-report';
import { resolvePorts } from './ports';
import { alluxioPath, isNativeMount, localStoragePath } from './ufs-mounts';

/** The metrics sample hit ratios are computed against, kept between queries like Fluid's engine fields. */
export interface AlluxioCacheMemo {
  readonly sample?: AlluxioReadMetrics;
  readonly sampledAtMs?: number;
  readonly ratios?: AlluxioRatios;
}

/** Loading the metadata of a big namespace takes long; Fluid gives it no deadline, we give it a day. */
const LOAD_METADATA_TIMEOUT_MS = 24 * 3600_000;

/** Paths the Dataset wants mounted by command: its non-native mounts, the root excepted (ufs_internal.go). */
function wantedPaths(mounts: readonly Mount[]): string[] {
  return mounts.filter((m) => !isNativeMount(m.mountPoint)).map(alluxioPath).filter((p) => p !== '/');
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((p) => left.has(p));
}

export const alluxioCacheClient: CacheClient<AlluxioRuntimeSpec, AlluxioCacheMemo> = {
  async cacheStates(ctx, memo) {
    const target = alluxioMasterTarget(ctx.input.runtime.metadata.name);
    const capacity = parsedOrThrow(parseAlluxioSummary(await execChecked(ctx.exec, target, ALLUXIO_COMMANDS.summary)));
    let next: AlluxioCacheMemo = memo ?? {};
    const nowMs = ctx.now.getTime();
    if (alluxioMetricsSampleDue(memo?.sampledAtMs, nowMs)) {
      const sample = parsedOrThrow(parseAlluxioReadMetrics(await execChecked(ctx.exec, target, ALLUXIO_COMMANDS.metrics)));
      next = { sample, sampledAtMs: nowMs, ratios: alluxioRatios(sample, memo?.sample) };
    }
    return { figures: alluxioCacheFigures({ capacity, ufsTotal: ctx.datasetStatus.ufsTotal, ratios: next.ratios }), memo: next };
  },

  async ufsTotals(ctx) {
    const target = alluxioMasterTarget(ctx.input.runtime.metadata.name);
    // local:// and pvc:// folders are read by Alluxio through the master's mounts; Fluid touches them first.
    for (const mount of ctx.input.dataset.spec.mounts ?? []) {
      if (!isNativeMount(mount.mountPoint)) continue;
      await execChecked(ctx.exec, target, alluxioLocalDirSyncCommand(localStoragePath(mount)));
    }
    await execChecked(ctx.exec, target, alluxioLoadMetadataCommand('/'), { timeoutMs: LOAD_METADATA_TIMEOUT_MS });
    const count = parsedOrThrow(parseAlluxioCount(await execChecked(ctx.exec, target, alluxioCountCommand('/'))));
    const files = parsedOrThrow(parseAlluxioFilesCompleted(await execChecked(ctx.exec, target, ALLUXIO_COMMANDS.fileCount)));
    return alluxioUfsFigures(count, files);
  },

  async hcfs(ctx) {
    const { name, namespace } = ctx.input.runtime.metadata;
    const target = alluxioMasterTarget(name);
    const version = parsedOrThrow(parseAlluxioConfValue(await execChecked(ctx.exec, target, ALLUXIO_COMMANDS.underFsVersion), 'alluxio.underfs.version'));
    const rpc = resolvePorts(ctx.input.runtime.spec, ctx.input.ports).master.rpc;
    return { endpoint: `alluxio://${name}-master-0.${namespace ?? 'default'}:${rpc}`, underlayerFileSystemVersion: version };
  },

  // Fluid's default "configmap" mount mode: the mount-config ConfigMap (re-rendered from the Dataset) lists the
  // mounts and the master's mount.sh mounts and unmounts to match; the kubelet takes up to a minute to show a changed
  // ConfigMap in the pod, so the sync counts as settled only once the mount table matches (ufs_internal.go).
  async syncMounts(ctx) {
    const target = alluxioMasterTarget(ctx.input.runtime.metadata.name);
    const wanted = wantedPaths(ctx.input.dataset.spec.mounts ?? []);
    const table = async () => parsedOrThrow(parseAlluxioMountTable(await execChecked(ctx.exec, target, ALLUXIO_COMMANDS.mountTable))).map((e) => e.alluxioPath).filter((p) => p !== '/');
    if (sameSet(wanted, await table())) return { changed: false, settled: true, commands: [] };
    await execChecked(ctx.exec, target, ALLUXIO_COMMANDS.mountScript);
    return { changed: true, settled: sameSet(wanted, await table()), commands: [ALLUXIO_COMMANDS.mountScript.join(' ')] };
  },

  remountDue(ctx) {
    const mountTime = ctx.runtimeStatus.mountTime ? new Date(ctx.runtimeStatus.mountTime) : undefined;
    const { pod, container } = alluxioMasterTarget(ctx.input.runtime.metadata.name);
    return alluxioRemountDue(mountTime, containerStartedAt(ctx.pods, pod, container).startedAt);
  },
};
