// What integration tests need to talk to the shared local cluster: a KubeConfig, deadline-bound waits,
// and a fresh namespace per test.
import * as k8s from '@kubernetes/client-node';
import { done, notYet, ProbeResult, waitFor } from '../../../operator/kube/wait';
import { clusterEnv } from './cluster-env';

export { describeError, done, notYet, waitFor } from '../../../operator/kube/wait';
export type { ProbeResult } from '../../../operator/kube/wait';

/** Namespace deletion runs the namespace controller over every API group; a few seconds here. */
const NAMESPACE_DELETE_DEADLINE_MS = 60_000;
/** KCM's ServiceAccount controller creates `default` shortly after the namespace. */
const SERVICE_ACCOUNT_DEADLINE_MS = 30_000;

export function loadKubeConfig(): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(clusterEnv('kubeconfig'));
  return kc;
}

/** Names of the cluster's fake Nodes. */
export function fakeNodeNames(): string[] {
  return clusterEnv('nodeNames').split(',');
}

export function apiServerLogFile(): string {
  return clusterEnv('apiServerLog');
}

export function isStatus(err: unknown, code: number): boolean {
  return err instanceof k8s.ApiException && err.code === code;
}

export interface NamespaceOptions {
  /**
   * Wait for the `default` ServiceAccount, without which the ServiceAccount admission plugin refuses pods.
   * Tests that create no pods can skip it. @default true
   */
  readonly waitForServiceAccount?: boolean;
  /**
   * namespacePerTest only: wait in afterAll until every namespace is gone. Deletions finish at about three
   * namespaces a second here, so a suite with a hundred tests that deletes its objects itself may skip this.
   * @default true
   */
  readonly awaitDeletion?: boolean;
}

/** Creates a namespace named `<prefix>-<random>`. */
export async function createNamespace(kc: k8s.KubeConfig, prefix: string, options: NamespaceOptions = {}): Promise<string> {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const name = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
  await core.createNamespace({ body: { metadata: { name, labels: { 'fluid-cdk8s.test/namespace': 'true' } } } });
  if (options.waitForServiceAccount ?? true) {
    await waitFor(`ServiceAccount ${name}/default`, SERVICE_ACCOUNT_DEADLINE_MS, async () => {
      await core.readNamespacedServiceAccount({ name: 'default', namespace: name });
      return done(true);
    });
  }
  return name;
}

/** Creates the namespace unless it exists; for objects whose manifest names their namespace. */
export async function ensureNamespace(kc: k8s.KubeConfig, name: string): Promise<void> {
  try {
    await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name } } });
  } catch (err) {
    if (!isStatus(err, 409)) throw err;
  }
}

/** Asks for the namespace's deletion; resolves once the request is accepted, not when the namespace is gone. */
export async function startNamespaceDeletion(kc: k8s.KubeConfig, name: string): Promise<void> {
  try {
    await kc.makeApiClient(k8s.CoreV1Api).deleteNamespace({ name });
  } catch (err) {
    if (!isStatus(err, 404)) throw err;
  }
}

/** Waits until the namespace is gone, so a stuck finalizer fails the tests that caused it. */
export async function waitForNamespaceGone(kc: k8s.KubeConfig, name: string): Promise<void> {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await waitFor(`namespace ${name} to be deleted`, NAMESPACE_DELETE_DEADLINE_MS, () => probeGone(
    () => core.readNamespace({ name }),
    (ns) => `phase ${ns.status?.phase}, conditions ${JSON.stringify(ns.status?.conditions?.filter((c) => c.status === 'True'))}`,
  ));
}

/**
 * Gives each test in the enclosing describe block its own namespace, created before it and deleted after it.
 * Read `.name` inside a test. The namespace controller holds every deletion for at least 5 s
 * (namespaceDeletionGracePeriod in KCM), so tests do not wait for it one by one: deletions run in the
 * background and afterAll waits for all of them together.
 */
export function namespacePerTest(kc: k8s.KubeConfig, prefix: string, options: NamespaceOptions = {}): { readonly name: string } {
  let current: string | undefined;
  const deleted: string[] = [];
  beforeEach(async () => {
    current = await createNamespace(kc, prefix, options);
  });
  afterEach(async () => {
    if (current === undefined) return;
    await startNamespaceDeletion(kc, current);
    deleted.push(current);
    current = undefined;
  });
  afterAll(async () => {
    if (options.awaitDeletion ?? true) await Promise.all(deleted.map((name) => waitForNamespaceGone(kc, name)));
  });
  return {
    get name(): string {
      if (current === undefined) throw new Error('namespacePerTest: no namespace outside a test');
      return current;
    },
  };
}

/** A probe that is done when `read` answers 404; otherwise `describe` says what is still there. */
export async function probeGone<T>(read: () => Promise<T>, describe: (obj: T) => string): Promise<ProbeResult<true>> {
  try {
    return notYet(describe(await read()));
  } catch (err) {
    if (isStatus(err, 404)) return done(true);
    throw err;
  }
}

/** `422 <message>` for an API error (client-node's own message embeds all headers and the body). */
export function apiErrorText(err: unknown): string {
  if (!(err instanceof k8s.ApiException)) return String(err);
  let body: unknown = err.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // Not JSON; use the text as it is.
    }
  }
  const message = (body as { message?: unknown } | undefined)?.message;
  return `${err.code} ${typeof message === 'string' ? message : String(body)}`;
}
