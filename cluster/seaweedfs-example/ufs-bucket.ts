// The examples' "remote storage" (examples/seaweedfs/ufs.yaml): an all-in-one SeaweedFS whose S3 gateway serves the
// bucket `ufs`. The harness reaches the pod from the host by its IP (the node's bridge routes the pod network):
// objects go in through the filer's HTTP API, where S3 buckets are the folders under /buckets, and the S3
// gateway's request counter tells whether a read reached the bucket.
import type * as k8s from '@kubernetes/client-node';
import { done, notYet, waitFor } from '../../operator/kube/wait';
import { applyObject, getObject } from '../apply-object';
import { pick, seaweedfsExampleObjects } from './example-objects';

export const UFS_BUCKET = 'ufs';
const FILER_PORT = 8888;
const METRICS_PORT = 9324;
/** The image is on the node; SeaweedFS's master elects itself in about 2 s. */
const READY_DEADLINE_MS = 60_000;
const UPLOAD_DEADLINE_MS = 120_000;

export class UfsBucket {
  private constructor(
    /** The UFS pod's IP. */
    readonly address: string,
  ) {}

  /** Applies ufs.yaml (the credentials Secret and the pod) in `namespace` and waits for its S3 gateway. */
  static async deploy(kc: k8s.KubeConfig, namespace: string, fieldManager: string): Promise<UfsBucket> {
    const objects = seaweedfsExampleObjects('ufs', { namespace });
    for (const obj of objects) await applyObject(kc, obj, fieldManager);
    const pod = pick(objects, 'Pod');
    const address = await waitFor(`UFS pod ${namespace}/${pod.metadata.name} to be Ready`, READY_DEADLINE_MS, async () => {
      const p = (await getObject(kc, 'Pod', pod.metadata.name, namespace)) as k8s.V1Pod | undefined;
      const ready = p?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      return ready && p?.status?.podIP ? done(p.status.podIP) : notYet(`${p?.status?.phase ?? 'absent'} ${JSON.stringify(p?.status?.containerStatuses?.[0]?.state ?? {})}`);
    }, { intervalMs: 250 });
    return new UfsBucket(address);
  }

  /** `http://<ip>:8333`, what the Datasets' `endpoint` option names. */
  get s3Endpoint(): string {
    return `http://${this.address}:8333`;
  }

  /** Stores an object in the bucket; `key` may hold slashes (sub/nested.txt). */
  async put(key: string, data: Buffer | string): Promise<void> {
    const url = `http://${this.address}:${FILER_PORT}/buckets/${UFS_BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`;
    // A Blob is a body fetch's types accept from any Buffer (a Buffer may sit on a SharedArrayBuffer, so it is not one).
    const body = typeof data === 'string' ? data : new Blob([new Uint8Array(data)]);
    const res = await fetch(url, { method: 'PUT', body, signal: AbortSignal.timeout(UPLOAD_DEADLINE_MS) });
    if (!res.ok) throw new Error(`PUT ${url}: ${res.status} ${await res.text()}`);
  }

  /** Requests the S3 gateway has answered so far, all kinds summed (SeaweedFS_s3_request_total). */
  async s3Requests(): Promise<number> {
    return sumOf(await this.metrics(), 'SeaweedFS_s3_request_total');
  }

  /** The gateway's Prometheus text, for messages that must say what reached the bucket. */
  async metrics(): Promise<string> {
    const res = await fetch(`http://${this.address}:${METRICS_PORT}/metrics`, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`GET metrics of the UFS: ${res.status}`);
    return res.text();
  }
}

/** The sum of every sample of a counter in Prometheus text format. */
export function sumOf(metrics: string, counter: string): number {
  return metrics.split('\n')
    .filter((line) => line.startsWith(`${counter}{`) || line.startsWith(`${counter} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
