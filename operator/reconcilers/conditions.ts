// Fluid's condition rules (pkg/utils/dataset_condition.go, runtime_condition.go): one entry per type, and the
// transition time is kept while the status stays the same, so rewriting an unchanged condition changes nothing.

export interface Condition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: string;
  /** Datasets call it lastUpdateTime, runtimes lastProbeTime; both are "when we last said so". */
  readonly lastUpdateTime?: string;
  readonly lastProbeTime?: string;
  /** The object's metadata.generation the condition was set for, where only a new spec can change it. */
  readonly observedGeneration?: number;
  /** Runtimes: the generation of the profile or class they name, recorded with observedGeneration (rejected-write.ts). */
  readonly referenceGeneration?: number;
}

/** A time as the apiserver writes it in conditions: RFC 3339, whole seconds. */
export function kubeTime(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

export type ConditionInput = Pick<Condition, 'type' | 'status' | 'reason' | 'message' | 'observedGeneration'>;

/**
 * Sets `wanted` in `existing`: an unchanged condition (same status, reason and message) is kept as it is, times
 * included; a changed one gets `now` as its times, keeping the transition time if only reason or message moved.
 */
export function setCondition<C extends Condition>(existing: readonly C[] | undefined, wanted: ConditionInput, now: string, timeField: 'lastUpdateTime' | 'lastProbeTime'): C[] {
  const list = [...(existing ?? [])];
  const at = list.findIndex((c) => c.type === wanted.type);
  const old = at >= 0 ? list[at] : undefined;
  if (old && old.status === wanted.status && old.reason === wanted.reason && old.message === wanted.message && old.observedGeneration === wanted.observedGeneration) return list;
  const next = {
    ...wanted,
    lastTransitionTime: old && old.status === wanted.status && old.lastTransitionTime ? old.lastTransitionTime : now,
    [timeField]: now,
  } as unknown as C;
  if (at >= 0) list[at] = next;
  else list.push(next);
  return list;
}

export function findCondition<C extends Condition>(list: readonly C[] | undefined, type: string): C | undefined {
  return list?.find((c) => c.type === type);
}

export function removeCondition<C extends Condition>(list: readonly C[] | undefined, type: string): C[] {
  return (list ?? []).filter((c) => c.type !== type);
}
