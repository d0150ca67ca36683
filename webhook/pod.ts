// The application pod as the webhook sees it: the AdmissionReview's object, JSON with Kubernetes' field names.
// Only the parts the plugins read or write are typed; everything else passes through untouched.
import type { Container, NodeSelectorTerm, PodSpec, PreferredSchedulingTerm, Volume } from '../crds/schema/k8s/core.generated';

export type { Container, NodeSelectorTerm, PreferredSchedulingTerm, Volume };

export interface PodMetadata {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

export interface Pod {
  apiVersion?: string;
  kind?: string;
  metadata: PodMetadata;
  spec: PodSpec;
  [field: string]: unknown;
}

/** A copy the caller may change freely: plugins never change the pod they were given. */
export function clonePod(pod: Pod): Pod {
  return structuredClone(pod);
}

/** The name Fluid logs a pod under: its name, or its generateName before the apiserver picks one. */
export function podNameOf(pod: Pod): string {
  return pod.metadata.name || pod.metadata.generateName || '';
}

/** The PVCs the pod's volumes name, in volume order, each once (Fluid's kubeclient.GetPVCNamesFromPod). */
export function claimNamesOf(pod: Pod): string[] {
  const names = (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
  return [...new Set(names)];
}
