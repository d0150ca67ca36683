// One AdmissionReview in, its answer out, as Fluid's handler answers (pkg/webhook/handler/mutating/mutating_handler.go):
// the pod's namespace must match the request's; a pod with no namespace takes the request's while plugins run and
// is answered without it; a mutation is a JSONPatch; a refusal is allowed: false with a message naming the pod.
import type { UseContext } from './dataset-uses';
import { datasetUsesOf } from './dataset-uses';
import { mutatePod } from './mutate-pod';
import type { Pod } from './pod';
import type { PluginProfile } from './plugins-profile';
import type { PluginSettings } from './plugins/pod-plugin';

/** The webhook path of Fluid's chart, kept so its MutatingWebhookConfiguration works unchanged. */
export const MUTATE_PATH = '/mutate-fluid-io-v1alpha1-schedulepod';

export interface AdmissionReview {
  apiVersion?: string;
  kind?: string;
  request?: { uid: string; namespace?: string; object?: Pod; operation?: string; dryRun?: boolean };
}

export interface AdmissionAnswer {
  readonly review: Record<string, unknown>;
  /** For the log: what was decided and why. */
  readonly summary: string;
}

function answer(review: AdmissionReview, response: Record<string, unknown>, summary: string): AdmissionAnswer {
  return { review: { apiVersion: review.apiVersion ?? 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: review.request?.uid ?? '', ...response } }, summary };
}

function refuse(review: AdmissionReview, code: number, message: string): AdmissionAnswer {
  return answer(review, { allowed: false, status: { code, message } }, `denied: ${message}`);
}

export function reviewPod(review: AdmissionReview, ctx: UseContext, profile: PluginProfile, settings: PluginSettings): AdmissionAnswer {
  const req = review.request;
  const pod = req?.object;
  if (!req || !pod || pod.kind !== 'Pod' || !pod.metadata || !pod.spec) return refuse(review, 400, 'the request carries no Pod');
  const name = pod.metadata.name || pod.metadata.generateName || '';
  if (pod.metadata.namespace && pod.metadata.namespace !== req.namespace) {
    return refuse(review, 403, `pod ${name}: metadata.namespace ${JSON.stringify(pod.metadata.namespace)} differs from the request's namespace ${JSON.stringify(req.namespace)}`);
  }
  const namespace = pod.metadata.namespace || req.namespace;
  if (!namespace) return refuse(review, 500, `pod ${name}: neither the pod nor the request names a namespace`);
  const uses = datasetUsesOf(pod, namespace, ctx);
  if (!uses.ok) return refuse(review, 500, `pod ${namespace}/${name}: ${uses.error}`);
  const m = mutatePod(pod, uses.uses, profile, settings);
  if (m.kind === 'denied') return refuse(review, 500, `pod ${namespace}/${name}: ${m.message}`);
  if (m.kind === 'skipped' || m.patch.length === 0) return answer(review, { allowed: true }, m.kind === 'skipped' ? `skipped: ${m.reason}` : 'unchanged');
  return answer(
    review,
    { allowed: true, patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify(m.patch)).toString('base64') },
    `mutated by ${m.plugins.join(', ')} for ${uses.uses.map((u) => u.name).join(', ') || 'no dataset'}`,
  );
}
