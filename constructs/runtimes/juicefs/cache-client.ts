// How the operator's cache sync reads a running JuiceFS, as Fluid's JuiceFS engine does (pkg/ddc/juicefs: cache.go,
// metadata.go, ufs_internal.go): `.stats` of every running cache pod, and `df` and a file count in the first running
// worker. JuiceFS mounts its volume by itself, so there is no mount sync. Parsing is in cache-report.ts.
import type { JuiceFSRuntimeSpec } from '../../../crds/schema/juicefs-runtime';
import { datasetRefOf } from '../runtime-engine';
import { CacheClient, CacheQueryContext, CacheQueryError, execChecked, parsedOrThrow } from '../cache-client';
import type { PodSummary } from '../render-input';
import {
  JUICEFS_DF_COMMAND,
  juicefsCacheFigures,
  juicefsFileCountCommand,
  juicefsMountPath,
  juicefsStatsCommand,
  juicefsStatsSource,
  juicefsUfsFigures,
  juicefsVolumeSource,
  juicefsWorkerCacheBytes,
  parseJuiceFSDfUsed,
  parseJuiceFSFileCount,
  parseJuiceFSStats,
} from './cache-report';
import { editionOf } from './values';

/** Running pods of one workload, in name order (Fluid takes the first running worker for df and the file count). */
function runningPodsOf(pods: readonly PodSummary[], source: { kind: string; name: string }): PodSummary[] {
  return pods
    .filter((p) => p.phase === 'Running' && p.controller?.kind === source.kind && p.controller.name === source.name)
    .sort((a, b) => a.name.localeCompare(b.name));
}

function mountPathOf(ctx: CacheQueryContext<JuiceFSRuntimeSpec>): string {
  return juicefsMountPath(ctx.input.settings.mountRoot, datasetRefOf(ctx.input));
}

function firstWorker(ctx: CacheQueryContext<JuiceFSRuntimeSpec>): { pod: string; container: string } {
  const source = juicefsVolumeSource(ctx.input.runtime.metadata.name);
  const worker = runningPodsOf(ctx.pods, source)[0];
  if (!worker) throw new CacheQueryError(`no running pod of StatefulSet ${source.name} to read the volume's size from`);
  return { pod: worker.name, container: source.container };
}

export const juicefsCacheClient: CacheClient<JuiceFSRuntimeSpec> = {
  async cacheStates(ctx) {
    const { spec, metadata } = ctx.input.runtime;
    const edition = editionOf(ctx.input.dataset.spec);
    const mountPath = mountPathOf(ctx);
    const source = juicefsStatsSource(metadata.name, edition);
    const pods = [];
    for (const pod of runningPodsOf(ctx.pods, source)) {
      pods.push(parsedOrThrow(parseJuiceFSStats(await execChecked(ctx.exec, { pod: pod.name, container: source.container }, juicefsStatsCommand(mountPath)), edition)));
    }
    // Fluid computes the other figures when df fails, and leaves the percentage out (cache.go).
    let usedBytes: bigint | undefined;
    try {
      const worker = firstWorker(ctx);
      const used = parseJuiceFSDfUsed(await execChecked(ctx.exec, worker, JUICEFS_DF_COMMAND), mountPath);
      usedBytes = used.ok ? used.value : undefined;
    } catch (e) {
      if (!(e instanceof CacheQueryError)) throw e;
    }
    const workerCacheBytes = parsedOrThrow(juicefsWorkerCacheBytes(spec.tieredstore?.levels?.[0]?.quota, spec.worker?.options?.['cache-size']));
    const workersReady = Number(ctx.runtimeStatus.workerNumberReady ?? 0);
    return { figures: juicefsCacheFigures({ edition, workerCacheBytes, workersReady, pods, usedBytes }) };
  },

  async ufsTotals(ctx) {
    const mountPath = mountPathOf(ctx);
    const worker = firstWorker(ctx);
    const used = parsedOrThrow(parseJuiceFSDfUsed(await execChecked(ctx.exec, worker, JUICEFS_DF_COMMAND), mountPath));
    const files = parsedOrThrow(parseJuiceFSFileCount(await execChecked(ctx.exec, worker, juicefsFileCountCommand(mountPath), { timeoutMs: 3600_000 })));
    return juicefsUfsFigures(used, files);
  },
};
