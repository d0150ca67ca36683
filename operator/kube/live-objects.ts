// Reads, dry runs and deletes for the commands that look at a live cluster (`diff`, `uninstall`): plain JSON in and
// out through kubeRequest, so nothing is dropped by client-node's models on the way. Nothing here decides.
import type * as k8s from '@kubernetes/client-node';
import type { ObservedObject } from '../reconcilers/cluster-view';
import { KubeApiError, kubeRequest } from './kube-request';
import { Resource, ResourceCatalog, resourcePath } from './resources';
import { FIELD_MANAGER } from './server-side-apply';

/** What the operator's own applies send (apply-plan.ts), plus dryRun: the apiserver runs every step but the write. */
const DRY_RUN_APPLY = `?fieldManager=${FIELD_MANAGER}&force=true&fieldValidation=Strict&dryRun=All`;
const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io';

/** An object addressed by its apiVersion and kind, as install's manifests are. */
export interface Addressed {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

function collectionPath(r: Resource, namespace: string | undefined): string {
  if (!r.namespaced || namespace !== undefined) return resourcePath(r, namespace);
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return `${base}/${r.plural}`;
}

function isNotFound(e: unknown): boolean {
  return e instanceof KubeApiError && e.status === 404;
}

/** A just-established or just-updated CRD answers 429 "storage is (re)initializing" for a moment. */
const BUSY_RETRIES = 20;
const BUSY_PAUSE_MS = 500;

/** The call, asked again while the apiserver answers 429 (at most BUSY_RETRIES times); any other error at once. */
async function whileBusy<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof KubeApiError && e.status === 429) || attempt >= BUSY_RETRIES) throw e;
      await new Promise((resolve) => setTimeout(resolve, BUSY_PAUSE_MS));
    }
  }
}

export class LiveObjects {
  private readonly discovered = new Map<string, Resource>();

  constructor(
    private readonly kc: k8s.KubeConfig,
    private readonly catalog: ResourceCatalog,
  ) {}

  resource(kind: string): Resource {
    return this.catalog.of(kind);
  }

  /** The stored object, or undefined when there is none. */
  async get(kind: string, name: string, namespace?: string): Promise<ObservedObject | undefined> {
    return this.getAt(this.resource(kind), name, namespace);
  }

  /** Every object of the kind in the namespace; without one, in all namespaces. A kind not served lists empty. */
  async list(kind: string, namespace?: string, labelSelector?: string): Promise<ObservedObject[]> {
    const query = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : '';
    try {
      const items = (await whileBusy(() => kubeRequest(this.kc, 'GET', collectionPath(this.resource(kind), namespace) + query))).body.items ?? [];
      return (items as ObservedObject[]).map((o) => ({ ...o, kind }));
    } catch (e) {
      if (isNotFound(e)) return [];
      throw e;
    }
  }

  /** Names and metadata only: for Secrets, whose values we never read. */
  async listMetadata(kind: string, namespace: string): Promise<ObservedObject[]> {
    const answer = await kubeRequest(this.kc, 'GET', collectionPath(this.resource(kind), namespace), undefined, 'application/json', METADATA_ONLY);
    return ((answer.body.items ?? []) as ObservedObject[]).map((o) => ({ ...o, apiVersion: 'v1', kind }));
  }

  /** The object as our field manager's forced server-side apply would leave it. */
  async dryRunApply(obj: ObservedObject): Promise<ObservedObject> {
    const r = this.resource(obj.kind);
    return (await kubeRequest(this.kc, 'PATCH', resourcePath(r, obj.metadata.namespace, obj.metadata.name) + DRY_RUN_APPLY, obj, 'application/apply-patch+yaml')).body;
  }

  /** The object as replacing it with `obj` (which carries the stored resourceVersion) would leave it. */
  async dryRunReplace(obj: ObservedObject): Promise<ObservedObject> {
    const r = this.resource(obj.kind);
    return (await kubeRequest(this.kc, 'PUT', `${resourcePath(r, obj.metadata.namespace, obj.metadata.name)}?dryRun=All&fieldValidation=Strict`, obj)).body;
  }

  /** The object as creating it would store it. */
  async dryRunCreate(obj: ObservedObject): Promise<ObservedObject> {
    const r = this.resource(obj.kind);
    return (await kubeRequest(this.kc, 'POST', `${resourcePath(r, obj.metadata.namespace)}?dryRun=All&fieldValidation=Strict`, obj)).body;
  }

  /** Asks for the deletion; false when the object was already gone. */
  async delete(kind: string, name: string, namespace?: string): Promise<boolean> {
    return this.deleteAt(this.resource(kind), name, namespace);
  }

  /** Sets the finalizers, refused (409) if the object changed since `resourceVersion` was read. */
  async setFinalizers(obj: ObservedObject, finalizers: readonly string[]): Promise<void> {
    const r = this.resource(obj.kind);
    const body = { metadata: { resourceVersion: obj.metadata.resourceVersion, finalizers } };
    await kubeRequest(this.kc, 'PATCH', resourcePath(r, obj.metadata.namespace, obj.metadata.name), body, 'application/merge-patch+json');
  }

  /** Takes these labels off a cluster-scoped object (a Node). */
  async removeLabels(kind: string, name: string, keys: readonly string[]): Promise<void> {
    const body = { metadata: { labels: Object.fromEntries(keys.map((k) => [k, null])) } };
    await kubeRequest(this.kc, 'PATCH', resourcePath(this.resource(kind), undefined, name), body, 'application/merge-patch+json');
  }

  /** Where an object of any kind is served, from the apiserver's discovery; undefined when its API is not served. */
  async discover(obj: Addressed): Promise<Resource | undefined> {
    const key = `${obj.apiVersion}/${obj.kind}`;
    const known = this.discovered.get(key);
    if (known) return known;
    const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
    let resources: { name: string; kind: string; namespaced: boolean }[];
    try {
      resources = (await kubeRequest(this.kc, 'GET', group ? `/apis/${group}/${version}` : `/api/${version}`)).body.resources ?? [];
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
    const found = resources.find((r) => r.kind === obj.kind && !r.name.includes('/'));
    if (!found) return undefined;
    const resource = { group, version, plural: found.name, namespaced: found.namespaced };
    this.discovered.set(key, resource);
    return resource;
  }

  /** The stored copy of an object install printed, or undefined when it (or its API) is gone. */
  async getAddressed(obj: Addressed): Promise<ObservedObject | undefined> {
    const r = await this.discover(obj);
    return r && this.getAt(r, obj.metadata.name, obj.metadata.namespace);
  }

  async deleteAddressed(obj: Addressed): Promise<boolean> {
    const r = await this.discover(obj);
    return r ? this.deleteAt(r, obj.metadata.name, obj.metadata.namespace) : false;
  }

  private async getAt(r: Resource, name: string, namespace?: string): Promise<ObservedObject | undefined> {
    try {
      return (await kubeRequest(this.kc, 'GET', resourcePath(r, namespace, name))).body;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  private async deleteAt(r: Resource, name: string, namespace?: string): Promise<boolean> {
    try {
      await kubeRequest(this.kc, 'DELETE', resourcePath(r, namespace, name), { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }
}
