// FilePrefetcher (pkg/webhook/plugins/fileprefetcher): on request (annotation file-prefetcher.fluid.io/inject),
// a sidecar that reads the listed files of the pod's Datasets once, so the cache is warm when the app starts.
// The list is `pvc://<pvc>[/<glob>]` entries separated by ";" (default: every Dataset PVC, all files); each PVC's
// volume is mounted in the prefetcher at /data/<volume>. Unless async, the prefetcher's postStart waits for its
// status file, which holds the app's containers until the prefetch is done.
import { posix } from 'node:path';
import type { Container, Volume } from '../pod';
import { clonePod, podNameOf } from '../pod';
import type { DatasetUse } from '../dataset-use';
import { FUSE_CONTAINER } from './fuse-sidecar';
import { PluginError, PodPlugin } from './pod-plugin';

const PREFIX = 'file-prefetcher.fluid.io/';
export const PREFETCH_INJECT = `${PREFIX}inject`;
export const PREFETCH_INJECT_DONE = `${PREFIX}inject-done`;
export const PREFETCH_IMAGE = `${PREFIX}image`;
export const PREFETCH_FILE_LIST = `${PREFIX}file-list`;
export const PREFETCH_ASYNC = `${PREFIX}async-prefetch`;
export const PREFETCH_EXTRA_ENVS = `${PREFIX}extra-envs`;
export const PREFETCH_TIMEOUT = `${PREFIX}prefetch-timeout-seconds`;

const CONTAINER = 'fluid-file-prefetcher';
const STATUS_VOLUME = 'fluid-file-prefetcher-status-vol';
const STATUS_PATH = '/tmp/fluid-file-prefetcher/status';
const ALL = '<ALL>';
const DEFAULT_TIMEOUT = '120';
/** Fluid's postStart: wait for the prefetcher's status file, up to its timeout. */
const WAIT_FOR_STATUS = 'cnt=0; while [[ $cnt -lt $FILE_PREFETCHER_TIMEOUT_SECONDS ]]; do if [[ -e "/tmp/fluid-file-prefetcher/status/prefetcher.status" ]]; then exit 0; fi; cnt=$(expr $cnt + 1); sleep 1; done; echo "time out waiting for prefetching done"; exit 1';

function fail(podName: string, key: string, reason: string): never {
  throw new PluginError(`pod ${podName}: metadata.annotations["${key}"]: ${reason}`);
}

/** Mount paths by volume name and the glob paths to read, from the file list; entries outside Fluid's PVCs are skipped. */
function globsOf(fileList: string, volumes: readonly Volume[], claims: ReadonlySet<string>): { mounts: Map<string, string>; globs: string[] } {
  const mounts = new Map<string, string>();
  const globs: string[] = [];
  for (const entry of fileList.split(';')) {
    if (!entry.startsWith('pvc://')) continue;
    const [claim, ...rest] = entry.slice('pvc://'.length).split('/');
    if (!claims.has(claim)) continue;
    const glob = rest.length === 0 ? '**' : posix.normalize(`/${rest.join('/')}`);
    for (const v of volumes) {
      if (v.persistentVolumeClaim?.claimName !== claim) continue;
      mounts.set(v.name, posix.join('/data', v.name));
      globs.push(posix.join(mounts.get(v.name)!, glob));
    }
  }
  return { mounts, globs };
}

export const filePrefetcher: PodPlugin = {
  name: 'FilePrefetcher',
  mutate(pod, uses: readonly DatasetUse[], settings) {
    const annotations = pod.metadata.annotations ?? {};
    if (annotations[PREFETCH_INJECT] !== 'true' || annotations[PREFETCH_INJECT_DONE] === 'true') return { pod };
    const podName = podNameOf(pod);
    const image = annotations[PREFETCH_IMAGE] ?? settings.filePrefetcherImage ?? '';
    if (!image) fail(podName, PREFETCH_IMAGE, 'the file prefetcher needs an image: set this annotation, or the operator\'s --file-prefetcher-image');
    const extraEnvs = (annotations[PREFETCH_EXTRA_ENVS] ?? '').split(' ').filter((s) => s !== '').map((pair) => {
      const kv = pair.split('=');
      if (kv.length !== 2) fail(podName, PREFETCH_EXTRA_ENVS, `expected "<key1>=<value1> <key2>=<value2>", got the pair ${JSON.stringify(pair)}`);
      return { name: kv[0], value: kv[1] };
    });
    const asyncText = annotations[PREFETCH_ASYNC] ?? 'false';
    if (!['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False', 'T', 'F'].includes(asyncText)) fail(podName, PREFETCH_ASYNC, `expected true or false, got ${JSON.stringify(asyncText)}`);
    const asyncPrefetch = ['true', '1', 't', 'TRUE', 'True', 'T'].includes(asyncText);
    const timeout = annotations[PREFETCH_TIMEOUT] ?? DEFAULT_TIMEOUT;
    if (!/^[+-]?\d+$/.test(timeout)) fail(podName, PREFETCH_TIMEOUT, `expected a whole number of seconds, got ${JSON.stringify(timeout)}`);

    const claims = new Set(uses.map((u) => u.claimName));
    let fileList = annotations[PREFETCH_FILE_LIST] ?? ALL;
    if (fileList === ALL) fileList = uses.map((u) => `pvc://${u.claimName}`).join(';');
    const { mounts, globs } = globsOf(fileList, pod.spec.volumes ?? [], claims);
    if (globs.length === 0) return { pod };

    const out = clonePod(pod);
    const statusMount = { name: STATUS_VOLUME, mountPath: STATUS_PATH };
    const container: Container = {
      name: CONTAINER,
      image,
      env: [
        { name: 'FILE_PREFETCHER_FILE_LIST', value: globs.join(';') },
        { name: 'FILE_PREFETCHER_ASYNC_PREFETCH', value: String(asyncPrefetch) },
        { name: 'FILE_PREFETCHER_TIMEOUT_SECONDS', value: String(Number.parseInt(timeout, 10)) },
        ...extraEnvs,
      ],
      volumeMounts: [...[...mounts].map(([name, mountPath]) => ({ name, mountPath })), statusMount],
      ...(asyncPrefetch ? {} : { lifecycle: { postStart: { exec: { command: ['bash', '-c', WAIT_FOR_STATUS] } } } }),
    };
    if (asyncPrefetch) {
      for (const c of out.spec.containers) if (!c.name.startsWith(FUSE_CONTAINER)) c.volumeMounts = [...(c.volumeMounts ?? []), statusMount];
    }
    // Right after the fuse sidecars, which must mount before anything reads.
    let lastFuse = -1;
    out.spec.containers.forEach((c, i) => {
      if (c.name.startsWith(FUSE_CONTAINER)) lastFuse = i;
    });
    out.spec.containers.splice(lastFuse + 1, 0, container);
    out.spec.volumes = [...(out.spec.volumes ?? []), { name: STATUS_VOLUME, emptyDir: {} }];
    out.metadata.annotations = { ...out.metadata.annotations, [PREFETCH_INJECT_DONE]: 'true' };
    return { pod: out };
  },
};
