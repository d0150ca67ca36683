// How the operator's cache sync talks to a CacheRuntime: through the commands its CacheRuntimeClass declares in
// `executionEntries` (Fluid's api/v1alpha1 ExecutionEntries; pkg/ddc/cache/engine dataset.go GetCacheStates and
// ufs.go PrepareUFS). With a master, they run in the first master pod, else in the first worker; always in the
// template's first container. `reportSummary` prints the figures as JSON, `mountUFS` mounts the Dataset's UFS and
// prints the paths it has mounted, so no engine code is needed for a new cache system.
import type { CacheRuntimeSpec } from '../../../crds/schema/cache-runtime';
import type { CacheRuntimeClassObject } from '../render-input';
import { CacheClient, CacheQueryContext, CacheQueryError, containerStartedAt, execChecked, restartedSinceMount } from '../cache-client';
import type { CacheStates, ExecTarget } from '../cache-figures';
import { isNativeMount, unifiedNamespacePath } from '../ufs-namespace';
import { componentName } from './names';

/** Fluid runs an execution entry for at least this long (common.MinExecutionTimeoutSeconds). */
const MIN_TIMEOUT_SECONDS = 20;

type Entry = { readonly command: readonly string[]; readonly timeout?: number };

/** The component the entries belong to: the master unless the class has none or the runtime disables it. */
function executor(spec: CacheRuntimeSpec, runtimeClass: CacheRuntimeClassObject | undefined): { type: 'master' | 'worker'; hasMaster: boolean } {
  const hasMaster = !!runtimeClass?.topology?.master && !spec.master?.disabled;
  return { type: hasMaster ? 'master' : 'worker', hasMaster };
}

function entriesOf(ctx: CacheQueryContext<CacheRuntimeSpec>) {
  const { type } = executor(ctx.input.runtime.spec, ctx.input.runtimeClass);
  return ctx.input.runtimeClass?.topology?.[type]?.executionEntries;
}

function targetOf(ctx: CacheQueryContext<CacheRuntimeSpec>): ExecTarget {
  const { type } = executor(ctx.input.runtime.spec, ctx.input.runtimeClass);
  const definition = ctx.input.runtimeClass?.topology?.[type];
  const container = (definition?.template ?? definition?.podTemplateSpec)?.spec?.containers?.[0]?.name;
  if (!container) throw new CacheQueryError(`the CacheRuntimeClass ${type} template has no container to run its execution entries in`);
  return { pod: `${componentName(ctx.input.runtime.metadata.name, type)}-0`, container };
}

async function run(ctx: CacheQueryContext<CacheRuntimeSpec>, entry: Entry, name: string): Promise<unknown> {
  const target = targetOf(ctx);
  const stdout = await execChecked(ctx.exec, target, entry.command, { timeoutMs: Math.max(entry.timeout ?? 0, MIN_TIMEOUT_SECONDS) * 1000 });
  try {
    return JSON.parse(stdout) as unknown;
  } catch {
    throw new CacheQueryError(`${name} (\`${entry.command.join(' ')}\` in pod ${target.pod}) printed no JSON: ${JSON.stringify(stdout.slice(0, 120))}`);
  }
}

/** CacheRuntimeReportSummary: four strings, written as the class prints them. */
function reportSummaryOf(value: unknown): CacheStates {
  const report = (value ?? {}) as Record<string, unknown>;
  const text = (key: string): string => (typeof report[key] === 'string' ? (report[key] as string) : '');
  return { cached: text('cached'), cachedPercentage: text('cachedPercentage'), cacheCapacity: text('cacheCapacity'), cacheHitRatio: text('cacheHitRatio') };
}

export const cacheRuntimeCacheClient: CacheClient<CacheRuntimeSpec> = {
  // A class without reportSummary has no figures to give; that is not a failing cache (Fluid only logs it).
  async cacheStates(ctx) {
    const entry = entriesOf(ctx)?.reportSummary;
    if (!entry) return { figures: { states: {}, missing: {} } };
    return { figures: { states: reportSummaryOf(await run(ctx, entry, 'reportSummary')), missing: {} } };
  },

  // The same command mounts and unmounts: it reads the mounts from runtime.json, which the operator re-renders when
  // the Dataset changes and the kubelet refreshes in the pod, so it is settled once it reports the Dataset's paths.
  async syncMounts(ctx) {
    const entry = executor(ctx.input.runtime.spec, ctx.input.runtimeClass).hasMaster ? entriesOf(ctx)?.mountUFS : undefined;
    if (!entry) return { changed: false, settled: true, commands: [], managed: false };
    const output = (await run(ctx, entry, 'mountUFS')) as { mounted?: unknown };
    const mounted = Array.isArray(output?.mounted) ? output.mounted.filter((p): p is string => typeof p === 'string') : [];
    const wanted = (ctx.input.dataset.spec.mounts ?? []).filter((m) => !isNativeMount(m.mountPoint)).map(unifiedNamespacePath);
    const settled = mounted.length === wanted.length && wanted.every((p) => mounted.includes(p));
    return { changed: true, settled, commands: [entry.command.join(' ')] };
  },

  remountDue(ctx) {
    if (!executor(ctx.input.runtime.spec, ctx.input.runtimeClass).hasMaster || !entriesOf(ctx)?.mountUFS) return false;
    const mountTime = ctx.runtimeStatus.mountTime ? new Date(ctx.runtimeStatus.mountTime) : undefined;
    let target: ExecTarget;
    try {
      target = targetOf(ctx);
    } catch {
      return false;
    }
    return restartedSinceMount(mountTime, containerStartedAt(ctx.pods, target.pod, target.container).startedAt);
  },
};
