// Executes a Plan: the only place reconcilers' decisions reach the apiserver. Writes run in plan order; a 404 on
// delete is success; a 409 on a guarded metadata patch means we decided on stale data, so the reconcile retries.
import type * as k8s from '@kubernetes/client-node';
import type { Plan, PlannedEvent, Write } from '../reconcilers/plan';
import { KubeApiError, kubeRequest } from './kube-request';
import { resourceOf, resourcePath } from './resources';
import { FIELD_MANAGER } from './server-side-apply';
import { OWNER_ANNOTATION } from '../reconcilers/desired-objects';

/** An object we were about to create exists already and is not ours: it is left untouched. */
export class ForeignObjectError extends Error {
  constructor(
    readonly kind: string,
    readonly name: string,
    readonly namespace: string | undefined,
  ) {
    super(`${kind} ${namespace ? `${namespace}/` : ''}${name} already exists and was not created by fluid-cdk8s; it is left untouched, rename or remove it`);
    this.name = 'ForeignObjectError';
  }
}

/** Reads the object's owner annotation, or undefined when the object does not exist. */
async function ownerOfExisting(kc: k8s.KubeConfig, path: string): Promise<string | null | undefined> {
  try {
    const found = await kubeRequest(kc, 'GET', path);
    return found.body?.metadata?.annotations?.[OWNER_ANNOTATION] ?? null;
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return undefined;
    throw e;
  }
}

export interface EventSink {
  record(event: PlannedEvent): Promise<void>;
}

/** Counts API writes (the /metrics figure that proves an idle operator writes nothing). */
export type WriteCounter = (verb: 'apply' | 'delete' | 'patch', resource: string) => void;

const APPLY_QUERY = `?fieldManager=${FIELD_MANAGER}&force=true&fieldValidation=Strict`;

async function execute(kc: k8s.KubeConfig, write: Write, count: WriteCounter): Promise<void> {
  switch (write.op) {
    case 'apply': {
      const obj = write.object;
      const r = resourceOf(obj.kind);
      const path = resourcePath(r, obj.metadata.namespace, obj.metadata.name);
      if (write.claim) {
        const owner = await ownerOfExisting(kc, path);
        if (owner !== undefined && owner !== write.claim.ownerTag) throw new ForeignObjectError(obj.kind, obj.metadata.name, obj.metadata.namespace);
      }
      count('apply', r.plural);
      await kubeRequest(kc, 'PATCH', path + APPLY_QUERY, obj, 'application/apply-patch+yaml');
      return;
    }
    case 'status': {
      const r = resourceOf(write.key.kind);
      count('apply', `${r.plural}/status`);
      const body = { apiVersion: write.key.apiVersion, kind: write.key.kind, metadata: { name: write.key.name, namespace: write.key.namespace }, status: write.status };
      await kubeRequest(kc, 'PATCH', `${resourcePath(r, write.key.namespace, write.key.name)}/status${APPLY_QUERY}`, body, 'application/apply-patch+yaml');
      return;
    }
    case 'delete': {
      const r = resourceOf(write.key.kind);
      count('delete', r.plural);
      try {
        await kubeRequest(kc, 'DELETE', resourcePath(r, write.key.namespace, write.key.name), { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
      } catch (e) {
        if (!(e instanceof KubeApiError && e.status === 404)) throw e;
      }
      return;
    }
    case 'metadata': {
      const r = resourceOf(write.key.kind);
      count('patch', r.plural);
      // The resourceVersion in a merge patch makes the apiserver refuse it (409) if the object changed meanwhile.
      const body = { metadata: { resourceVersion: write.resourceVersion, ...write.patch } };
      await kubeRequest(kc, 'PATCH', resourcePath(r, write.key.namespace, write.key.name), body, 'application/merge-patch+json');
      return;
    }
    case 'status-merge': {
      const r = resourceOf(write.key.kind);
      count('patch', `${r.plural}/status`);
      const body = { metadata: { resourceVersion: write.resourceVersion }, status: write.status };
      // Its own field manager, so the runtime's server-side apply of the rest of the status never owns these fields.
      await kubeRequest(kc, 'PATCH', `${resourcePath(r, write.key.namespace, write.key.name)}/status?fieldManager=${FIELD_MANAGER}-operations`, body, 'application/merge-patch+json');
      return;
    }
    case 'node-labels': {
      count('patch', 'nodes');
      await kubeRequest(kc, 'PATCH', resourcePath(resourceOf('Node'), undefined, write.node), { metadata: { labels: write.labels } }, 'application/merge-patch+json');
      return;
    }
  }
}

export async function applyPlan(kc: k8s.KubeConfig, plan: Plan, events: EventSink, count: WriteCounter): Promise<void> {
  for (const write of plan.writes) await execute(kc, write, count);
  for (const event of plan.events) await events.record(event);
}
