// The volume lists of a thin pod: which declared volumes a component mounts, and how lists from the profile, the
// Dataset and the runtime combine.
import { upsertByName } from '../../components/pod-template';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';

/** Volumes of a pod and the mounts of its main container. */
export interface VolumeSet {
  /** Pod volumes, unique by name. */
  readonly volumes: readonly Volume[];
  /** Mounts of the container. */
  readonly mounts: readonly VolumeMount[];
}

export const NO_VOLUMES: VolumeSet = { volumes: [], mounts: [] };


/**
 * The declared volumes a component mounts: only those its volumeMounts name (pkg/ddc/thin/transform_volumes.go).
 * A mount naming no declared volume is left out here; check.ts reports it.
 */
export function mountedVolumes(declared: readonly Volume[] | undefined, mounts: readonly VolumeMount[] | undefined): VolumeSet {
  const byName = new Map((declared ?? []).map((v) => [v.name, v]));
  const kept = (mounts ?? []).filter((m) => byName.has(m.name));
  return { volumes: upsertByName([], kept.map((m) => byName.get(m.name)!)), mounts: kept };
}

/** Sets in order: volumes by name (later wins), mounts appended as Fluid appends them. */
export function joinVolumeSets(sets: readonly VolumeSet[]): VolumeSet {
  return sets.reduce<VolumeSet>((acc, s) => ({ volumes: upsertByName(acc.volumes, s.volumes), mounts: [...acc.mounts, ...s.mounts] }), NO_VOLUMES);
}
