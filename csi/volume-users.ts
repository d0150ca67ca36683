// Who still uses a fuse on this node, besides the volume being unstaged: running pods that mount the claim (a pod
// bound here may not have been published yet), targets published for it, and targets of other volumes served by
// the same fuse (reference datasets share their physical dataset's fluid_path and label).
import { Publication } from './publication';

interface PodLike {
  readonly metadata?: { readonly namespace?: string; readonly name?: string; readonly deletionTimestamp?: unknown };
  readonly spec?: { readonly volumes?: readonly { readonly persistentVolumeClaim?: { readonly claimName?: string } }[] };
  readonly status?: { readonly phase?: string };
}

/** Pods (listed on this node) that mount the claim and are neither finished nor being deleted. */
export function podsUsingClaim(pods: readonly PodLike[], claim: { namespace: string; name: string }): string[] {
  return pods
    .filter((p) => p.metadata?.namespace === claim.namespace && !p.metadata?.deletionTimestamp)
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .filter((p) => p.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === claim.name))
    .map((p) => `pod ${p.metadata?.namespace}/${p.metadata?.name}`);
}

/** Published targets on the same fuse: same label key, or the same fluid_path when a record has no key. */
export function publicationsOnFuse(publications: readonly Publication[], fuse: { labelKey: string; fluidPath?: string }): string[] {
  return publications
    .filter((p) => p.fuseLabelKey === fuse.labelKey || (fuse.fluidPath !== undefined && p.fluidPath === fuse.fluidPath))
    .map((p) => `target ${p.targetPath}`);
}
