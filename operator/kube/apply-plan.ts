// Executes a Plan: the only place reconcilers' decisions reach the apiserver, and it decides nothing. Writes run in
// plan order; a 404 on delete is success; a 409 (a guarded patch on stale data, or a create whose name was taken
// meanwhile) fails the reconcile, which retries and decides again from fresh caches.
import type * as k8s from '@kubernetes/client-node';
import { keyOf, Plan, PlannedEvent, Write } from '../reconcilers/plan';
import { isRejection, Rejection } from '../reconcilers/rejected-write';
import type { CountApiWrite } from './api-calls';
import { KubeApiError, kubeRequest } from './kube-request';
import { ResourceCatalog, resourcePath } from './resources';
import { FIELD_MANAGER } from './server-side-apply';

export interface EventSink {
  record(event: PlannedEvent): Promise<void>;
}


const APPLY_QUERY = `?fieldManager=${FIELD_MANAGER}&force=true&fieldValidation=Strict`;
const CREATE_QUERY = `?fieldManager=${FIELD_MANAGER}&fieldValidation=Strict`;

async function execute(kc: k8s.KubeConfig, catalog: ResourceCatalog, write: Write, count: CountApiWrite): Promise<void> {
  const resourceOf = (kind: string) => catalog.of(kind);
  switch (write.op) {
    case 'create': {
      const obj = write.object;
      const r = resourceOf(obj.kind);
      count('create', r.plural);
      await kubeRequest(kc, 'POST', resourcePath(r, obj.metadata.namespace) + CREATE_QUERY, obj);
      return;
    }
    case 'apply': {
      const obj = write.object;
      const r = resourceOf(obj.kind);
      const path = resourcePath(r, obj.metadata.namespace, obj.metadata.name);
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
    case 'resume-job': {
      const r = resourceOf(write.key.kind);
      count('patch', r.plural);
      const body = { metadata: { resourceVersion: write.resourceVersion }, spec: { suspend: false } };
      await kubeRequest(kc, 'PATCH', resourcePath(r, write.key.namespace, write.key.name), body, 'application/merge-patch+json');
      return;
    }
    case 'node-labels': {
      count('patch', 'nodes');
      await kubeRequest(kc, 'PATCH', resourcePath(resourceOf('Node'), undefined, write.node), { metadata: { labels: write.labels } }, 'application/merge-patch+json');
      return;
    }
  }
}

/**
 * The apiserver refused an object a plan rendered (400, 403, 422): the reconcilers decide what that means
 * (rejected-write.ts); the writes before it stay done, the ones after it are not sent.
 */
export class RejectedWrite extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.message);
    this.name = 'RejectedWrite';
  }
}

/** The message of the apiserver's Status, without the method and path kubeRequest puts before it. */
function apiMessage(e: KubeApiError): string {
  return e.message.replace(/^[A-Z]+ \S+: \d+ /, '');
}

export async function applyPlan(kc: k8s.KubeConfig, catalog: ResourceCatalog, plan: Plan, events: EventSink, count: CountApiWrite): Promise<void> {
  for (const write of plan.writes) {
    try {
      await execute(kc, catalog, write, count);
    } catch (e) {
      const rendered = write.op === 'create' || write.op === 'apply';
      if (!rendered || !(e instanceof KubeApiError) || !isRejection(e.status)) throw e;
      throw new RejectedWrite({ object: keyOf(write.object), status: e.status, reason: e.reason, message: apiMessage(e) });
    }
  }
  for (const event of plan.events) await events.record(event);
}
