// One coordination.k8s.io/v1 Lease, read and written with optimistic concurrency: every replace carries the
// resourceVersion that was read, so of two replicas writing at once the API server accepts one and answers
// the other 409 Conflict. leader-election.ts decides what to write; this file only moves records.
import * as k8s from '@kubernetes/client-node';
import { apiStatusCode, CountApiWrite } from './api-calls';
import { kubeRequest, KubeRequestOptions } from './kube-request';

/** A Lease's spec as plain values (times in epoch milliseconds). An empty holderIdentity means released. */
export interface LeaseRecord {
  readonly holderIdentity?: string;
  readonly leaseDurationSeconds?: number;
  readonly acquireTimeMs?: number;
  readonly renewTimeMs?: number;
  readonly leaseTransitions?: number;
  /** Of the stored object; required by replace. */
  readonly resourceVersion?: string;
}

/** What leader election needs from wherever the lease lives. */
export interface LeaseStore {
  readonly namespace: string;
  readonly name: string;
  /** undefined when the Lease does not exist. */
  read(): Promise<LeaseRecord | undefined>;
  /** The stored record, or 'conflict' when another replica created it first. */
  create(record: LeaseRecord): Promise<LeaseRecord | 'conflict'>;
  /** The stored record, or 'conflict' when the Lease changed since `record.resourceVersion` was read. */
  replace(record: LeaseRecord): Promise<LeaseRecord | 'conflict'>;
}

/**
 * The Lease's namespace does not exist. Retrying cannot help, and creating it would take a cluster-wide permission
 * (create namespaces) the operator needs for nothing else, so the operator stops and says how to fix it.
 */
export class LeaseNamespaceMissing extends Error {
  readonly fatal = true;

  constructor(readonly namespace: string) {
    super(`namespace ${namespace} does not exist, so the leader-election Lease cannot be created there; create it (kubectl create namespace ${namespace}) or start the operator with --lease-namespace set to an existing namespace`);
    this.name = 'LeaseNamespaceMissing';
  }
}

export interface KubeLeaseStoreOptions {
  readonly kubeConfig: k8s.KubeConfig;
  readonly namespace: string;
  readonly name: string;
  readonly countWrite?: CountApiWrite;
  /**
   * Each lease call is given up after this long, so a call the apiserver never answers (a connection that went
   * silent) ends and the elector tries again, rather than waiting for the kernel to notice.
   * @default LEASE_REQUEST_TIMEOUT_MS
   */
  readonly requestTimeoutMs?: number;
}

/** Below the elector's default renew deadline (10 s), so a hung renewal is given up and retried before it. */
export const LEASE_REQUEST_TIMEOUT_MS = 4_000;

/**
 * Through kubeRequest, so lease calls share the operator's keep-alive connection (client-node's API clients open a
 * TLS connection per call) and have a timeout; unthrottled, so a renewal never waits behind reconcile writes.
 */
export class KubeLeaseStore implements LeaseStore {
  readonly namespace: string;
  readonly name: string;
  private readonly kc: k8s.KubeConfig;
  private readonly countWrite?: CountApiWrite;
  private readonly requestOptions: KubeRequestOptions;

  constructor(options: KubeLeaseStoreOptions) {
    this.namespace = options.namespace;
    this.name = options.name;
    this.kc = options.kubeConfig;
    this.countWrite = options.countWrite;
    this.requestOptions = { timeoutMs: options.requestTimeoutMs ?? LEASE_REQUEST_TIMEOUT_MS, unthrottled: true };
  }

  private get collection(): string {
    return `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(this.namespace)}/leases`;
  }

  private call(method: string, path: string, body?: k8s.V1Lease): Promise<k8s.V1Lease> {
    return kubeRequest(this.kc, method, path, body, 'application/json', 'application/json', this.requestOptions).then((r) => r.body as k8s.V1Lease);
  }

  async read(): Promise<LeaseRecord | undefined> {
    try {
      return fromLease(await this.call('GET', `${this.collection}/${encodeURIComponent(this.name)}`));
    } catch (err) {
      if (apiStatusCode(err) === 404) return undefined;
      throw err;
    }
  }

  async create(record: LeaseRecord): Promise<LeaseRecord | 'conflict'> {
    this.countWrite?.('create', 'leases');
    try {
      return await conflictAware(this.call('POST', this.collection, this.toLease(record)));
    } catch (err) {
      // A create answers 404 only when the namespace is missing.
      if (apiStatusCode(err) === 404) throw new LeaseNamespaceMissing(this.namespace);
      throw err;
    }
  }

  async replace(record: LeaseRecord): Promise<LeaseRecord | 'conflict'> {
    if (record.resourceVersion === undefined) throw new Error(`Lease ${this.namespace}/${this.name}: replace needs the resourceVersion that was read`);
    this.countWrite?.('update', 'leases');
    return conflictAware(this.call('PUT', `${this.collection}/${encodeURIComponent(this.name)}`, this.toLease(record)));
  }

  private toLease(record: LeaseRecord): k8s.V1Lease {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.name, namespace: this.namespace, resourceVersion: record.resourceVersion },
      spec: {
        holderIdentity: record.holderIdentity,
        leaseDurationSeconds: record.leaseDurationSeconds,
        // MicroTime, not Date: the API server refuses 3 fractional digits (kubernetes/kubernetes#141204).
        acquireTime: microTime(record.acquireTimeMs),
        renewTime: microTime(record.renewTimeMs),
        leaseTransitions: record.leaseTransitions,
      },
    };
  }
}

async function conflictAware(write: Promise<k8s.V1Lease>): Promise<LeaseRecord | 'conflict'> {
  try {
    return fromLease(await write);
  } catch (err) {
    // 409 on create: AlreadyExists; on replace: Conflict (stale resourceVersion). Either way another replica wrote first.
    if (apiStatusCode(err) === 409) return 'conflict';
    throw err;
  }
}

function fromLease(lease: k8s.V1Lease): LeaseRecord {
  const spec = lease.spec ?? {};
  return {
    holderIdentity: spec.holderIdentity,
    leaseDurationSeconds: spec.leaseDurationSeconds,
    acquireTimeMs: epochMs(spec.acquireTime),
    renewTimeMs: epochMs(spec.renewTime),
    leaseTransitions: spec.leaseTransitions,
    resourceVersion: lease.metadata?.resourceVersion,
  };
}

function microTime(ms: number | undefined): k8s.V1MicroTime | undefined {
  return ms === undefined ? undefined : new k8s.V1MicroTime(ms);
}

/** client-node types MicroTime fields as Dates but, not knowing the type, hands back the server's string. */
function epochMs(time: Date | string | undefined): number | undefined {
  return time === undefined ? undefined : new Date(time).getTime();
}
