// Installs our CustomResourceDefinitions and waits until the apiserver serves them.
import * as k8s from '@kubernetes/client-node';
import { done, notYet, waitFor } from './wait';
import { AppliedObject, FIELD_MANAGER, ResourceRef, serverSideApply } from './server-side-apply';

const CRD_RESOURCE: ResourceRef = { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', namespaced: false };
/** A CRD is served a moment after it is stored; NamesAccepted then Established follow within a second. */
const ESTABLISHED_DEADLINE_MS = 30_000;

interface CrdStatus {
  status?: { conditions?: { type: string; status: string; message?: string }[] };
}

export async function applyCrd(kc: k8s.KubeConfig, crd: AppliedObject, fieldManager = FIELD_MANAGER): Promise<void> {
  await serverSideApply(kc, CRD_RESOURCE, crd, fieldManager);
}

export async function waitForEstablished(kc: k8s.KubeConfig, name: string): Promise<void> {
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  await waitFor(`CRD ${name} to be Established`, ESTABLISHED_DEADLINE_MS, async () => {
    const crd = (await custom.getClusterCustomObject({ group: CRD_RESOURCE.group, version: CRD_RESOURCE.version, plural: CRD_RESOURCE.plural, name })) as CrdStatus;
    const conditions = crd.status?.conditions ?? [];
    if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) return done(true);
    return notYet(`conditions ${conditions.map((c) => `${c.type}=${c.status}${c.message ? ` (${c.message})` : ''}`).join(', ') || 'none'}`);
  });
}

/** Applies every CRD, then waits for all of them to be served. */
export async function installCrds(kc: k8s.KubeConfig, crds: readonly AppliedObject[], fieldManager = FIELD_MANAGER): Promise<void> {
  await Promise.all(crds.map((crd) => applyCrd(kc, crd, fieldManager)));
  await Promise.all(crds.map((crd) => waitForEstablished(kc, crd.metadata.name)));
}
